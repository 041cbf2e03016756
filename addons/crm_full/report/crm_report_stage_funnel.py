# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class CrmReportStageFunnel(models.Model):
    """Opportunity funnel from the stage history (mail tracking of crm.lead.stage_id).

    One row per lead and stage, for every stage up to one past the furthest the
    lead reached. A lead "reached" a stage when it got there or further (stages
    ordered by sequence), so skipped stages count and moving back loses nothing.
    Each row's lead reached the previous stage, hence: rows = leads that could
    convert, ``reached`` = leads that did, and the average of ``conversion_rate``
    is the stage-to-stage conversion under any grouping.
    """

    _name = "crm.report.stage.funnel"
    _inherit = "crm.report.xlsx.mixin"
    _description = "Opportunity Funnel"
    _auto = False
    _order = "stage_sequence, lead_id"
    # What the view reads: searching it flushes these first.
    _depends = {
        "crm.stage": ["sequence"],
        "mail.tracking.value": [
            "mail_message_id",
            "field_id",
            "old_value_integer",
            "new_value_integer",
        ],
        "mail.message": ["model", "res_id", "date"],
        "ir.model.fields": ["model", "name"],
        "crm.lead": ["stage_id", "create_date", "type", "user_id", "team_id", "company_id"],
    }
    _xlsx_fields = (
        "stage_id",
        "lead_id",
        "user_id",
        "team_id",
        "create_date",
        "date_reached",
        "reached_count",
        "conversion_rate",
        "days_to_reach",
    )
    _xlsx_percent_fields = ("conversion_rate",)

    lead_id = fields.Many2one("crm.lead", "Opportunity", readonly=True)
    stage_id = fields.Many2one("crm.stage", "Stage", readonly=True)
    stage_sequence = fields.Integer("Stage Rank", aggregator=None, readonly=True)
    lead_type = fields.Selection(
        [("lead", "Lead"), ("opportunity", "Opportunity")], "Type", readonly=True
    )
    user_id = fields.Many2one("res.users", "Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", "Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", "Company", readonly=True)
    create_date = fields.Datetime("Created On", readonly=True)
    date_reached = fields.Datetime("Reached On", readonly=True)
    reached_count = fields.Integer("Reached", readonly=True)
    conversion_rate = fields.Float(
        "Conversion from Previous Stage (%)",
        aggregator="avg",
        readonly=True,
        help="Share of the leads that reached the previous stage and then reached this one.",
    )
    days_to_reach = fields.Float(
        "Days to Reach",
        aggregator="avg",
        readonly=True,
        help="Days from the lead's creation to the first time it reached this stage.",
    )

    def _query(self):
        return SQL(
            """
WITH stage_rank AS (
    SELECT id AS stage_id, ROW_NUMBER() OVER (ORDER BY sequence, id) AS rank
    FROM crm_stage
),
moves AS (
    SELECT msg.res_id AS lead_id, tv.id AS tracking_id, msg.date,
           tv.old_value_integer AS old_stage_id, tv.new_value_integer AS new_stage_id
    FROM mail_tracking_value tv
    JOIN mail_message msg ON msg.id = tv.mail_message_id
    WHERE msg.model = 'crm.lead'
      AND tv.field_id = (
          SELECT id FROM ir_model_fields WHERE model = 'crm.lead' AND name = 'stage_id'
      )
),
first_move AS (
    SELECT DISTINCT ON (lead_id) lead_id, old_stage_id
    FROM moves
    ORDER BY lead_id, date, tracking_id
),
entered AS (
    -- the stage each lead was created in: before its first move, or where it still is
    SELECT lead.id AS lead_id,
           COALESCE(first_move.old_stage_id, lead.stage_id) AS stage_id,
           lead.create_date AS date
    FROM crm_lead lead
    LEFT JOIN first_move ON first_move.lead_id = lead.id
    UNION ALL
    SELECT lead_id, new_stage_id, date FROM moves
),
first_entry AS (
    SELECT entered.lead_id, stage_rank.rank, MIN(entered.date) AS date
    FROM entered
    JOIN stage_rank ON stage_rank.stage_id = entered.stage_id
    GROUP BY entered.lead_id, stage_rank.rank
),
progress AS (
    SELECT lead_id, MAX(rank) AS max_rank FROM first_entry GROUP BY lead_id
),
funnel AS (
    SELECT progress.lead_id, stage_rank.stage_id, stage_rank.rank,
           stage_rank.rank <= progress.max_rank AS reached,
           (SELECT MIN(fe.date) FROM first_entry fe
             WHERE fe.lead_id = progress.lead_id AND fe.rank >= stage_rank.rank) AS date_reached
    FROM progress
    JOIN stage_rank ON stage_rank.rank <= progress.max_rank + 1
)
SELECT ROW_NUMBER() OVER (ORDER BY funnel.lead_id, funnel.rank) AS id,
       funnel.lead_id,
       funnel.stage_id,
       funnel.rank AS stage_sequence,
       lead.type AS lead_type,
       lead.user_id,
       lead.team_id,
       lead.company_id,
       lead.create_date,
       funnel.date_reached,
       CASE WHEN funnel.reached THEN 1 ELSE 0 END AS reached_count,
       CASE WHEN funnel.reached THEN 100.0 ELSE 0.0 END AS conversion_rate,
       CASE WHEN funnel.reached
            THEN EXTRACT(EPOCH FROM funnel.date_reached - lead.create_date) / 86400.0
       END AS days_to_reach
FROM funnel
JOIN crm_lead lead ON lead.id = funnel.lead_id
"""
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )
