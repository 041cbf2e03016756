# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged, users

from .common import ServiceDeskCommon


@tagged("service_desk_ticket")
class TestServiceDeskTicket(ServiceDeskCommon):
    def test_numbers_follow_the_sequence(self):
        first, second = self._new_ticket(), self._new_ticket()
        self.assertRegex(first.number, r"^T\d{4}-\d{5}$")
        self.assertNotEqual(first.number, second.number)
        self.assertEqual(first.display_name, f"{first.number} Printer offline")
        found = self.env["service.desk.ticket"].name_search(first.number)
        self.assertEqual([row[0] for row in found], [first.id])

    def test_new_ticket_starts_in_first_stage_of_its_team(self):
        team_stage = self.env["service.desk.stage"].create(
            {"name": "Triage", "sequence": 1, "category": "new", "team_ids": [(4, self.team.id)]}
        )
        self.assertEqual(self._new_ticket().stage_id, team_stage)
        other_team = self.env["service.desk.team"].create({"name": "L2"})
        self.assertEqual(self._new_ticket(team_id=other_team.id).stage_id, self.stage_new)

    def test_form_defaults(self):
        form = Form(self.env["service.desk.ticket"])
        form.name = "Cannot print invoices"
        form.team_id = self.team
        ticket = form.save()
        self.assertEqual(ticket.stage_id, self.stage_new)
        self.assertEqual(ticket.priority, "1")
        self.assertEqual(ticket.company_id, self.env.company)

    def test_solving_stamps_the_date_and_reopening_clears_it(self):
        ticket = self._new_ticket()
        ticket.stage_id = self.stage_solved
        self.assertTrue(ticket.is_done)
        self.assertTrue(ticket.date_done)
        ticket.stage_id = self.env.ref("service_desk.stage_in_progress")
        self.assertFalse(ticket.is_done)
        self.assertFalse(ticket.date_done)

    def test_stage_categories_drive_sla_flags(self):
        waiting = self.env.ref("service_desk.stage_waiting_customer")
        self.assertTrue(waiting.pauses_sla)
        self.assertFalse(waiting.is_done)
        self.assertTrue(self.stage_solved.is_done)
        self.assertFalse(self.stage_new.pauses_sla)

    def test_team_counts_open_tickets(self):
        self._new_ticket()
        self._new_ticket(stage_id=self.stage_solved.id)
        self.assertEqual(self.team.open_ticket_count, 1)

    @users("sd_agent")
    def test_agent_cannot_delete_or_configure(self):
        ticket = self._new_ticket().with_env(self.env)
        with self.assertRaises(AccessError):
            ticket.unlink()
        with self.assertRaises(AccessError):
            self.env["service.desk.team"].create({"name": "Shadow team"})
