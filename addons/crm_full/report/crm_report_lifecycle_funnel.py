# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class CrmReportLifecycleFunnel(models.Model):
    """Customer lifecycle funnel from ``crm.lifecycle.history``.

    Same shape as the opportunity funnel: one row per customer and lifecycle
    stage up to one past the furthest stage reached, so ``reached`` counts the
    customers at each stage and the average ``conversion_rate`` is the share
    of the previous stage's customers who got this far. ``days_from_first`` is
    the time from the customer's first recorded stage; it is empty for a
    customer without any recorded move (a stage set at creation or by an
    import tells nothing about how long the journey took).
    """

    _name = "crm.report.lifecycle.funnel"
    _inherit = "crm.report.xlsx.mixin"
    _description = "Lifecycle Funnel"
    _auto = False
    _order = "stage_sequence, partner_id"
    # What the view reads: searching it flushes these first.
    _depends = {
        "crm.lifecycle.stage": ["sequence", "active"],
        "crm.lifecycle.history": ["partner_id", "old_stage_id", "new_stage_id", "date"],
        "res.partner": [
            "lifecycle_stage_id",
            "create_date",
            "user_id",
            "state_id",
            "company_id",
        ],
    }
    _xlsx_fields = (
        "stage_id",
        "partner_id",
        "user_id",
        "state_id",
        "date_first",
        "date_reached",
        "reached_count",
        "conversion_rate",
        "days_from_first",
    )
    _xlsx_percent_fields = ("conversion_rate",)

    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    stage_id = fields.Many2one("crm.lifecycle.stage", "Lifecycle Stage", readonly=True)
    stage_sequence = fields.Integer("Stage Rank", aggregator=None, readonly=True)
    user_id = fields.Many2one("res.users", "Salesperson", readonly=True)
    state_id = fields.Many2one("res.country.state", "Region", readonly=True)
    company_id = fields.Many2one("res.company", "Company", readonly=True)
    date_first = fields.Datetime("Journey Started On", readonly=True)
    date_reached = fields.Datetime("Reached On", readonly=True)
    reached_count = fields.Integer("Reached", readonly=True)
    conversion_rate = fields.Float(
        "Conversion from Previous Stage (%)", aggregator="avg", readonly=True
    )
    days_from_first = fields.Float(
        "Days from First Stage",
        aggregator="avg",
        readonly=True,
        help="Days from the customer's first lifecycle stage to reaching this one.",
    )

    def _query(self):
        return SQL(
            """
WITH stage_rank AS (
    SELECT id AS stage_id, ROW_NUMBER() OVER (ORDER BY sequence, id) AS rank
    FROM crm_lifecycle_stage
    WHERE active
),
first_move AS (
    SELECT DISTINCT ON (partner_id) partner_id, old_stage_id, date
    FROM crm_lifecycle_history
    WHERE new_stage_id IS NOT NULL
    ORDER BY partner_id, date, id
),
entered AS (
    SELECT partner_id, new_stage_id AS stage_id, date
    FROM crm_lifecycle_history
    WHERE new_stage_id IS NOT NULL
    UNION ALL
    -- the stage held before the first recorded move (set at creation, by an
    -- import or by hand): held since the customer was created, else the
    -- journey would start at that move and every stage read 0 days
    SELECT first_move.partner_id, first_move.old_stage_id,
           LEAST(partner.create_date, first_move.date)
    FROM first_move
    JOIN res_partner partner ON partner.id = first_move.partner_id
    WHERE first_move.old_stage_id IS NOT NULL
    UNION ALL
    -- the current stage, so one set without history (import, demo, hand edit) counts:
    -- dated at the last recorded stage move, else at the customer's creation
    SELECT partner.id, partner.lifecycle_stage_id,
           COALESCE(
               (SELECT MAX(history.date) FROM crm_lifecycle_history history
                 WHERE history.partner_id = partner.id AND history.new_stage_id IS NOT NULL),
               partner.create_date
           )
    FROM res_partner partner
    WHERE partner.lifecycle_stage_id IS NOT NULL
),
first_entry AS (
    SELECT entered.partner_id, stage_rank.rank, MIN(entered.date) AS date
    FROM entered
    JOIN stage_rank ON stage_rank.stage_id = entered.stage_id
    GROUP BY entered.partner_id, stage_rank.rank
),
progress AS (
    SELECT partner_id, MAX(rank) AS max_rank, MIN(date) AS date_first
    FROM first_entry
    GROUP BY partner_id
),
funnel AS (
    SELECT progress.partner_id, progress.date_first, stage_rank.stage_id, stage_rank.rank,
           EXISTS (SELECT 1 FROM first_move WHERE first_move.partner_id = progress.partner_id)
               AS recorded,
           stage_rank.rank <= progress.max_rank AS reached,
           (SELECT MIN(fe.date) FROM first_entry fe
             WHERE fe.partner_id = progress.partner_id AND fe.rank >= stage_rank.rank) AS date_reached
    FROM progress
    JOIN stage_rank ON stage_rank.rank <= progress.max_rank + 1
)
SELECT ROW_NUMBER() OVER (ORDER BY funnel.partner_id, funnel.rank) AS id,
       funnel.partner_id,
       funnel.stage_id,
       funnel.rank AS stage_sequence,
       partner.user_id,
       partner.state_id,
       partner.company_id,
       funnel.date_first,
       CASE WHEN funnel.reached THEN funnel.date_reached END AS date_reached,
       CASE WHEN funnel.reached THEN 1 ELSE 0 END AS reached_count,
       CASE WHEN funnel.reached THEN 100.0 ELSE 0.0 END AS conversion_rate,
       -- no recorded move, no journey to measure: empty, not a 0 that drags every average
       CASE WHEN funnel.reached AND funnel.recorded
            THEN EXTRACT(EPOCH FROM funnel.date_reached - funnel.date_first) / 86400.0
       END AS days_from_first
FROM funnel
JOIN res_partner partner ON partner.id = funnel.partner_id
"""
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )
