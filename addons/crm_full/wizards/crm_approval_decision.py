# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import format_amount


class CrmApprovalDecision(models.TransientModel):
    _name = "crm.approval.decision"
    _description = "Approve or Reject an Approval Step"

    request_id = fields.Many2one("crm.approval.request", required=True, ondelete="cascade")
    order_id = fields.Many2one(related="request_id.order_id")
    comment = fields.Text(help="Required to reject; the salesperson reads it in the chatter.")
    # What is decided on (issue 14: the dialog showed none of it). Read as the system: an
    # approver named on the rule may not be allowed to read the order or its customer.
    customer_name = fields.Char("Customer", compute="_compute_order_summary")
    salesperson_name = fields.Char("Salesperson", compute="_compute_order_summary")
    currency_id = fields.Many2one("res.currency", compute="_compute_order_summary")
    amount_untaxed = fields.Monetary("Untaxed Amount", compute="_compute_order_summary")
    amount_total = fields.Monetary("Total", compute="_compute_order_summary")
    discount_amount = fields.Monetary(
        "Discount Given",
        compute="_compute_order_summary",
        help="What the line discounts take off the list of unit prices, before taxes.",
    )
    max_discount = fields.Float("Largest Line Discount (%)", compute="_compute_order_summary")
    margin = fields.Monetary(compute="_compute_order_summary", help="Untaxed amount minus cost.")
    margin_percent = fields.Float("Margin (%)", compute="_compute_order_summary")
    order_lines_html = fields.Html("Order Lines", compute="_compute_order_summary")

    @api.depends("request_id")
    def _compute_order_summary(self):
        for wizard in self:
            order = wizard.request_id.sudo().order_id
            lines = order.order_line.filtered(lambda line: not line.display_type)
            gross = sum(line.price_unit * line.product_uom_qty for line in lines)
            margin = wizard._order_margin(order, lines)
            wizard.customer_name = order.partner_id.display_name
            wizard.salesperson_name = order.user_id.name
            wizard.currency_id = order.currency_id
            wizard.amount_untaxed = order.amount_untaxed
            wizard.amount_total = order.amount_total
            wizard.discount_amount = max(gross - sum(lines.mapped("price_subtotal")), 0.0)
            wizard.max_discount = max(lines.mapped("discount") or [0.0])
            wizard.margin = margin
            wizard.margin_percent = (
                100 * margin / order.amount_untaxed if order.amount_untaxed else 0.0
            )
            wizard.order_lines_html = wizard._order_lines_table(order, lines)

    @api.model
    def _order_margin(self, order, lines):
        """sale_margin's figure when it is installed, else the products' cost."""
        if "margin" in order._fields:
            return order.margin
        return sum(
            line.price_subtotal - line.product_id.standard_price * line.product_uom_qty
            for line in lines
        )

    def _order_lines_table(self, order, lines):
        """The lines as a read-only table: a list of the real lines would be read as the
        approver, who may not see the order."""
        headers = (
            self.env._("Product"),
            self.env._("Quantity"),
            self.env._("Unit Price"),
            self.env._("Discount (%)"),
            self.env._("Subtotal"),
        )
        head = Markup("").join(Markup("<th>%s</th>") % header for header in headers)
        rows = Markup("").join(
            Markup(
                "<tr><td>%s</td><td class='text-end'>%s</td><td class='text-end'>%s</td>"
                "<td class='text-end'>%s</td><td class='text-end'>%s</td></tr>"
            )
            % (
                line.name,
                f"{line.product_uom_qty:g} {line.product_uom.name or ''}".strip(),
                format_amount(self.env, line.price_unit, order.currency_id),
                f"{line.discount:g}",
                format_amount(self.env, line.price_subtotal, order.currency_id),
            )
            for line in lines
        )
        return Markup(
            "<table class='table table-sm o_crm_full_approval_lines'><thead><tr>%s</tr></thead>"
            "<tbody>%s</tbody></table>"
        ) % (head, rows)

    def action_approve(self):
        self.request_id.action_approve(self.comment)
        return {"type": "ir.actions.act_window_close"}

    def action_reject(self):
        self.request_id.action_reject(self.comment)
        return {"type": "ir.actions.act_window_close"}
