# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common_order import CrmFullOrderCommon


@tagged("crm_full_approval")
class TestOrderApproval(CrmFullOrderCommon):
    def _pending(self, order):
        return order.approval_request_ids.filtered(lambda r: r.state == "pending")

    def test_large_order_needs_both_steps(self):
        order = self._new_order(600000)
        self.assertEqual(order.approval_rule_ids, self.rule_director | self.rule_gm)
        with self.assertRaisesRegex(UserError, "Sales Director"):
            order.action_confirm()

        order.action_request_approval()
        self.assertEqual(order.approval_state, "pending")
        director_step, gm_step = order.approval_request_ids
        self.assertEqual((director_step.state, gm_step.state), ("pending", "waiting"))
        self.assertIn(self.user_director, director_step.activity_ids.user_id)

        director_step.with_user(self.user_director).action_approve()
        self.assertEqual(director_step.state, "approved")
        self.assertFalse(director_step.activity_ids, "the to-dos of a decided step are removed")
        self.assertEqual(gm_step.state, "pending")
        with self.assertRaisesRegex(UserError, "General Manager"):
            order.with_user(self.user_sales).action_confirm()
        # The director approves the first step only: the second needs a General Manager.
        with self.assertRaisesRegex(UserError, "only General Manager can"):
            gm_step.with_user(self.user_director).action_approve()

        gm_step.with_user(self.user_gm).action_approve()
        self.assertEqual(order.approval_state, "approved")
        order.with_user(self.user_sales).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertIn("Sales Director", " ".join(order.message_ids.mapped("body")))

    def test_amount_change_resets_approval(self):
        order = self._new_order(600000)
        order.action_request_approval()
        for step in order.approval_request_ids:
            step.with_user(self.user_gm).action_approve()
        self.assertEqual(order.approval_state, "approved")
        with self.assertRaisesRegex(UserError, "already approved"):
            order.action_request_approval()

        with Form(order.with_user(self.user_sales)) as form:
            with form.order_line.edit(0) as line:
                line.price_unit = 650000
        self.assertEqual(order.approval_state, "none")
        self.assertFalse(order.approval_request_ids, "the approved set is archived")
        self.assertIn("approval is reset", order.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "Sales Director"):
            order.action_confirm()

        # A new line resets a new approval as well.
        order.action_request_approval()
        order.write({"order_line": [Command.create({"product_id": self.product.id})]})
        self.assertEqual(order.approval_state, "none")

    def test_threshold_is_strict_and_in_company_currency(self):
        order = self._new_order(100000)
        self.assertFalse(order.approval_missing)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

        # 60,000 in a currency worth two company units is 120,000: the director decides.
        foreign = self.env["res.currency"].create({"name": "CFX", "symbol": "¤", "rounding": 0.01})
        self.env["res.currency.rate"].create(
            {
                "currency_id": foreign.id,
                "rate": 0.5,
                "name": fields.Date.today(),
                "company_id": self.env.company.id,
            }
        )
        pricelist = self.env["product.pricelist"].create({"name": "CFX", "currency_id": foreign.id})
        foreign_order = self._new_order(60000, pricelist_id=pricelist.id)
        self.assertEqual(foreign_order.currency_id, foreign)
        self.assertAlmostEqual(foreign_order.approval_amount_company, 120000)
        self.assertEqual(foreign_order.approval_rule_ids, self.rule_director)

    def test_all_of_needs_every_approver(self):
        signer_a, signer_b = self.user_director, self.user_manager
        self.rule_director.write(
            {
                "approval_mode": "all",
                "group_ids": [Command.clear()],
                "user_ids": [Command.set((signer_a | signer_b).ids)],
            }
        )
        order = self._new_order(200000)
        order.action_request_approval()
        step = order.approval_request_ids
        self.assertEqual(step.approver_ids, signer_a | signer_b)

        step.with_user(signer_a).action_approve()
        self.assertEqual(step.state, "pending", "会签: one signature of two is not enough")
        self.assertEqual(
            step.activity_ids.user_id, signer_b, "only the missing signer keeps a to-do"
        )
        with self.assertRaisesRegex(UserError, "already approved"):
            step.with_user(signer_a).action_approve()
        with self.assertRaises(UserError):
            order.action_confirm()

        step.with_user(signer_b).action_approve()
        self.assertEqual(step.state, "approved")
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_any_of_one_approver_is_enough(self):
        approvers = self.user_director | self.user_manager
        self.rule_director.write(
            {"group_ids": [Command.clear()], "user_ids": [Command.set(approvers.ids)]}
        )
        order = self._new_order(200000)
        order.action_request_approval()
        order.approval_request_ids.with_user(self.user_manager).action_approve()
        self.assertEqual(order.approval_state, "approved")

    def test_approving_without_the_right_is_refused(self):
        order = self._new_order(200000)
        order.action_request_approval()
        step = order.approval_request_ids
        with self.assertRaisesRegex(UserError, "only Sales Director can"):
            step.with_user(self.user_sales).action_approve()
        with self.assertRaises(UserError):
            step.with_user(self.user_sales).action_open_decision_wizard()
        # Nobody approves by writing the state: requests are read-only for users.
        with self.assertRaises(AccessError):
            step.with_user(self.user_director).write({"state": "approved"})
        self.assertEqual(step.state, "pending")

    def test_reject_with_comment_through_wizard(self):
        order = self._new_order(600000)
        order.action_request_approval()
        step = order.approval_request_ids[0]
        action = step.with_user(self.user_director).action_open_decision_wizard()
        wizard = (
            self.env["crm.approval.decision"]
            .with_user(self.user_director)
            .with_context(action["context"])
            .create({})
        )
        with self.assertRaisesRegex(UserError, "reason"):
            wizard.action_reject()
        wizard.comment = "Discount too high, quote again. 折扣过高"
        wizard.action_reject()
        self.assertEqual(step.state, "rejected")
        self.assertEqual(step.comment, "Discount too high, quote again. 折扣过高")
        self.assertEqual(step.decided_by_id, self.user_director)
        self.assertEqual(order.approval_request_ids[1].state, "cancelled")
        self.assertEqual(order.approval_state, "rejected")
        self.assertIn("折扣过高", order.message_ids[0].body)
        with self.assertRaises(UserError):
            order.action_confirm()
        # The salesperson may ask again after fixing the quote.
        order.with_user(self.user_sales).action_request_approval()
        self.assertEqual(order.approval_state, "pending")

    def test_recall_by_requester_only(self):
        order = self._new_order(200000)
        order.with_user(self.user_sales).action_request_approval()
        with self.assertRaisesRegex(UserError, "Only the requester"):
            order.with_user(self.user_manager).action_recall_approval()
        order.with_user(self.user_sales).action_recall_approval()
        self.assertEqual(order.approval_state, "none")
        archived = order.with_context(active_test=False).approval_request_ids
        self.assertEqual(archived.state, "cancelled")
        self.assertFalse(archived.active)

    def test_my_approvals(self):
        order = self._new_order(600000)
        order.action_request_approval()
        Request = self.env["crm.approval.request"]
        mine = Request.with_user(self.user_director).search([("is_my_turn", "=", True)])
        self.assertEqual(mine, order.approval_request_ids[0])
        self.assertFalse(Request.with_user(self.user_sales).search([("is_my_turn", "=", True)]))
        self.assertFalse(
            Request.with_user(self.user_gm).search(
                [("is_my_turn", "=", True), ("rule_id", "=", self.rule_gm.id)]
            ),
            "the second step waits for the first",
        )

    def test_dingtalk_result_hook(self):
        order = self._new_order(200000)
        order.action_request_approval()
        order.approval_request_ids._dingtalk_approval_result("approved")
        self.assertEqual(order.approval_state, "approved")

    def test_confirmed_order_gets_one_invoice_activity(self):
        self.env.company.invoice_activity_user_id = self.user_finance
        order = self._new_order(5000)
        order.with_user(self.user_sales).action_confirm()
        todo = order.activity_ids.filtered(lambda a: a.summary == "Issue the invoice")
        self.assertEqual(len(todo), 1)
        self.assertEqual(todo.user_id, self.user_finance)

    def test_invoice_activity_defaults_to_first_finance_user(self):
        self.env.company.invoice_activity_user_id = False
        finance = self.env.ref("account.group_account_invoice").users.filtered(
            lambda u: u.active and not u.share and self.env.company in u.company_ids
        )
        order = self._new_order(5000)
        order.action_confirm()
        todo = order.activity_ids.filtered(lambda a: a.summary == "Issue the invoice")
        self.assertEqual(todo.user_id, finance.sorted("id")[:1])
        # Confirming again after a reset does not pile up to-dos.
        order._action_cancel()
        order.action_draft()
        order.action_confirm()
        self.assertEqual(
            len(order.activity_ids.filtered(lambda a: a.summary == "Issue the invoice")), 1
        )

    def test_rules_of_another_company_do_not_apply(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        self.rule_gm.company_id = other_company
        order = self._new_order(600000)
        self.assertEqual(order.approval_rule_ids, self.rule_director)
        self.rule_gm.company_id = self.env.company
        order.invalidate_recordset(["approval_rule_ids"])
        self.assertEqual(order.approval_rule_ids, self.rule_director | self.rule_gm)
