# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Deciding an approval step from DingTalk's one-screen page (issue 18).

dingtalk_connector calls these two methods duck-typed (crm_full never imports it):
its Approve / Reject card buttons open ``/dingtalk/decide/crm.approval.request/<id>``,
which shows ``_dingtalk_decision_values`` and applies ``_dingtalk_decide`` as the
signed-in user. Both go through the desktop's decision dialog, so the phone shows the
same figures and obeys the same rules: only an approver of a pending step, never the
requester (segregation of duties), a reason to reject.
"""

from odoo import models
from odoo.exceptions import UserError
from odoo.tools import format_amount

PAGE_ORDER_LINES = 20  # the page shows at most 30 lines: the summary first, then products


class CrmApprovalRequest(models.Model):
    _inherit = "crm.approval.request"

    def _dingtalk_decision_values(self):
        """What the phone shows: the desktop dialog's summary of the order, and whether
        the current user may decide now (else why not, as ``status``).

        :return: dict with title, amount, customer, lines [(label, value)], status,
                 can_decide
        """
        self.ensure_one()
        _ = self.env._
        # The dialog's figures; it reads the order as the system, like the desktop, since
        # an approver named on the rule may not be allowed to read the order.
        summary = self.env["crm.approval.decision"].new({"request_id": self.id})
        request = self.sudo()
        order = request.order_id
        currency = summary.currency_id

        def money(amount):
            return format_amount(self.env, amount, currency)

        lines = [
            (_("Step"), request.rule_id.name),
            (_("Salesperson"), summary.salesperson_name or ""),
            (_("Untaxed Amount"), money(summary.amount_untaxed)),
            (_("Discount Given"), money(summary.discount_amount)),
            (_("Largest Line Discount (%)"), f"{summary.max_discount:g}"),
            (_("Margin (%)"), f"{summary.margin_percent:.1f}"),
        ]
        for line in order.order_line.filtered(lambda line: not line.display_type)[
            :PAGE_ORDER_LINES
        ]:
            lines.append(
                (
                    line.product_id.display_name or line.name,
                    _(
                        "%(qty)s × %(price)s, discount %(discount)s%% = %(subtotal)s",
                        qty=f"{line.product_uom_qty:g}",
                        price=money(line.price_unit),
                        discount=f"{line.discount:g}",
                        subtotal=money(line.price_subtotal),
                    ),
                )
            )
        try:
            self._check_can_decide()
            can_decide, status = True, False
        except UserError as error:
            can_decide, status = False, error.args[0]
        return {
            "title": _("%(order)s: %(step)s", order=order.name, step=request.rule_id.name),
            "amount": money(summary.amount_total),
            "customer": summary.customer_name or "",
            "lines": lines,
            "status": status,
            "can_decide": can_decide,
        }

    def _dingtalk_decide(self, decision, comment):
        """Apply ``decision`` ("approve" or "reject") as the current user, through the
        desktop's decision dialog: same access, same checks, same messages.

        :raise AccessError: the user may not read this step
        :raise UserError: not their turn, their own request, a rejection without reason
        """
        self.ensure_one()
        self.check_access("read")
        dialog = self.env["crm.approval.decision"].create(
            {"request_id": self.id, "comment": comment or False}
        )
        if decision == "approve":
            return dialog.action_approve()
        if decision == "reject":
            return dialog.action_reject()
        raise UserError(self.env._("Unknown decision: %s", decision))
