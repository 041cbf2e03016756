# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    lifecycle_at_risk_days = fields.Integer(
        related="company_id.lifecycle_at_risk_days", readonly=False
    )
    lifecycle_dormant_days = fields.Integer(
        related="company_id.lifecycle_dormant_days", readonly=False
    )
    lifecycle_churned_days = fields.Integer(
        related="company_id.lifecycle_churned_days", readonly=False
    )
    lifecycle_won_back_days = fields.Integer(
        related="company_id.lifecycle_won_back_days", readonly=False
    )
    key_customer_idle_days = fields.Integer(
        related="company_id.key_customer_idle_days", readonly=False
    )
