# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class CrmReportFollowupDelay(models.Model):
    """How long leads wait for their first follow-up (首次跟进时长), per lead."""

    _name = "crm.report.followup.delay"
    _inherit = "crm.report.xlsx.mixin"
    _description = "First Follow-up Delay"
    _auto = False
    _order = "create_date desc, lead_id"
    # What the view reads: searching it flushes these first.
    _depends = {
        "crm.followup": ["lead_id", "date"],
        "crm.lead": ["user_id", "team_id", "company_id", "create_date"],
    }
    _xlsx_fields = (
        "lead_id",
        "user_id",
        "team_id",
        "create_date",
        "first_followup_date",
        "followed_up_count",
        "delay_hours",
        "delay_days",
    )

    lead_id = fields.Many2one("crm.lead", "Lead", readonly=True)
    user_id = fields.Many2one("res.users", "Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", "Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", "Company", readonly=True)
    create_date = fields.Datetime("Created On", readonly=True)
    first_followup_date = fields.Datetime("First Follow-up On", readonly=True)
    followed_up_count = fields.Integer("Followed Up", readonly=True)
    delay_hours = fields.Float(
        "Hours to First Follow-up",
        aggregator="avg",
        readonly=True,
        help="Average over the leads that were followed up.",
    )
    delay_days = fields.Float("Days to First Follow-up", aggregator="avg", readonly=True)

    def _query(self):
        return SQL(
            """
WITH first_followup AS (
    SELECT lead_id, MIN(date) AS date
    FROM crm_followup
    WHERE lead_id IS NOT NULL
    GROUP BY lead_id
)
SELECT lead.id,
       lead.id AS lead_id,
       lead.user_id,
       lead.team_id,
       lead.company_id,
       lead.create_date,
       first_followup.date AS first_followup_date,
       CASE WHEN first_followup.date IS NULL THEN 0 ELSE 1 END AS followed_up_count,
       EXTRACT(EPOCH FROM first_followup.date - lead.create_date) / 3600.0 AS delay_hours,
       EXTRACT(EPOCH FROM first_followup.date - lead.create_date) / 86400.0 AS delay_days
FROM crm_lead lead
LEFT JOIN first_followup ON first_followup.lead_id = lead.id
"""
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )
