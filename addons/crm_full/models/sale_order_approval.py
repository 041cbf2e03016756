# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount

from ..tools.local_dates import company_tz, local_date
from .crm_full_guard import check_link_targets

# Line fields whose change alters what was approved.
APPROVAL_WATCHED_LINE_FIELDS = {
    "product_id",
    "product_uom_qty",
    "product_uom",
    "price_unit",
    "discount",
    "tax_id",
}
APPROVAL_WATCHED_ORDER_FIELDS = {"currency_id", "pricelist_id", "company_id"}


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "crm.full.system.fields.mixin"]

    approval_request_ids = fields.One2many(
        "crm.approval.request", "order_id", string="Approval Steps"
    )
    approval_state = fields.Selection(
        [
            ("none", "Not Requested"),
            ("pending", "Waiting for Approval"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        compute="_compute_approval_state",
        store=True,
        tracking=True,
        help="State of the current approval request; archived requests do not count.",
    )
    company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )
    approval_amount_company = fields.Monetary(
        "Amount for Approval",
        compute="_compute_approval_needs",
        currency_field="company_currency_id",
        help="Order total converted to the company currency at the order date.",
    )
    approval_rule_ids = fields.Many2many(
        "crm.approval.rule", string="Required Approvals", compute="_compute_approval_needs"
    )
    approval_missing = fields.Boolean(
        "Needs Approval",
        compute="_compute_approval_needs",
        help="Some required step is not approved.",
    )
    approval_can_recall = fields.Boolean(compute="_compute_approval_can_recall")

    @api.model
    def _system_fields(self):
        # Derived from the approval requests, which only the approval actions move.
        return super()._system_fields() | {"approval_state"}

    @api.depends("approval_request_ids.state", "approval_request_ids.active")
    def _compute_approval_state(self):
        for order in self:
            states = set(order.approval_request_ids.mapped("state")) - {"cancelled"}
            if not states:
                order.approval_state = "none"
            elif "rejected" in states:
                order.approval_state = "rejected"
            elif states == {"approved"}:
                order.approval_state = "approved"
            else:
                order.approval_state = "pending"

    @api.depends(
        "amount_total", "currency_id", "company_id", "date_order", "approval_request_ids.state"
    )
    def _compute_approval_needs(self):
        Rule = self.env["crm.approval.rule"]
        for order in self:
            amount = order._get_approval_amount()
            rules = Rule._get_applicable_rules(order.company_id, amount)
            order.approval_amount_company = amount
            order.approval_rule_ids = rules
            order.approval_missing = bool(order._get_missing_approval_rules(rules))

    @api.depends("approval_request_ids.state", "approval_request_ids.requested_by_id")
    @api.depends_context("uid")
    def _compute_approval_can_recall(self):
        for order in self:
            open_requests = order.approval_request_ids.filtered(
                lambda r: r.state in ("waiting", "pending")
            )
            order.approval_can_recall = self.env.user in open_requests.requested_by_id

    def _get_approval_amount(self):
        """Order total in company currency, converted at the order date."""
        self.ensure_one()
        company = self.company_id or self.env.company
        currency = self.currency_id or company.currency_id
        return currency._convert(
            self.amount_total,
            company.currency_id,
            company,
            local_date(self.date_order or fields.Datetime.now(), company_tz(company)),
        )

    def _get_missing_approval_rules(self, rules=None):
        self.ensure_one()
        if rules is None:
            rules = self.env["crm.approval.rule"]._get_applicable_rules(
                self.company_id, self._get_approval_amount()
            )
        # sudo: record rules on requests must not change what the gate sees
        approved = self.sudo().approval_request_ids.filtered(lambda r: r.state == "approved")
        return rules - approved.rule_id

    # ------------------------------------------------------------
    # CONFIRMATION GATE
    # ------------------------------------------------------------
    def _confirmation_error_message(self):
        error = super()._confirmation_error_message()
        if error:
            return error
        missing = self._get_missing_approval_rules()
        if not missing:
            return self._approval_state_error_message()
        step = missing[0]
        request = self.sudo().approval_request_ids.filtered(lambda r: r.rule_id == step)[:1]
        status = dict(request._fields["state"]._description_selection(self.env)).get(
            request.state, self.env._("Not Requested")
        )
        return self.env._(
            "%(order)s needs approval before it can be confirmed (total %(amount)s in "
            "company currency). Missing step: %(step)s, approvers: %(approvers)s (%(status)s).",
            order=self.name,
            amount=format_amount(
                self.env, self._get_approval_amount(), self.company_id.currency_id
            ),
            step=step.name,
            approvers=step._get_approvers_label(),
            status=status,
        )

    def _approval_state_error_message(self):
        """A request still running or rejected blocks the confirmation even when no rule
        asks for it any more (a rule archived or raised meanwhile): recall it or ask again."""
        if self.approval_state == "pending":
            return self.env._(
                "%s is waiting for approval: it can be confirmed once the request is "
                "approved, or recalled.",
                self.name,
            )
        if self.approval_state == "rejected":
            return self.env._(
                "The approval of %s was rejected: revise the quotation and request approval "
                "again before confirming it.",
                self.name,
            )
        return False

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------
    def action_request_approval(self):
        """Start the approval of the orders: one request per required step, in order."""
        self.check_access("write")
        Request = self.env["crm.approval.request"].sudo()
        for order in self:
            if order.state not in ("draft", "sent"):
                raise UserError(
                    self.env._("Only quotations can be sent for approval (%s).", order.name)
                )
            amount = order._get_approval_amount()
            rules = self.env["crm.approval.rule"]._get_applicable_rules(order.company_id, amount)
            if not rules:
                raise UserError(self.env._("%s does not need any approval.", order.name))
            if order.approval_state == "pending":
                raise UserError(self.env._("The approval of %s is already under way.", order.name))
            if not order._get_missing_approval_rules(rules):
                raise UserError(self.env._("%s is already approved.", order.name))
            approvers = {
                rule: rule._get_request_approvers(order.company_id, self.env.user) for rule in rules
            }
            order._check_request_approvers(approvers)
            order.sudo().approval_request_ids.active = False
            requests = Request.create(
                [
                    {
                        "order_id": order.id,
                        "rule_id": rule.id,
                        "sequence": index,
                        "requested_by_id": self.env.uid,
                        "amount_company": amount,
                        "approver_ids": [fields.Command.set(approvers[rule].ids)],
                    }
                    for index, rule in enumerate(rules)
                ]
            )
            requests[0].state = "pending"
            requests[0]._schedule_approver_activities()
            order.message_post(
                body=self.env._(
                    "Approval requested for %(amount)s: %(steps)s.",
                    amount=format_amount(self.env, amount, order.company_id.currency_id),
                    steps=" → ".join(rules.mapped("name")),
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _check_request_approvers(self, approvers):
        """Refuse a request with a step nobody could decide.

        :param approvers: {rule: users who would decide it for the current requester}
        """
        self.ensure_one()
        for rule, users in approvers.items():
            if users:
                continue
            if self.env.user in rule._get_approvers(self.company_id):
                raise UserError(
                    self.env._(
                        "You are the only approver of the step '%s' and nobody approves their "
                        "own request: give the step another approver, let someone else request "
                        "the approval, or allow self-approval in the CRM settings.",
                        rule.name,
                    )
                )
            raise UserError(
                self.env._(
                    "Nobody can approve the step '%s': give it approver users or groups "
                    "with members in this company.",
                    rule.name,
                )
            )

    def action_recall_approval(self):
        """Withdraw a running request; only the one who asked may do it."""
        for order in self:
            if not order.approval_can_recall:
                raise UserError(
                    self.env._(
                        "Only the requester can recall the approval of %s while it is running.",
                        order.name,
                    )
                )
            order._approval_cancel(self.env._("Approval recalled by %s.", self.env.user.name))
        return True

    def _approval_cancel(self, reason):
        """End the current request set: open steps cancelled, the whole set archived."""
        for order in self:
            requests = order.sudo().approval_request_ids
            if not requests:
                continue
            requests._close_activities()
            requests.filtered(lambda r: r.state in ("waiting", "pending")).state = "cancelled"
            requests.active = False
            order.message_post(
                body=Markup("<b>%s</b>") % reason,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )

    def _approval_reset_on_change(self):
        """Something approved (or under approval) changed: ask again."""
        to_reset = self.filtered(
            lambda o: (
                o.state in ("draft", "sent")
                and any(
                    r.state in ("waiting", "pending", "approved") for r in o.approval_request_ids
                )
            )
        )
        to_reset._approval_cancel(
            self.env._(
                "The amount or the lines changed after the approval request: "
                "the approval is reset and must be requested again."
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        # No quotation for a customer one may not even read.
        partners = [vals.get("partner_id") for vals in vals_list]
        check_link_targets(self.env, "res.partner", partners, operation="read")
        return super().create(vals_list)

    def write(self, vals):
        check_link_targets(self.env, "res.partner", [vals.get("partner_id")], operation="read")
        res = super().write(vals)
        if APPROVAL_WATCHED_ORDER_FIELDS & set(vals):
            self._approval_reset_on_change()
        return res


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.filtered(lambda line: not line.display_type).order_id._approval_reset_on_change()
        return lines

    def write(self, vals):
        res = super().write(vals)
        if APPROVAL_WATCHED_LINE_FIELDS & set(vals):
            self.order_id._approval_reset_on_change()
        return res

    def unlink(self):
        orders = self.filtered(lambda line: not line.display_type).order_id
        res = super().unlink()
        orders.exists()._approval_reset_on_change()
        return res
