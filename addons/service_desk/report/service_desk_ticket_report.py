# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.service_desk_ticket import TICKET_PRIORITIES
from ..models.service_desk_ticket_sla import SLA_TICKET_STATES

# Aggregates PostgreSQL computes cheaply that read_group does not know.
PERCENTILE_AGGREGATES = {"median": 0.5, "p90": 0.9}

# A running clock without a warning threshold is at risk in the last 20% of its target.
AT_RISK_DEFAULT_SHARE = 0.2

AGE_BUCKETS = [
    ("0_1", "< 1 day"),
    ("1_3", "1-3 days"),
    ("3_7", "3-7 days"),
    ("7_30", "7-30 days"),
    ("30_plus", "> 30 days"),
]


class ServiceDeskTicketReport(models.Model):
    """One row per ticket; percentages are 0/100 per row (NULL when not applicable)
    so that the "avg" of a group is the group's rate."""

    _name = "service.desk.ticket.report"
    _description = "Service Desk Ticket Analysis"
    _auto = False
    _rec_name = "number"
    _order = "create_date desc"
    # What the view reads: searching it flushes these first.
    _depends = {
        "service.desk.ticket": [
            "number",
            "create_date",
            "date_done",
            "company_id",
            "team_id",
            "user_id",
            "commercial_partner_id",
            "stage_id",
            "priority",
            "channel",
            "category_id",
            "tag_ids",
            "sla_state",
            "is_done",
            "first_reply_date",
            "first_reply_hours",
            "resolution_hours",
            "rating_last_value",
            "ces_score",
            "reopen_count",
            "fcr_state",
            "active",
        ],
        "service.desk.sla.status": [
            "ticket_id",
            "metric",
            "state",
            "breached",
            "warned",
            "warn_date",
            "deadline",
            "date_reached",
            "target_seconds",
        ],
    }

    number = fields.Char(readonly=True)
    create_date = fields.Datetime(string="Created on", readonly=True)
    date_done = fields.Datetime(string="Solved on", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    team_id = fields.Many2one("service.desk.team", readonly=True)
    user_id = fields.Many2one("res.users", string="Agent", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    stage_id = fields.Many2one("service.desk.stage", readonly=True)
    priority = fields.Selection(TICKET_PRIORITIES, readonly=True)
    category_id = fields.Many2one("service.desk.category", string="Ticket Category", readonly=True)
    tag_ids = fields.Many2many(
        "service.desk.tag",
        "service_desk_ticket_tag_rel",
        "ticket_id",
        "tag_id",
        string="Tags",
        readonly=True,
    )
    sla_state = fields.Selection(SLA_TICKET_STATES, string="SLA Status", readonly=True)
    channel = fields.Char(readonly=True)
    ticket_count = fields.Integer(string="Tickets", readonly=True)
    open_count = fields.Integer(string="Backlog", readonly=True)
    age_bucket = fields.Selection(AGE_BUCKETS, string="Backlog Age", readonly=True)
    first_reply_hours = fields.Float(readonly=True, aggregator="avg")
    first_reply_hours_median = fields.Float(
        string="First Reply Hours (median)", readonly=True, aggregator="median"
    )
    first_reply_hours_p90 = fields.Float(
        string="First Reply Hours (P90)", readonly=True, aggregator="p90"
    )
    resolution_hours = fields.Float(readonly=True, aggregator="avg")
    resolution_hours_median = fields.Float(
        string="Resolution Hours (median)", readonly=True, aggregator="median"
    )
    resolution_hours_p90 = fields.Float(
        string="Resolution Hours (P90)", readonly=True, aggregator="p90"
    )
    csat_pct = fields.Float(string="CSAT %", readonly=True, aggregator="avg")
    ces_score = fields.Float(string="CES", readonly=True, aggregator="avg")
    reopen_pct = fields.Float(string="Reopen Rate %", readonly=True, aggregator="avg")
    fcr_pct = fields.Float(string="FCR %", readonly=True, aggregator="avg")
    sla_first_reply_pct = fields.Float(
        string="First Reply SLA %",
        readonly=True,
        aggregator="avg",
        help="Met first-reply clocks over met and breached ones.",
    )
    sla_resolution_pct = fields.Float(
        string="Resolution SLA %",
        readonly=True,
        aggregator="avg",
        help="Met resolution clocks over met and breached ones (each cycle counts).",
    )
    sla_pct = fields.Float(
        string="SLA Compliance %",
        readonly=True,
        aggregator="avg",
        help="Tickets none of whose clocks breached, over tickets with a met or breached clock.",
    )
    sla_at_risk_count = fields.Integer(
        string="At Risk",
        readonly=True,
        help="Open tickets with a running clock past its warning threshold (without one: "
        "in the last 20% of its target) and not yet breached.",
    )
    sla_breached_open_count = fields.Integer(
        string="Overdue", readonly=True, help="Open tickets with a breached running clock."
    )

    def _read_group_select(self, aggregate_spec, query):
        fname, __, func = aggregate_spec.partition(":")
        if func in PERCENTILE_AGGREGATES and fname in self._fields:
            return SQL(
                "percentile_cont(%s) WITHIN GROUP (ORDER BY %s)",
                PERCENTILE_AGGREGATES[func],
                self._field_to_sql(self._table, fname, query),
            )
        return super()._read_group_select(aggregate_spec, query)

    def _select(self):
        # rating_last_value >= 4 is "satisfied" (rating_data.RATING_LIMIT_SATISFIED)
        return SQL(
            """
            t.id, t.number, t.create_date, t.date_done, t.company_id, t.team_id, t.user_id,
            t.commercial_partner_id AS partner_id, t.stage_id, t.priority, t.channel,
            t.category_id, t.sla_state,
            1 AS ticket_count,
            CASE WHEN t.is_done THEN 0 ELSE 1 END AS open_count,
            CASE
                WHEN t.is_done THEN NULL
                WHEN age.days < 1 THEN '0_1'
                WHEN age.days < 3 THEN '1_3'
                WHEN age.days < 7 THEN '3_7'
                WHEN age.days < 30 THEN '7_30'
                ELSE '30_plus'
            END AS age_bucket,
            CASE WHEN t.first_reply_date IS NULL THEN NULL ELSE t.first_reply_hours END
                AS first_reply_hours,
            CASE WHEN t.first_reply_date IS NULL THEN NULL ELSE t.first_reply_hours END
                AS first_reply_hours_median,
            CASE WHEN t.first_reply_date IS NULL THEN NULL ELSE t.first_reply_hours END
                AS first_reply_hours_p90,
            CASE WHEN t.date_done IS NULL THEN NULL ELSE t.resolution_hours END
                AS resolution_hours,
            CASE WHEN t.date_done IS NULL THEN NULL ELSE t.resolution_hours END
                AS resolution_hours_median,
            CASE WHEN t.date_done IS NULL THEN NULL ELSE t.resolution_hours END
                AS resolution_hours_p90,
            CASE
                WHEN COALESCE(t.rating_last_value, 0) = 0 THEN NULL
                WHEN t.rating_last_value >= 4 THEN 100.0
                ELSE 0.0
            END AS csat_pct,
            NULLIF(t.ces_score, 0) AS ces_score,
            CASE
                WHEN t.is_done OR t.reopen_count > 0
                THEN CASE WHEN t.reopen_count > 0 THEN 100.0 ELSE 0.0 END
            END AS reopen_pct,
            CASE t.fcr_state WHEN 'yes' THEN 100.0 WHEN 'no' THEN 0.0 END AS fcr_pct,
            sla.first_reply_pct AS sla_first_reply_pct,
            sla.resolution_pct AS sla_resolution_pct,
            CASE
                WHEN sla.breached > 0 THEN 0.0
                WHEN sla.fulfilled > 0 THEN 100.0
            END AS sla_pct,
            CASE WHEN NOT t.is_done AND sla.at_risk > 0 THEN 1 ELSE 0 END AS sla_at_risk_count,
            CASE WHEN NOT t.is_done AND sla.overdue > 0 THEN 1 ELSE 0 END
                AS sla_breached_open_count
            """
        )

    def _from(self):
        return SQL(
            """
            service_desk_ticket t
            CROSS JOIN LATERAL (
                SELECT EXTRACT(EPOCH FROM (now() AT TIME ZONE 'UTC' - t.create_date)) / 86400 AS days
            ) age
            CROSS JOIN LATERAL (
                SELECT
                    AVG(CASE c.state WHEN 'met' THEN 100.0 ELSE 0.0 END)
                        FILTER (WHERE c.metric = 'first_reply' AND c.state IN ('met', 'breached'))
                        AS first_reply_pct,
                    AVG(CASE c.state WHEN 'met' THEN 100.0 ELSE 0.0 END)
                        FILTER (WHERE c.metric = 'resolution' AND c.state IN ('met', 'breached'))
                        AS resolution_pct,
                    COUNT(*) FILTER (WHERE c.breached) AS breached,
                    COUNT(*) FILTER (WHERE c.state = 'met') AS fulfilled,
                    COUNT(*) FILTER (
                        WHERE c.state = 'breached' AND c.date_reached IS NULL
                    ) AS overdue,
                    COUNT(*) FILTER (
                        WHERE c.state = 'running' AND c.breached IS NOT TRUE AND (
                            c.warned OR c.warn_date <= now() AT TIME ZONE 'UTC'
                            OR (c.warn_date IS NULL AND c.deadline - now() AT TIME ZONE 'UTC'
                                < make_interval(secs => c.target_seconds * %s))
                        )
                    ) AS at_risk
                FROM service_desk_sla_status c
                WHERE c.ticket_id = t.id AND c.state != 'cancelled'
            ) sla
            """,
            AT_RISK_DEFAULT_SHARE,
        )

    def _where(self):
        return SQL("t.active")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (SELECT %s FROM %s WHERE %s)",
                SQL.identifier(self._table),
                self._select(),
                self._from(),
                self._where(),
            )
        )
