# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class CrmReportForecast(models.Model):
    """Open opportunities by expected closing date, weighted by their probability."""

    _name = "crm.report.forecast"
    _inherit = "crm.report.xlsx.mixin"
    _description = "Sales Forecast"
    _auto = False
    _order = "date_deadline, lead_id"
    # What the view reads: searching it flushes these first.
    _depends = {
        "crm.lead": [
            "partner_id",
            "date_deadline",
            "user_id",
            "team_id",
            "stage_id",
            "company_id",
            "expected_revenue",
            "probability",
            "active",
            "type",
        ],
        "crm.stage": ["is_won"],
        "res.company": ["currency_id"],
    }
    _xlsx_fields = (
        "date_deadline",
        "lead_id",
        "partner_id",
        "user_id",
        "team_id",
        "stage_id",
        "expected_revenue",
        "probability",
        "weighted_amount",
    )
    _xlsx_percent_fields = ("probability",)

    lead_id = fields.Many2one("crm.lead", "Opportunity", readonly=True)
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    date_deadline = fields.Date("Expected Closing", readonly=True)
    user_id = fields.Many2one("res.users", "Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", "Sales Team", readonly=True)
    stage_id = fields.Many2one("crm.stage", "Stage", readonly=True)
    company_id = fields.Many2one("res.company", "Company", readonly=True)
    currency_id = fields.Many2one("res.currency", "Currency", readonly=True)
    expected_revenue = fields.Monetary("Expected Revenue", readonly=True)
    probability = fields.Float("Probability (%)", aggregator="avg", readonly=True)
    weighted_amount = fields.Monetary(
        "Weighted Amount", readonly=True, help="Expected revenue × probability."
    )

    def _read_group_select(self, aggregate_spec, query):
        """A group's probability is its weighted amount over its expected revenue."""
        if aggregate_spec != "probability:avg":
            return super()._read_group_select(aggregate_spec, query)
        return SQL(
            "100.0 * SUM(%s) / NULLIF(SUM(%s), 0)",
            self._field_to_sql(self._table, "weighted_amount", query),
            self._field_to_sql(self._table, "expected_revenue", query),
        )

    def _query(self):
        return SQL(
            """
SELECT lead.id,
       lead.id AS lead_id,
       lead.partner_id,
       lead.date_deadline,
       lead.user_id,
       lead.team_id,
       lead.stage_id,
       lead.company_id,
       company.currency_id,
       lead.expected_revenue,
       lead.probability,
       lead.expected_revenue * lead.probability / 100.0 AS weighted_amount
FROM crm_lead lead
LEFT JOIN crm_stage stage ON stage.id = lead.stage_id
LEFT JOIN res_company company ON company.id = lead.company_id
WHERE lead.active
  AND lead.type = 'opportunity'
  AND NOT COALESCE(stage.is_won, FALSE)
"""
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )
