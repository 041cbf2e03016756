# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 18: the salesperson's and the approver's paths on a phone (390×844, touch), in
简体中文, in Odoo's own mobile layout: header buttons fold into the cog menu, sub-lists
become cards, actions open on their kanban view."""

from odoo.tests import tagged

from .test_sales_flow_ui import SalesFlowUiCommon


@tagged("post_install", "-at_install", "crm_full_ui", "mobile")
class TestSalesFlowMobileUi(SalesFlowUiCommon):
    browser_size = "390,844"
    touch_enabled = True

    def test_salesperson_path_then_approver_decides_on_a_phone(self):
        self.start_tour("/odoo", "crm_full_sales_flow_mobile_tour", login="sf_sales_zh")
        lead = self.lead
        self.assertEqual(lead.user_id, self.sales)
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.followup_ids.summary, "电话沟通，客户需要两台服务器")
        order = lead.order_ids
        self.assertEqual(order.approval_state, "pending")

        self.start_tour(
            "/odoo/action-crm_full.crm_approval_request_action_mine",
            "crm_full_approval_decision_mobile_tour",
            login="sf_director_zh",
        )
        self.assertEqual(order.approval_state, "approved")
        self.assertEqual(order.approval_request_ids.comment, "同意，尽快发货")
