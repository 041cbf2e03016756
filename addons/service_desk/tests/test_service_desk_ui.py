# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "service_desk_ui")
class TestServiceDeskUi(HttpCase):
    def test_agent_creates_ticket(self):
        new_test_user(self.env, "sd_tour_agent", groups="service_desk.service_desk_group_user")
        self.start_tour("/odoo", "service_desk_ticket_tour", login="sd_tour_agent")
        ticket = self.env["service.desk.ticket"].search([("name", "=", "Tour printer offline")])
        self.assertEqual(len(ticket), 1)
        self.assertRegex(ticket.number, r"^T\d{4}-\d{5}$")
        self.assertEqual(ticket.stage_id.category, "new")
