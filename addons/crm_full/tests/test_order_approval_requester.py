# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What acceptance found for approvals (issue 14): the requester was not told how their
request ended, the approver's dialog showed nothing of the order, and Confirm was
offered while the approval ran."""

from lxml import etree

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_order import CrmFullOrderCommon
from .test_recipient_language import load_zh


@tagged("crm_full_approval")
class TestOrderApprovalRequester(CrmFullOrderCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_zh(cls.env)
        cls.user_sales.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})
        cls.cost_product = cls.env["product.product"].create(
            {"name": "服务器", "type": "consu", "standard_price": 30000.0, "list_price": 50000.0}
        )

    def _requested(self, amount=200000):
        order = self._new_order(amount)
        order.with_user(self.user_sales).action_request_approval()
        return order

    def _requester_todos(self, order):
        return order.activity_ids.filtered(lambda a: a.user_id == self.user_sales)

    def test_requester_told_of_approval_in_their_language(self):
        order = self._requested()
        order.approval_request_ids.with_user(self.user_director).action_approve()
        todo = self._requester_todos(order)
        self.assertEqual(todo.summary, f"已批准：请确认 {order.name}")
        note = order.message_ids[0]
        self.assertEqual(note.partner_ids, self.user_sales.partner_id)
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))
        self.assertIn("所有审批环节均已通过", note.body)

    def test_requester_told_of_rejection_with_reason(self):
        order = self._requested()
        order.approval_request_ids.with_user(self.user_director).action_reject("折扣过高")
        todo = self._requester_todos(order)
        self.assertEqual(todo.summary, f"已驳回：请修改 {order.name}")
        self.assertIn("折扣过高", str(todo.note))
        self.assertIn(self.user_director.name, str(todo.note))
        self.assertEqual(order.message_ids[0].partner_ids, self.user_sales.partner_id)

    def test_decision_dialog_shows_the_order(self):
        order = self._requested()
        order.order_line = [
            Command.create(
                {
                    "product_id": self.cost_product.id,
                    "product_uom_qty": 2,
                    "price_unit": 50000.0,
                    "discount": 10,
                    "tax_id": [Command.clear()],
                }
            )
        ]
        order.with_user(self.user_sales).action_request_approval()
        step = order.approval_request_ids.filtered(lambda r: r.state == "pending")
        action = step.with_user(self.user_director).action_open_decision_wizard()
        wizard = (
            self.env["crm.approval.decision"]
            .with_user(self.user_director)
            .with_context(action["context"])
            .create({})
        )
        self.assertEqual(wizard.customer_name, self.company_partner.display_name)
        self.assertEqual(wizard.salesperson_name, self.user_sales.name)
        self.assertEqual(wizard.amount_total, 290000.0)
        self.assertEqual(wizard.discount_amount, 10000.0)
        self.assertEqual(wizard.max_discount, 10.0)
        # 200000 of service (cost 0 here) + 90000 of servers costing 60000
        self.assertAlmostEqual(wizard.margin, 230000.0)
        self.assertIn("服务器", wizard.order_lines_html)
        self.assertIn("Implementation Service", wizard.order_lines_html)

    def test_confirm_refused_while_pending_or_rejected(self):
        order = self._requested()
        # The rule archived meanwhile: the running request still blocks the confirmation.
        self.rule_director.active = False
        with self.assertRaisesRegex(UserError, "waiting for approval"):
            order.with_user(self.user_sales).action_confirm()
        self.rule_director.active = True
        order.approval_request_ids.with_user(self.user_director).action_reject("不行")
        self.rule_director.active = False
        with self.assertRaisesRegex(UserError, "was rejected"):
            order.with_user(self.user_sales).action_confirm()

    def test_confirm_button_hidden_while_approval_missing(self):
        arch = self.env["sale.order"].get_view(self.env.ref("sale.view_order_form").id)["arch"]
        buttons = etree.fromstring(arch).xpath("//header/button[@name='action_confirm']")
        self.assertEqual(len(buttons), 2)
        for button in buttons:
            self.assertIn("approval_state in ('pending', 'rejected')", button.get("invisible"))
            self.assertIn("approval_missing", button.get("invisible"))
