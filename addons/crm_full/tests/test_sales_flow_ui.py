# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .test_recipient_language import load_zh


class SalesFlowUiCommon(HttpCase):
    """A zh_CN salesperson with one pool lead, and a director who approves big orders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_zh(cls.env)
        persona = {"lang": "zh_CN", "tz": "Asia/Shanghai"}
        cls.sales = new_test_user(
            cls.env,
            "sf_sales_zh",
            name="销售流程销售员",
            groups="crm_full.crm_full_group_user,crm.group_use_lead",
            **persona,
        )
        cls.director = new_test_user(
            cls.env,
            "sf_director_zh",
            name="销售总监",
            groups="crm_full.crm_full_group_sales_director",
            **persona,
        )
        cls.env["crm.team"].create(
            {
                "name": "华东销售",
                "member_ids": [Command.link(cls.sales.id)],
                "pool_daily_claim_limit": 20,
            }
        )
        cls.env.company.pool_new_leads = True
        cls.customer = cls.env["res.partner"].create({"name": "销售流程客户", "is_company": True})
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "销售流程线索",
                "type": "lead",
                "user_id": False,
                "partner_id": cls.customer.id,
                "team_id": cls.sales.sale_team_id.id,
            }
        )
        cls.env["product.product"].create(
            {
                "name": "销售流程服务器",
                "type": "consu",
                "list_price": 150000.0,
                "standard_price": 100000.0,
                "taxes_id": [Command.clear()],
            }
        )
        # Only the director's step (> 100,000) applies to this order.
        director_rule = cls.env.ref("crm_full.crm_approval_rule_sales_director")
        cls.env["crm.approval.rule"].search([("id", "!=", director_rule.id)]).active = False


@tagged("post_install", "-at_install", "crm_full_ui")
class TestSalesFlowUi(SalesFlowUiCommon):
    """The salesperson's working day as acceptance walked it in 简体中文 (issue 14)."""

    def test_salesperson_main_path_then_approver_decides(self):
        self.assertTrue(self.lead.in_pool)
        self.start_tour("/odoo", "crm_full_sales_flow_tour", login="sf_sales_zh")
        lead = self.lead
        self.assertEqual(lead.user_id, self.sales)
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.followup_ids.summary, "电话沟通，客户需要两台服务器")
        order = lead.order_ids
        self.assertEqual(order.approval_state, "pending")
        self.assertEqual(self.customer.lifecycle_stage_id.code, "opportunity")

        self.start_tour(
            "/odoo/action-crm_full.crm_approval_request_action_mine",
            "crm_full_approval_decision_tour",
            login="sf_director_zh",
        )
        self.assertEqual(order.approval_state, "approved")
        todo = order.activity_ids.filtered(lambda a: a.user_id == self.sales)
        self.assertEqual(todo.summary, f"已批准：请确认 {order.name}")
