# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

POOL_SETTINGS = (
    "pool_daily_claim_limit",
    "pool_open_lead_limit",
    "pool_unclaimed_hours",
    "pool_cooldown_days",
    "pool_reclaim_days",
)


class CrmTeam(models.Model):
    _inherit = "crm.team"

    pool_daily_claim_limit = fields.Integer("Claims per Day", help="0: the company default.")
    pool_open_lead_limit = fields.Integer("Open Leads Held", help="0: the company default.")
    pool_unclaimed_hours = fields.Integer(
        "Remind Leader After (hours)", help="0: the company default."
    )
    pool_cooldown_days = fields.Integer("Re-claim Cooldown (days)", help="0: the company default.")
    pool_reclaim_days = fields.Integer(
        "Reclaim Without Follow-up (days)", help="0: the company default."
    )

    pool_mode = fields.Selection(
        [("company", "As the Company"), ("on", "On"), ("off", "Off")],
        "Public Pool",
        default="company",
        help="On: this team's unowned new leads enter the public pool and its idle leads "
        "return to it. Off: Odoo's own assignment applies. As the Company: the company setting.",
    )

    def _pool_setting(self, name, company):
        """The team's value of a pool setting, else the company's."""
        assert name in POOL_SETTINGS
        return (self[name] if self else 0) or company[name]

    def _get_lead_to_assign_domain(self):
        # Odoo's round-robin would hand pooled leads out and bypass the claim rules.
        return [*super()._get_lead_to_assign_domain(), ("in_pool", "=", False)]
