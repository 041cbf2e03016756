# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common_order import CrmFullOrderCommon


@tagged("crm_full_won_order")
class TestWonOrder(CrmFullOrderCommon):
    def _opportunity(self, **vals):
        return self.env["crm.lead"].create(
            {
                "name": "ERP for 3 plants",
                "type": "opportunity",
                "partner_id": self.company_partner.id,
                "user_id": self.user_sales.id,
                "expected_revenue": 80000,
                **vals,
            }
        )

    def test_won_without_quotation_gets_draft_order(self):
        self.env.company.won_order_product_id = self.product
        lead = self._opportunity()
        lead.with_user(self.user_sales).action_set_won()
        order = lead.order_ids
        self.assertEqual(len(order), 1)
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.partner_id, self.company_partner)
        self.assertEqual(order.user_id, self.user_sales)
        self.assertEqual(order.order_line.product_id, self.product)
        self.assertEqual(order.amount_total, 80000)
        self.assertIn(order.name, lead.message_ids[0].body)

    def test_won_with_quotation_keeps_it(self):
        self.env.company.won_order_product_id = self.product
        lead = self._opportunity()
        quotation = self._new_order(1000, opportunity_id=lead.id)
        lead.action_set_won()
        self.assertEqual(lead.order_ids, quotation)

    def test_won_without_product_setting_leaves_a_note(self):
        self.env.company.won_order_product_id = False
        lead = self._opportunity()
        lead.action_set_won()
        self.assertFalse(lead.order_ids)
        self.assertIn("no product for won opportunities", lead.message_ids[0].body)
