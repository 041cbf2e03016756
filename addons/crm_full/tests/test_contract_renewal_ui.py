# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from .test_recipient_language import load_zh


@tagged("post_install", "-at_install", "crm_full_ui")
class TestContractRenewalUi(HttpCase):
    """A zh_CN salesperson finds the contract on the customer and its renewal
    opportunity, opened by the cron (issue 17)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_zh(cls.env)
        cls.sales = new_test_user(
            cls.env,
            "ct_sales_zh",
            name="续约销售员",
            groups="crm_full.crm_full_group_user",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "续约测试客户", "is_company": True, "user_id": cls.sales.id}
        )
        product = cls.env["product.product"].create(
            {"name": "年度运维", "list_price": 36000.0, "taxes_id": [Command.clear()]}
        )
        today = fields.Date.context_today(cls.env["sale.order"])
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "user_id": cls.sales.id,
                "contract_start": today - timedelta(days=300),
                "contract_end": today + timedelta(days=30),
                "order_line": [Command.create({"product_id": product.id, "price_unit": 36000.0})],
            }
        )
        cls.order.action_confirm()
        cls.env["sale.order"]._cron_renewal()

    def test_salesperson_sees_contract_and_renewal(self):
        lead = self.order.renewal_lead_ids
        self.assertEqual(lead.user_id, self.sales)
        self.assertIn("续约", lead.name, "named in the owner's language")
        self.start_tour(
            f"/odoo/res.partner/{self.customer.id}",
            "crm_full_contract_renewal_tour",
            login="ct_sales_zh",
        )
