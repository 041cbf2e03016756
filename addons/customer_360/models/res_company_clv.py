# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


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
