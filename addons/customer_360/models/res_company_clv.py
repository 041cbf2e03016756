# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    clv_basis = fields.Selection(
        [("revenue", "Revenue"), ("margin", "Margin")],
        string="Customer Value Basis",
        default="revenue",
        required=True,
        help="Untaxed revenue or margin of confirmed orders, minus credit notes.",
    )
    clv_min_repeat_customers = fields.Integer(
        "Repeat Customers Needed for Prediction",
        default=20,
        help="Below this number of customers with a second order, CLV is not "
        "predicted: the historic value is shown with 'insufficient data'.",
    )
    clv_model_params = fields.Json("Fitted CLV Parameters", readonly=True, copy=False)
    clv_fit_date = fields.Datetime("CLV Model Fitted On", readonly=True, copy=False)
    clv_repeat_customers = fields.Integer("Repeat Customers at Last Fit", readonly=True, copy=False)
    clv_monthly_discount_rate = fields.Float(
        "CLV Monthly Discount Rate",
        digits=(16, 4),
        default=0.0,
        help="Predicted CLV discounts each month's expected purchases to today at this "
        "rate (0.01 = 1% a month), as lifetimes does. 0: no discount.",
    )

    @api.constrains("clv_monthly_discount_rate")
    def _check_clv_monthly_discount_rate(self):
        for company in self:
            if not 0 <= company.clv_monthly_discount_rate < 1:
                raise ValidationError(
                    self.env._(
                        "The monthly discount rate of predicted CLV must be at least 0 and "
                        "below 1 (0.01 is 1%% a month), not %(rate)s.",
                        rate=company.clv_monthly_discount_rate,
                    )
                )
