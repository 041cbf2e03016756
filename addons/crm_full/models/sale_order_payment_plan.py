# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount

from ..tools.local_dates import company_today
from .crm_payment_plan import DEFER_TOTAL_CHECK


class SaleOrder(models.Model):
    _inherit = "sale.order"

    payment_plan_ids = fields.One2many(
        "crm.payment.plan", "order_id", string="Payment Plan", copy=False
    )
    payment_plan_template_id = fields.Many2one(
        "crm.payment.plan.template",
        "Payment Plan Template",
        domain="[('company_id', 'in', [company_id, False])]",
    )
    payment_plan_count = fields.Integer(compute="_compute_payment_plan_totals")
    payment_plan_received = fields.Monetary("Collected", compute="_compute_payment_plan_totals")
    payment_plan_mismatch = fields.Boolean(
        compute="_compute_payment_plan_totals",
        help="The instalments no longer add up to the order total.",
    )

    @api.depends("payment_plan_ids.amount", "payment_plan_ids.received", "amount_total")
    def _compute_payment_plan_totals(self):
        for order in self:
            plan = order.payment_plan_ids
            order.payment_plan_count = len(plan)
            order.payment_plan_received = sum(plan.mapped("received"))
            order.payment_plan_mismatch = bool(plan) and bool(
                order.currency_id.compare_amounts(sum(plan.mapped("amount")), order.amount_total)
            )

    def _get_payment_plan_received(self):
        """What the customer has paid on this order: paid part of the posted customer
        invoices minus the paid part of the credit notes, in order currency."""
        self.ensure_one()
        received = 0.0
        # sudo: the allocation must not depend on who triggers the recompute
        moves = self.sudo().invoice_ids.filtered(
            lambda m: m.state == "posted" and m.move_type in ("out_invoice", "out_refund")
        )
        for move in moves:
            paid = move.currency_id._convert(
                move.amount_total - move.amount_residual,
                self.currency_id,
                self.company_id,
                move.invoice_date or company_today(self.company_id or self.env.company),
            )
            received += -paid if move.move_type == "out_refund" else paid
        return received

    def _check_payment_plan_total(self):
        for order in self:
            plan = order.payment_plan_ids
            if not plan:
                continue
            total = sum(plan.mapped("amount"))
            if order.currency_id.compare_amounts(total, order.amount_total):
                raise ValidationError(
                    self.env._(
                        "The payment plan of %(order)s adds up to %(plan)s but the order total "
                        "is %(total)s: adjust the instalments.",
                        order=order.name,
                        plan=format_amount(self.env, total, order.currency_id),
                        total=format_amount(self.env, order.amount_total, order.currency_id),
                    )
                )

    def write(self, vals):
        if "payment_plan_ids" not in vals:
            return super().write(vals)
        res = super(SaleOrder, self.with_context(**{DEFER_TOTAL_CHECK: True})).write(vals)
        self._check_payment_plan_total()
        return res

    def action_generate_payment_plan(self):
        """Replace the instalments with those of the chosen template."""
        for order in self:
            template = order.payment_plan_template_id
            if not template:
                raise UserError(
                    self.env._("Choose a payment plan template for %s first.", order.name)
                )
            if any(order.payment_plan_ids.mapped("received")):
                raise UserError(
                    self.env._(
                        "Payments are already allocated to the plan of %s: edit it by hand.",
                        order.name,
                    )
                )
            commands = [fields.Command.delete(line.id) for line in order.payment_plan_ids]
            commands += [
                fields.Command.create({k: v for k, v in values.items() if k != "order_id"})
                for values in template._prepare_plan_values(order)
            ]
            order.write({"payment_plan_ids": commands})
        return True

    def action_view_payment_plan(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("crm_full.crm_payment_plan_action")
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"default_order_id": self.id}
        return action
