# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # Company defaults of the public pool (公海); a sales team may override each one.
    # Opt-in: an existing Odoo keeps assigning leads as before until an admin turns it on.
    pool_new_leads = fields.Boolean(
        "Public Pool",
        default=False,
        help="On: leads created without a salesperson enter the public pool and leads "
        "without a follow-up in time return to it. Off: Odoo's own assignment applies. "
        "A sales team may override it.",
    )
    pool_daily_claim_limit = fields.Integer("Claims per Day", default=20)
    pool_open_lead_limit = fields.Integer("Open Leads Held", default=50)
    pool_unclaimed_hours = fields.Integer("Remind Leader After (hours)", default=24)
    pool_cooldown_days = fields.Integer("Re-claim Cooldown (days)", default=3)
    pool_reclaim_days = fields.Integer("Reclaim Without Follow-up (days)", default=7)
    pool_reclaim_warning_days = fields.Integer("Warn Before Reclaim (days)", default=2)
