# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare, format_amount, format_date

from ..tools.local_dates import company_today
from .crm_full_guard import check_link_targets
from .crm_recipient import recipient_env

# Context key set while an order writes its whole plan at once: the total is
# checked once afterwards, not after each line of the write.
DEFER_TOTAL_CHECK = "crm_payment_plan_defer_total_check"


class CrmPaymentPlan(models.Model):
    """One instalment of the payment plan (回款计划) of a sale order.

    The received amount is not typed in: the order's paid invoices (minus credit
    notes) are allocated to the instalments, oldest due date first.
    """

    _name = "crm.payment.plan"
    _inherit = ["crm.full.system.fields.mixin"]
    _description = "Payment Plan Instalment"
    _order = "order_id, due_date, sequence, id"

    order_id = fields.Many2one(
        "sale.order", required=True, ondelete="cascade", index=True, string="Order"
    )
    sequence = fields.Integer(default=10)
    name = fields.Char("Instalment", required=True, default=lambda self: self.env._("Instalment"))
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="order_id.currency_id")
    partner_id = fields.Many2one(related="order_id.partner_id", string="Customer")
    user_id = fields.Many2one(
        related="order_id.user_id", store=True, index=True, string="Salesperson"
    )
    due_date = fields.Date(required=True, index=True)
    value_type = fields.Selection(
        [("percent", "Percentage"), ("amount", "Fixed Amount")],
        "Based On",
        required=True,
        default="percent",
    )
    percentage = fields.Float(digits=(16, 2), help="Share of the order total, in %.")
    amount = fields.Monetary(
        compute="_compute_amount",
        store=True,
        readonly=False,
        precompute=True,
        help="Percentage lines follow the order total; the last one takes the rounding.",
    )
    received = fields.Monetary(
        compute="_compute_received",
        store=True,
        help="Paid invoices minus credit notes of the order, allocated oldest instalment first.",
    )
    residual = fields.Monetary("To Collect", compute="_compute_received", store=True)
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("partial", "Partly Paid"),
            ("paid", "Paid"),
            ("overdue", "Overdue"),
        ],
        compute="_compute_state",
        store=True,
        index=True,
    )
    overdue_reminded_date = fields.Date(
        "Overdue Reminder For",
        readonly=True,
        copy=False,
        help="Due date whose overdue reminder was sent; a new due date can be reminded again.",
    )

    @api.model
    def _system_fields(self):
        # Allocated from paid invoices, stamped by the reminder cron, or the order's.
        return super()._system_fields() | {
            "received",
            "residual",
            "state",
            "overdue_reminded_date",
            "user_id",
            "company_id",
        }

    @api.model_create_multi
    def create(self, vals_list):
        # The order first: the constraints' messages name it and its total.
        check_link_targets(self.env, "sale.order", [v.get("order_id") for v in vals_list])
        return super().create(vals_list)

    def write(self, vals):
        check_link_targets(self.env, "sale.order", [vals.get("order_id")])
        return super().write(vals)

    @api.depends(
        "value_type",
        "percentage",
        "sequence",
        "order_id.amount_total",
        "order_id.currency_id",
        "order_id.payment_plan_ids.percentage",
        "order_id.payment_plan_ids.value_type",
    )
    def _compute_amount(self):
        for line in self:
            if line.value_type != "percent":
                continue
            order = line.order_id
            currency = order.currency_id or self.env.company.currency_id
            total = order.amount_total
            line.amount = currency.round(total * line.percentage / 100)
            siblings = order.payment_plan_ids
            percent_lines = siblings.filtered(lambda p: p.value_type == "percent")
            if (
                percent_lines
                and percent_lines == siblings
                and float_compare(sum(percent_lines.mapped("percentage")), 100, 2) == 0
                and line
                == percent_lines.sorted(lambda p: (p.sequence, p.due_date or fields.Date.today()))[
                    -1
                ]
            ):
                # The last line takes the rounding so that the plan adds up exactly.
                others = percent_lines - line
                line.amount = total - sum(
                    currency.round(total * p.percentage / 100) for p in others
                )

    @api.depends(
        "amount",
        "due_date",
        "sequence",
        "order_id.payment_plan_ids.amount",
        "order_id.payment_plan_ids.due_date",
        "order_id.order_line.invoice_lines.move_id.state",
        "order_id.order_line.invoice_lines.move_id.amount_residual",
    )
    def _compute_received(self):
        self.received = 0.0
        for order in self.order_id:
            to_allocate = order._get_payment_plan_received()
            lines = order.payment_plan_ids.sorted(lambda p: (p.due_date, p.sequence, p.id or 0))
            for line in lines:
                take = max(min(line.amount, to_allocate), 0.0)
                to_allocate -= take
                if line in self:
                    line.received = take
        for line in self:
            line.residual = line.amount - line.received

    @api.depends("amount", "received", "due_date")
    def _compute_state(self):
        # Stored and company-wide: overdue from the company's today, not the reader's
        # nor UTC's (see tools/local_dates.py).
        todays = {}
        for line in self:
            company = line.order_id.company_id or self.env.company
            if company not in todays:
                todays[company] = company_today(company)
            today = todays[company]
            currency = line.currency_id or self.env.company.currency_id
            if line.amount and currency.compare_amounts(line.received, line.amount) >= 0:
                line.state = "paid"
            elif line.due_date and line.due_date < today:
                line.state = "overdue"
            elif not currency.is_zero(line.received):
                line.state = "partial"
            else:
                line.state = "planned"

    @api.constrains("amount", "percentage")
    def _check_positive(self):
        for line in self:
            if line.amount < 0 or line.percentage < 0:
                raise ValidationError(
                    self.env._(
                        "The instalment '%(name)s' of %(order)s is negative: "
                        "instalments must be positive amounts or percentages.",
                        name=line.name,
                        order=line.order_id.name,
                    )
                )

    @api.constrains("amount", "percentage", "value_type", "order_id")
    def _check_plan_total(self):
        if self.env.context.get(DEFER_TOTAL_CHECK):
            return
        self.order_id._check_payment_plan_total()

    # ------------------------------------------------------------
    # OVERDUE REMINDERS
    # ------------------------------------------------------------
    @api.model
    def _cron_remind_overdue(self):
        """Mark instalments that fell due, then remind each salesperson once per due date."""
        fell_due = self.browse()
        for company in self.env["res.company"].sudo().search([]):
            fell_due |= self.search(
                [
                    ("state", "in", ("planned", "partial")),
                    ("due_date", "<", company_today(company)),
                    ("company_id", "=", company.id),
                ]
            )
        if fell_due:
            self.env.add_to_compute(self._fields["state"], fell_due)
            fell_due._recompute_recordset(["state"])
        to_remind = self.search(self._get_overdue_reminder_domain()).filtered(
            lambda p: p.overdue_reminded_date != p.due_date
        )
        to_remind._remind_overdue()
        return len(to_remind)

    @api.model
    def _get_overdue_reminder_domain(self):
        """Overdue instalments worth a reminder: of confirmed orders only, a cancelled
        order or a quotation owes nothing (issue 14). Paid ones are never overdue: the
        order's paid invoices settle them (see ``_compute_received``)."""
        return [("state", "=", "overdue"), ("order_id.state", "=", "sale")]

    def _remind_overdue(self):
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for line in self:
            order = line.order_id
            user = order.user_id or order.create_uid
            env = recipient_env(self.env, user)  # the salesperson's language
            order.activity_schedule(
                activity_type_id=activity_type.id,
                summary=env._("Overdue payment: %s", line.name),
                note=env._(
                    "%(order)s: %(amount)s was due on %(date)s, %(residual)s still to collect.",
                    order=order.name,
                    amount=format_amount(env, line.amount, line.currency_id),
                    date=format_date(env, line.due_date),
                    residual=format_amount(env, line.residual, line.currency_id),
                ),
                user_id=user.id,
            )
            line.sudo().overdue_reminded_date = line.due_date
