# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # Company defaults of the public pool (公海); a sales team may override each one.
    pool_new_leads = fields.Boolean(
        "New Unowned Leads Go to the Pool",
        default=True,
        help="Off: leads created without a salesperson stay for Odoo's own assignment.",
    )
    pool_daily_claim_limit = fields.Integer("Claims per Day", default=20)
    pool_open_lead_limit = fields.Integer("Open Leads Held", default=50)
    pool_unclaimed_hours = fields.Integer("Remind Leader After (hours)", default=24)
    pool_cooldown_days = fields.Integer("Re-claim Cooldown (days)", default=3)
    pool_reclaim_days = fields.Integer("Reclaim Without Follow-up (days)", default=7)
    pool_reclaim_warning_days = fields.Integer("Warn Before Reclaim (days)", default=2)
