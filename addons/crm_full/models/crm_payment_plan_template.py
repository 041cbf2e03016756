# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

from ..tools.local_dates import company_tz, local_date


class CrmPaymentPlanTemplate(models.Model):
    """Reusable split of an order total into instalments, e.g. 30 / 60 / 10."""

    _name = "crm.payment.plan.template"
    _description = "Payment Plan Template"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)
    line_ids = fields.One2many(
        "crm.payment.plan.template.line", "template_id", string="Instalments", copy=True
    )

    @api.constrains("line_ids")
    def _check_total(self):
        for template in self:
            total = sum(template.line_ids.mapped("percentage"))
            if template.line_ids and float_compare(total, 100, 2) != 0:
                raise ValidationError(
                    self.env._(
                        "The instalments of '%(name)s' add up to %(total)s%%, not 100%%.",
                        name=template.name,
                        total=round(total, 2),
                    )
                )

    def _prepare_plan_values(self, order):
        """Instalment values of ``order`` for this template, due from the order date."""
        self.ensure_one()
        # The order's day on the company's calendar: at 01:30 in Shanghai the UTC date is
        # yesterday's, and a first instalment "due at once" read as overdue (issue 15).
        tz = company_tz(order.company_id or self.env.company)
        start = local_date(order.date_order, tz) or local_date(fields.Datetime.now(), tz)
        return [
            {
                "order_id": order.id,
                "sequence": line.sequence,
                "name": line.name,
                "value_type": "percent",
                "percentage": line.percentage,
                "due_date": fields.Date.add(start, days=line.days),
            }
            for line in self.line_ids
        ]


class CrmPaymentPlanTemplateLine(models.Model):
    _name = "crm.payment.plan.template.line"
    _description = "Payment Plan Template Instalment"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "crm.payment.plan.template", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char("Instalment", required=True, translate=True)
    percentage = fields.Float(digits=(16, 2), required=True)
    days = fields.Integer("Due After (days)", help="Days after the order date.")

    _sql_constraints = [
        (
            "percentage_positive",
            "CHECK(percentage > 0)",
            "Each instalment of a template must be a positive percentage.",
        ),
        ("days_positive", "CHECK(days >= 0)", "An instalment cannot fall due before the order."),
    ]
