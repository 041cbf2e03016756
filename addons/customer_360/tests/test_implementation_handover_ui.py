# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .test_recipient_language import load_zh


@tagged("post_install", "-at_install", "customer_360_ui")
class TestImplementationHandoverUi(HttpCase):
    """A salesperson working in 简体中文 hands a signed order over (issue 17)."""

    def test_salesperson_hands_over_confirmed_order(self):
        load_zh(self.env)
        self.env["ir.module.module"]._load_module_terms(["crm_full"], ["zh_CN"], overwrite=True)
        sales = new_test_user(
            self.env,
            "ho_ui_sales",
            name="实施交接销售",
            groups="crm_full.crm_full_group_user",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        account = self.env["res.partner"].create(
            {"name": "实施交接客户", "is_company": True, "user_id": sales.id}
        )
        product = self.env["product.product"].create({"name": "实施交接服务", "type": "service"})
        order = self.env["sale.order"].create(
            {
                "partner_id": account.id,
                "user_id": sales.id,
                "order_line": [Command.create({"product_id": product.id, "price_unit": 8000})],
            }
        )
        order.action_confirm()
        self.start_tour(
            f"/odoo/sale.order/{order.id}", "customer_360_handover_tour", login="ho_ui_sales"
        )
        ticket = order.implementation_ticket_id
        self.assertTrue(ticket)
        self.assertEqual(ticket.sale_order_id, order)
