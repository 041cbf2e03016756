# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .crm_team import POOL_SETTINGS


class CrmTeam(models.Model):
    """The value each pool setting really has for the team (issue 14: the team tab showed
    0 for "use the company default", which read as "no claims at all")."""

    _inherit = "crm.team"

    pool_daily_claim_limit_effective = fields.Integer(
        "Effective Claims per Day", compute="_compute_pool_effective"
    )
    pool_open_lead_limit_effective = fields.Integer(
        "Effective Open Leads Held", compute="_compute_pool_effective"
    )
    pool_unclaimed_hours_effective = fields.Integer(
        "Effective Reminder Delay (hours)", compute="_compute_pool_effective"
    )
    pool_cooldown_days_effective = fields.Integer(
        "Effective Re-claim Cooldown (days)", compute="_compute_pool_effective"
    )
    pool_reclaim_days_effective = fields.Integer(
        "Effective Reclaim Delay (days)", compute="_compute_pool_effective"
    )

    @api.depends(*POOL_SETTINGS, *(f"company_id.{name}" for name in POOL_SETTINGS))
    @api.depends_context("company")
    def _compute_pool_effective(self):
        for team in self:
            company = team.company_id or self.env.company
            for name in POOL_SETTINGS:
                team[f"{name}_effective"] = team._pool_setting(name, company)
