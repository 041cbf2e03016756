# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    export_daily_threshold = fields.Integer(
        "Daily Export Limit",
        default=500,
        help="Customers, leads and orders one user may export in a day before the sales "
        "directors are told (once per day and user). 0: never tell.",
    )
    activity_untouched_days = fields.Integer(
        "Untouched After (days)",
        default=30,
        help="In the sales activity report, a salesperson's customer without a follow-up "
        "for this many days counts as not touched.",
    )

    @api.constrains("export_daily_threshold", "activity_untouched_days")
    def _check_audit_settings(self):
        for company in self:
            if company.export_daily_threshold < 0 or company.activity_untouched_days < 1:
                raise ValidationError(
                    self.env._(
                        "The daily export limit cannot be negative and customers are "
                        "untouched after at least one day."
                    )
                )
