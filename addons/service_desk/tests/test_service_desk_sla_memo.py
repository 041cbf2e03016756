# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .sla_common import ServiceDeskSlaCommon, local


@tagged("post_install", "-at_install", "service_desk_sla")
class TestServiceDeskSlaMemo(ServiceDeskSlaCommon):
    """Working intervals and routing rules are memoized per registry: changes must show."""

    def test_new_holiday_moves_the_next_deadline(self):
        with self.at("2026-01-12 09:00"):
            before = self._new_ticket()
        self.assertEqual(self.clock(before).deadline, local("2026-01-12 13:00"))
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Afternoon off",
                "date_from": local("2026-01-12 12:00"),
                "date_to": local("2026-01-12 18:00"),
            }
        )
        with self.at("2026-01-12 09:00"):
            after = self._new_ticket()
        # 3 h on Monday morning, the last hour on Tuesday
        self.assertEqual(self.clock(after).deadline, local("2026-01-13 10:00"))
        # a planned deadline only moves through the re-plan wizard
        self.assertEqual(self.clock(before).deadline, local("2026-01-12 13:00"))

    def test_time_off_of_one_resource_keeps_the_memo(self):
        with self.at("2026-01-12 09:00"):
            self._new_ticket()
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Agent off",
                "resource_id": self.env["resource.resource"].create({"name": "Agent"}).id,
                "date_from": local("2026-01-12 12:00"),
                "date_to": local("2026-01-12 18:00"),
            }
        )
        with self.at("2026-01-12 09:00"):
            ticket = self._new_ticket()
        self.assertEqual(self.clock(ticket).deadline, local("2026-01-12 13:00"))

    def test_changed_attendance_moves_the_next_deadline(self):
        with self.at("2026-01-12 09:00"):
            self._new_ticket()
        monday = self.calendar.attendance_ids.filtered(lambda a: a.dayofweek == "0")
        monday.hour_to = 11
        with self.at("2026-01-12 09:00"):
            ticket = self._new_ticket()
        # 2 h on Monday, 2 h from Tuesday 09:00
        self.assertEqual(self.clock(ticket).deadline, local("2026-01-13 11:00"))

    def test_new_routing_rule_applies_to_the_next_ticket(self):
        self.assertEqual(self._new_ticket(priority="3").team_id, self.team)
        self.env["service.desk.routing.rule"].create(
            {
                "name": "Urgent to L2",
                "sequence": 1,
                "domain": repr([("priority", "=", "3")]),
                "team_id": self.team_other.id,
            }
        )
        ticket = self.env["service.desk.ticket"].create(
            {"name": "Down", "partner_id": self.customer.id, "priority": "3"}
        )
        self.assertEqual(ticket.team_id, self.team_other)
