# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    # Live status thresholds: days without a confirmed order or a follow-up.
    lifecycle_at_risk_days = fields.Integer("At Risk After (days)", default=60)
    lifecycle_dormant_days = fields.Integer("Dormant After (days)", default=120)
    lifecycle_churned_days = fields.Integer("Churned After (days)", default=365)
    lifecycle_won_back_days = fields.Integer(
        "Won Back Shown For (days)",
        default=90,
        help="A won-back customer who keeps buying is simply active again after this.",
    )
    key_customer_idle_days = fields.Integer(
        "Remind After (days) for Key Customers",
        default=3,
        help="A key customer without a follow-up for this long: the salesperson is reminded.",
    )

    @api.constrains("lifecycle_at_risk_days", "lifecycle_dormant_days", "lifecycle_churned_days")
    def _check_lifecycle_thresholds(self):
        for company in self:
            days = (
                company.lifecycle_at_risk_days,
                company.lifecycle_dormant_days,
                company.lifecycle_churned_days,
            )
            if not 0 < days[0] < days[1] < days[2]:
                raise ValidationError(
                    self.env._(
                        "Lifecycle status thresholds must grow: at risk < dormant < churned, "
                        "all above zero (now %(risk)s, %(dormant)s, %(churned)s days).",
                        risk=days[0],
                        dormant=days[1],
                        churned=days[2],
                    )
                )
