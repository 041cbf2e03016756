# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    won_order_product_id = fields.Many2one(
        related="company_id.won_order_product_id", readonly=False
    )
    invoice_activity_user_id = fields.Many2one(
        related="company_id.invoice_activity_user_id", readonly=False
    )
    approval_allow_self = fields.Boolean(related="company_id.approval_allow_self", readonly=False)
    renewal_lead_days = fields.Integer(related="company_id.renewal_lead_days", readonly=False)
