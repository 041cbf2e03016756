# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "customer_360_ui")
class TestCustomerTimelineUi(HttpCase):
    def test_filter_the_timeline_of_a_customer(self):
        account = self.env["res.partner"].create({"name": "Timeline Tour Co", "is_company": True})
        self.env["crm.followup"].create(
            {"partner_id": account.id, "summary": "Site visit", "date": datetime(2026, 3, 1)}
        )
        self.env["customer.event"].create(
            {
                "partner_id": account.id,
                "source": "app",
                "external_id": "tour-1",
                "event_type": "login",
                "occurred_at": datetime(2026, 3, 2),
            }
        )
        self.start_tour(
            f"/odoo/action-customer_360.res_partner_action_c360/{account.id}",
            "customer_360_timeline_tour",
            login="admin",
        )
