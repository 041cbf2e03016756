# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.crm.models.crm_stage import AVAILABLE_PRIORITIES


class CrmPoolReclaimDelay(models.Model):
    """How long a salesperson may keep a lead of a given priority without a follow-up
    before it goes back to the pool: hot leads may be given fewer days than cold ones."""

    _name = "crm.pool.reclaim.delay"
    _description = "Pool Reclaim Delay by Priority"
    _order = "team_id, priority"

    team_id = fields.Many2one("crm.team", required=True, ondelete="cascade", index=True)
    priority = fields.Selection(AVAILABLE_PRIORITIES, required=True, default="0")
    days = fields.Integer("Reclaim After (days)", required=True, default=7)
    company_id = fields.Many2one(related="team_id.company_id", store=True)

    _sql_constraints = [
        ("team_priority_uniq", "unique(team_id, priority)", "One delay per priority and team."),
        ("days_positive", "CHECK(days > 0)", "A reclaim delay must be at least one day."),
    ]


class CrmTeam(models.Model):
    _inherit = "crm.team"

    pool_reclaim_delay_ids = fields.One2many(
        "crm.pool.reclaim.delay",
        "team_id",
        "Reclaim Delays by Priority",
        help="Overrides the team's reclaim days for leads of a given priority.",
    )


class CrmLead(models.Model):
    _inherit = "crm.lead"

    # Depends add to the pool's own: a changed setting moves the dates it governs.
    @api.depends(
        "priority",
        "team_id.pool_reclaim_days",
        "team_id.pool_reclaim_delay_ids.days",
        "team_id.pool_reclaim_delay_ids.priority",
        "company_id.pool_reclaim_days",
    )
    def _compute_pool_reclaim_date(self):
        super()._compute_pool_reclaim_date()
        leads = self.filtered(lambda lead: lead.pool_reclaim_date and lead.team_id)
        delays = {
            (delay.team_id.id, delay.priority): delay.days
            for delay in leads.team_id.pool_reclaim_delay_ids
        }
        for lead in leads:
            days = delays.get((lead.team_id.id, lead.priority))
            if days:
                start = lead.last_followup_date or lead.date_open
                lead.pool_reclaim_date = start + timedelta(days=days)
