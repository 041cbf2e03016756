# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "service_desk_ui")
class TestServiceDeskSolveUi(HttpCase):
    def test_agent_replies_and_solves(self):
        agent = new_test_user(
            self.env, "sd_solve_agent", groups="service_desk.service_desk_group_user"
        )
        customer = self.env["res.partner"].create(
            {"name": "Tour Customer", "email": "tour.customer@example.com"}
        )
        ticket = self.env["service.desk.ticket"].create(
            {"name": "Tour solve scanner", "partner_id": customer.id, "user_id": agent.id}
        )
        self.start_tour("/odoo", "service_desk_solve_tour", login="sd_solve_agent")
        ticket.invalidate_recordset()
        self.assertTrue(ticket.first_reply_date)
        self.assertEqual(ticket.public_reply_count, 1)
        self.assertEqual(ticket.stage_id.category, "solved")
        self.assertTrue(ticket.date_done)
        self.assertEqual(ticket.rating_ids.partner_id, customer, "a rating request was sent")
        self.assertEqual(len(ticket.ces_response_ids), 1)
