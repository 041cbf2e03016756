# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pool_new_leads = fields.Boolean(related="company_id.pool_new_leads", readonly=False)
    pool_daily_claim_limit = fields.Integer(
        related="company_id.pool_daily_claim_limit", readonly=False
    )
    pool_open_lead_limit = fields.Integer(related="company_id.pool_open_lead_limit", readonly=False)
    pool_unclaimed_hours = fields.Integer(related="company_id.pool_unclaimed_hours", readonly=False)
    pool_cooldown_days = fields.Integer(related="company_id.pool_cooldown_days", readonly=False)
    pool_reclaim_days = fields.Integer(related="company_id.pool_reclaim_days", readonly=False)
    pool_reclaim_warning_days = fields.Integer(
        related="company_id.pool_reclaim_warning_days", readonly=False
    )
