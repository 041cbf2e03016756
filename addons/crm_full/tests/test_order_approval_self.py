# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common_order import CrmFullOrderCommon


@tagged("crm_full_approval")
class TestSelfApproval(CrmFullOrderCommon):
    """Segregation of duties: nobody approves their own request.

    Regression: a director who asked for the approval of their own quotation could
    approve it themselves, since they were one of the step's approvers."""

    def _approvers(self, users, mode="any"):
        self.rule_director.write(
            {
                "approval_mode": mode,
                "group_ids": [Command.clear()],
                "user_ids": [Command.set(users.ids)],
            }
        )

    def _request(self, user, amount=200000):
        order = self._new_order(amount, user=user)
        order.with_user(user).action_request_approval()
        return order, order.approval_request_ids

    def test_requester_is_left_out_and_cannot_decide(self):
        self._approvers(self.user_director | self.user_manager)
        order, step = self._request(self.user_director)
        self.assertEqual(step.approver_ids, self.user_manager, "the requester is left out")
        self.assertEqual(step.activity_ids.user_id, self.user_manager)
        self.assertFalse(step.with_user(self.user_director).is_my_turn)
        for decide in (
            lambda s: s.action_approve(),
            lambda s: s.action_reject("不批"),
            lambda s: s.action_open_decision_wizard(),
        ):
            with self.assertRaisesRegex(UserError, "segregation of duties"):
                decide(step.with_user(self.user_director))
        self.assertEqual(step.state, "pending")
        self.assertFalse(step.approved_user_ids)

        step.with_user(self.user_manager).action_approve()
        self.assertEqual(order.approval_state, "approved")

    def test_all_of_passes_with_the_other_signers(self):
        """会签 without the requester: the others' signatures are the whole step."""
        self._approvers(self.user_director | self.user_manager | self.user_gm, mode="all")
        order, step = self._request(self.user_director)
        self.assertEqual(step.approver_ids, self.user_manager | self.user_gm)
        step.with_user(self.user_manager).action_approve()
        self.assertEqual(step.state, "pending")
        step.with_user(self.user_gm).action_approve()
        self.assertEqual(order.approval_state, "approved")

    def test_own_request_refused_even_when_listed_as_approver(self):
        """Requests kept from before the rule (or edited by hand) may still list the
        requester: the decision itself is refused too."""
        self._approvers(self.user_director | self.user_manager)
        _order, step = self._request(self.user_director)
        step.sudo().approver_ids = self.user_director | self.user_manager
        with self.assertRaisesRegex(UserError, "segregation of duties"):
            step.with_user(self.user_director).action_approve()
        self.assertEqual(step.state, "pending")

    def test_only_approver_needs_the_setting(self):
        self._approvers(self.user_director)
        self.assertFalse(self.env.company.approval_allow_self, "off by default")
        order = self._new_order(200000, user=self.user_director)
        with self.assertRaisesRegex(UserError, "only approver of the step 'Sales Director'"):
            order.with_user(self.user_director).action_request_approval()
        self.assertFalse(
            order.with_context(active_test=False).approval_request_ids, "nothing half-written"
        )
        self.assertEqual(order.approval_state, "none")
        # Somebody else may ask: then the director decides as usual.
        other, step = self._request(self.user_sales)
        self.assertEqual(step.approver_ids, self.user_director)
        step.with_user(self.user_director).action_approve()
        self.assertEqual(other.approval_state, "approved")

        settings = Form(self.env["res.config.settings"])
        settings.approval_allow_self = True
        settings.save().execute()
        self.assertTrue(self.env.company.approval_allow_self)
        order.with_user(self.user_director).action_request_approval()
        step = order.approval_request_ids
        self.assertEqual(step.approver_ids, self.user_director)
        self.assertTrue(step.with_user(self.user_director).is_my_turn)
        step.with_user(self.user_director).action_approve()
        self.assertEqual(order.approval_state, "approved")
        order.with_user(self.user_director).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_setting_does_not_open_shared_steps(self):
        """Allowed self-approval is for a sole approver only: with a colleague who can
        decide, the requester still cannot."""
        self.env.company.approval_allow_self = True
        self._approvers(self.user_director | self.user_manager)
        _order, step = self._request(self.user_director)
        self.assertEqual(step.approver_ids, self.user_manager)
        with self.assertRaisesRegex(UserError, "segregation of duties"):
            step.with_user(self.user_director).action_approve()

    def test_setting_switched_off_while_pending(self):
        self.env.company.approval_allow_self = True
        self._approvers(self.user_director)
        _order, step = self._request(self.user_director)
        self.env.company.approval_allow_self = False
        with self.assertRaisesRegex(UserError, "segregation of duties"):
            step.with_user(self.user_director).action_approve()
        self.assertEqual(step.state, "pending")
