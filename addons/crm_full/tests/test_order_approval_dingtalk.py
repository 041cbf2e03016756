# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The decision hooks DingTalk's one-screen page calls (issue 18): the phone shows what
the desktop dialog shows and applies the desktop's rules, nothing more."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common_order import CrmFullOrderCommon


@tagged("crm_full_approval")
class TestOrderApprovalDingtalk(CrmFullOrderCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_other = new_test_user(
            cls.env, "cf_other_sales", groups="crm_full.crm_full_group_user"
        )

    def _pending_step(self, amount=200000):
        order = self._new_order(amount)
        order.order_line[0].discount = 10
        order.with_user(self.user_sales).action_request_approval()
        return order, order.approval_request_ids.filtered(lambda r: r.state == "pending")

    def test_values_show_the_order_to_its_approver(self):
        order, step = self._pending_step()
        values = step.with_user(self.user_director)._dingtalk_decision_values()
        self.assertTrue(values["can_decide"])
        self.assertFalse(values["status"])
        self.assertIn(order.name, values["title"])
        self.assertIn(self.rule_director.name, values["title"])
        self.assertEqual(values["customer"], self.company_partner.display_name)
        self.assertIn("180,000.00", values["amount"])
        lines = dict(values["lines"])
        self.assertEqual(lines["Salesperson"], self.user_sales.name)
        self.assertIn("20,000.00", lines["Discount Given"])
        self.assertEqual(lines["Largest Line Discount (%)"], "10")
        self.assertIn("discount 10%", lines[self.product.display_name])

    def test_values_say_why_others_cannot_decide(self):
        _order, step = self._pending_step()
        own = step.with_user(self.user_sales)._dingtalk_decision_values()
        self.assertFalse(own["can_decide"])
        gm_step = self._new_order(600000)
        gm_step.action_request_approval()
        waiting = gm_step.approval_request_ids.filtered(lambda r: r.state == "waiting")
        values = waiting.with_user(self.user_gm)._dingtalk_decision_values()
        self.assertFalse(values["can_decide"])
        self.assertIn("not waiting for a decision", values["status"])

    def test_approve_applies_the_desktop_decision(self):
        order, step = self._pending_step()
        step.with_user(self.user_director)._dingtalk_decide("approve", "同意")
        self.assertEqual(step.state, "approved")
        self.assertEqual(step.decided_by_id, self.user_director)
        self.assertEqual(step.comment, "同意")
        self.assertEqual(order.approval_state, "approved")
        self.assertFalse(step.activity_ids, "the approver's to-do is done")

    def test_reject_needs_a_reason_like_the_desktop(self):
        order, step = self._pending_step()
        with self.assertRaisesRegex(UserError, "reason"):
            step.with_user(self.user_director)._dingtalk_decide("reject", "")
        self.assertEqual(step.state, "pending", "nothing written")
        step.with_user(self.user_director)._dingtalk_decide("reject", "折扣过高")
        self.assertEqual((step.state, step.comment), ("rejected", "折扣过高"))
        self.assertEqual(order.approval_state, "rejected")

    def test_only_a_pending_steps_approver_decides(self):
        order, step = self._pending_step(600000)
        waiting = order.approval_request_ids.filtered(lambda r: r.state == "waiting")
        # the requester, who approves nothing, and a step not yet open are refused
        with self.assertRaisesRegex(UserError, "only Sales Director can"):
            step.with_user(self.user_sales)._dingtalk_decide("approve", "")
        with self.assertRaisesRegex(UserError, "not waiting for a decision"):
            waiting.with_user(self.user_gm)._dingtalk_decide("approve", "")
        with self.assertRaises(UserError):
            step.with_user(self.user_director)._dingtalk_decide("maybe", "")
        self.assertEqual(step.state, "pending")
        self.assertEqual(waiting.state, "waiting")

    def test_outsider_cannot_read_or_decide(self):
        """A salesperson who is neither requester, approver nor the order's salesperson
        does not see the step: the page must not let them decide it."""
        _order, step = self._pending_step()
        with self.assertRaises(AccessError):
            step.with_user(self.user_other)._dingtalk_decide("approve", "")
        self.assertEqual(step.state, "pending")

    def test_lines_hold_products_without_sections(self):
        order, step = self._pending_step()
        order.order_line = [Command.create({"display_type": "line_section", "name": "硬件"})]
        labels = [label for label, _value in step._dingtalk_decision_values()["lines"]]
        self.assertNotIn("硬件", labels)

    def test_approval_todo_names_its_step_other_todos_none(self):
        order, step = self._pending_step()
        todo = step.activity_ids.filtered(lambda a: a.user_id == self.user_director)
        self.assertEqual(order._dingtalk_activity_decision_record(todo), step)
        other = order.activity_schedule(
            "mail.mail_activity_data_todo", summary="回访", user_id=self.user_sales.id
        )
        self.assertIsNone(order._dingtalk_activity_decision_record(other))
        step.with_user(self.user_director)._dingtalk_decide("approve", "")
        later = order.activity_schedule(
            "mail.mail_activity_data_todo", summary="回访", user_id=self.user_director.id
        )
        self.assertIsNone(order._dingtalk_activity_decision_record(later), "step decided")
