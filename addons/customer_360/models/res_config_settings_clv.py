# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    clv_basis = fields.Selection(related="company_id.clv_basis", readonly=False)
    clv_min_repeat_customers = fields.Integer(
        related="company_id.clv_min_repeat_customers", readonly=False
    )
    clv_monthly_discount_rate = fields.Float(
        related="company_id.clv_monthly_discount_rate", readonly=False
    )
    clv_fit_date = fields.Datetime(related="company_id.clv_fit_date")
    clv_repeat_customers = fields.Integer(related="company_id.clv_repeat_customers")
