# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import Form, tagged

from .sla_common import ServiceDeskSlaCommon, local


@tagged("service_desk_sla")
class TestServiceDeskSlaReplan(ServiceDeskSlaCommon):
    def test_holiday_added_later_moves_open_clocks_on_confirmation(self):
        with self.at("2026-01-09 17:30"):
            ticket = self._new_ticket()
            solved = self._new_ticket()
            solved.stage_id = self.stage_solved
        clock = self.clock(ticket)
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "date_from": local("2026-01-12 00:00"),
                "date_to": local("2026-01-12 23:59"),
            }
        )
        self.assertEqual(clock.deadline, local("2026-01-12 12:30"))  # nothing moves by itself
        with self.at("2026-01-09 17:45"):
            form = Form(self.env["service.desk.sla.replan"].with_user(self.user_manager))
            form.calendar_ids.add(self.calendar)
            wizard = form.save()
            self.assertEqual(wizard.line_ids.status_id, clock)
            self.assertEqual(wizard.line_ids.new_deadline, local("2026-01-13 12:30"))
            wizard.action_replan()
        self.assertEqual(clock.deadline, local("2026-01-13 12:30"))
        self.assertEqual(clock.date_start, local("2026-01-09 17:30"))
        self.assertEqual(clock.elapsed_seconds, 900)
        self.assertEqual(self.clock(solved).state, "met")
