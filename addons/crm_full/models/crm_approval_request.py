# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount

from .crm_recipient import recipient_env


class CrmApprovalRequest(models.Model):
    """One step of the approval of one sale order.

    Requests are written only by their own methods (as superuser, after the
    checks): users have read access, so nobody approves by editing a field.
    A request set that ended (recalled, reset, replaced) is archived.
    """

    _name = "crm.approval.request"
    _description = "Sale Order Approval Request"
    _order = "order_id, sequence, id"
    _rec_name = "rule_id"

    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    salesperson_id = fields.Many2one(related="order_id.user_id", string="Salesperson")
    rule_id = fields.Many2one("crm.approval.rule", "Step", required=True, ondelete="restrict")
    sequence = fields.Integer(required=True, default=10)
    approval_mode = fields.Selection(related="rule_id.approval_mode")
    active = fields.Boolean(default=True)
    state = fields.Selection(
        [
            ("waiting", "Waiting for Previous Step"),
            ("pending", "To Approve"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("cancelled", "Cancelled"),
        ],
        default="waiting",
        required=True,
        index=True,
    )
    requested_by_id = fields.Many2one("res.users", "Requested By", required=True)
    request_date = fields.Datetime(required=True, default=fields.Datetime.now)
    amount_company = fields.Monetary(
        "Amount (Company Currency)",
        currency_field="company_currency_id",
        help="Order total in company currency when approval was requested.",
    )
    company_currency_id = fields.Many2one(related="company_id.currency_id")
    approver_ids = fields.Many2many(
        "res.users",
        "crm_approval_request_approver_rel",
        "request_id",
        "user_id",
        string="Approvers",
        help="Who may decide, taken from the rule when approval was requested; never the "
        "requester, unless they are the only approver and self-approval is allowed.",
    )
    approved_user_ids = fields.Many2many(
        "res.users",
        "crm_approval_request_approved_rel",
        "request_id",
        "user_id",
        string="Approved By",
    )
    decided_by_id = fields.Many2one("res.users", "Decided By")
    decision_date = fields.Datetime()
    comment = fields.Text()
    activity_ids = fields.Many2many(
        "mail.activity", string="Approver To-dos", help="To-dos given to the approvers."
    )
    is_my_turn = fields.Boolean(
        "Waiting for Me", compute="_compute_is_my_turn", search="_search_is_my_turn"
    )

    @api.depends("state", "approver_ids", "approved_user_ids")
    @api.depends_context("uid")
    def _compute_is_my_turn(self):
        user = self.env.user
        for request in self:
            request.is_my_turn = (
                request.state == "pending"
                and user in request.approver_ids
                and user not in request.approved_user_ids
            )

    def _search_is_my_turn(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on 'Waiting for Me'."))
        domain = [
            ("state", "=", "pending"),
            ("approver_ids", "in", self.env.uid),
            ("approved_user_ids", "not in", self.env.uid),
        ]
        if (operator == "=") == value:
            return domain
        return [("id", "not in", self._search(domain))]

    # ------------------------------------------------------------
    # DECISIONS
    # ------------------------------------------------------------
    def _check_can_decide(self):
        # sudo: the messages name the order, which an approver may not be able to read
        for request in self.sudo():
            if request.state != "pending":
                raise UserError(
                    self.env._(
                        "The step '%(step)s' of %(order)s is not waiting for a decision.",
                        step=request.rule_id.name,
                        order=request.order_id.name,
                    )
                )
            if self.env.su:
                continue
            if request._is_own_request():
                # Said only to someone the step would otherwise accept; others are
                # told who may decide, below.
                raise UserError(
                    self.env._(
                        "You requested the approval of %(order)s: someone else must decide "
                        "the step '%(step)s' (segregation of duties). To withdraw the request, "
                        "recall it.",
                        order=request.order_id.name,
                        step=request.rule_id.name,
                    )
                )
            if self.env.user not in request.approver_ids:
                raise UserError(
                    self.env._(
                        "You cannot decide the step '%(step)s' of %(order)s: "
                        "only %(approvers)s can.",
                        step=request.rule_id.name,
                        order=request.order_id.name,
                        approvers=request.rule_id._get_approvers_label(),
                    )
                )
            if self.env.user in request.approved_user_ids:
                raise UserError(
                    self.env._("You have already approved the step '%s'.", request.rule_id.name)
                )

    def _is_own_request(self):
        """Whether the current user, an approver of this step, asked for it and so may not
        decide it: nobody decides their own request, unless they are the step's only
        approver and their company allows self-approval."""
        self.ensure_one()
        user = self.env.user
        if self.requested_by_id != user:
            return False
        if user not in self.approver_ids | self.rule_id._get_approvers(self.company_id):
            return False
        return not (self.approver_ids == user and self.company_id.approval_allow_self)

    def action_approve(self, comment=False):
        """Record the current user's approval; the step passes when its mode is met."""
        self._check_can_decide()
        user = self.env.user
        for request in self.sudo():
            request.approved_user_ids = [fields.Command.link(user.id)]
            done = request.approval_mode == "any" or not (
                request.approver_ids - request.approved_user_ids
            )
            if done:
                request.write(
                    {
                        "state": "approved",
                        "decided_by_id": user.id,
                        "decision_date": fields.Datetime.now(),
                        "comment": comment or False,
                    }
                )
            request._post_decision(
                self.env._("approved") if done else self.env._("approved (others still to sign)"),
                comment,
            )
            if done:
                request._close_activities()
                request._activate_next_step()
            else:
                request.activity_ids.filtered(lambda a: a.user_id == user).unlink()
        return True

    def action_reject(self, comment):
        """Reject the step; the rest of the set stops and the order needs a new request."""
        if not comment or not comment.strip():
            raise UserError(self.env._("Please give a reason for the rejection."))
        self._check_can_decide()
        for request in self.sudo():
            request.write(
                {
                    "state": "rejected",
                    "decided_by_id": self.env.user.id,
                    "decision_date": fields.Datetime.now(),
                    "comment": comment,
                }
            )
            request._post_decision(self.env._("rejected"), comment)
            siblings = request.order_id.approval_request_ids - request
            siblings.filtered(lambda r: r.state == "waiting").state = "cancelled"
            request._close_activities()
            request._notify_requester(approved=False, comment=comment)
        return True

    def action_open_decision_wizard(self):
        self.ensure_one()
        self._check_can_decide()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Approval Decision"),
            "res_model": "crm.approval.decision",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_id": self.id},
        }

    def action_open_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "view_mode": "form",
            "res_id": self.order_id.id,
        }

    def _dingtalk_approval_result(self, result):
        """Hook called by dingtalk_connector when an OA approval of this step completes."""
        request = self.sudo()
        if request.state != "pending":
            return
        if result == "approved":
            request.write({"approved_user_ids": [fields.Command.set(request.approver_ids.ids)]})
            request.write(
                {"state": "approved", "decision_date": fields.Datetime.now(), "comment": "DingTalk"}
            )
            request._post_decision(self.env._("approved in DingTalk"), False)
            request._close_activities()
            request._activate_next_step()
        elif result == "rejected":
            request.action_reject(self.env._("Rejected in DingTalk OA."))
        else:
            request.order_id._approval_cancel(self.env._("The DingTalk approval was terminated."))

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------
    def _activate_next_step(self):
        """Open the first waiting step of the order, if any, and tell its approvers."""
        self.ensure_one()
        following = self.order_id.approval_request_ids.filtered(lambda r: r.state == "waiting")
        if following:
            following[0].state = "pending"
            following[0]._schedule_approver_activities()
        elif self.order_id.approval_state == "approved":
            self._notify_requester(approved=True)

    def _schedule_approver_activities(self):
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for request in self:
            for user in request.approver_ids:
                env = recipient_env(self.env, user)  # the approver's language
                request.activity_ids += request.order_id.activity_schedule(
                    activity_type_id=activity_type.id,
                    summary=env._("Approve: %s", request.rule_id.with_env(env).name),
                    note=env._(
                        "%(order)s (%(amount)s) waits for your approval.",
                        order=request.order_id.name,
                        amount=format_amount(
                            env, request.order_id.amount_total, request.order_id.currency_id
                        ),
                    ),
                    user_id=user.id,
                )

    def _notify_requester(self, approved, comment=False):
        """Tell who asked for the approval how it ended (issue 14: nothing told them): a
        note on the order addressed to them and a to-do, both in their language.

        :param approved: the whole order is approved (else this step was rejected)
        :param comment: the approver's reason, quoted to the requester
        """
        self.ensure_one()
        order, requester = self.order_id, self.requested_by_id
        env = recipient_env(self.env, requester)  # the requester's language
        if approved:
            summary = env._("Approved: confirm %s", order.name)
            body = env._("All approval steps are approved; the order can be confirmed.")
        else:
            summary = env._("Rejected: revise %s", order.name)
            body = env._(
                "%(user)s rejected the step '%(step)s' of %(order)s. Revise the quotation "
                "and request approval again.",
                user=self.decided_by_id.name or env._("The approval system"),
                step=self.rule_id.with_env(env).name,
                order=order.name,
            )
        html = Markup("<p>%s</p>") % body
        if comment:
            html += Markup("<p>%s %s</p>") % (env._("Reason:"), comment)
        # A note, not a comment: it goes to the requester alone, never to the customer.
        order.message_post(
            body=html,
            partner_ids=requester.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        order.activity_schedule(
            activity_type_id=self.env.ref("mail.mail_activity_data_todo").id,
            summary=summary,
            note=html,
            user_id=requester.id,
        )

    def _close_activities(self):
        """Remove the approval to-dos of these steps from the approvers' lists."""
        self.activity_ids.unlink()

    def _post_decision(self, verb, comment):
        self.ensure_one()
        body = Markup("%s <b>%s</b>: %s") % (
            self.env._("Approval step"),
            self.rule_id.name,
            verb,
        )
        if comment:
            body += Markup("<br/>") + comment
        self.order_id.message_post(body=body, message_type="comment", subtype_xmlid="mail.mt_note")
