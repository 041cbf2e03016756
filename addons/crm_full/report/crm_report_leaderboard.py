# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from ..tools.local_dates import company_tz_sql, local_date_sql


class CrmReportLeaderboard(models.Model):
    """Sales leaderboard per day, salesperson, team and region (the customer's province).

    - Won: expected revenue of won opportunities on the day they closed. We count
      the CRM win rather than order amounts because every salesperson has one,
      orders or not, and it is already in company currency.
    - Collected (回款): paid part of posted customer invoices and credit notes
      (amount_total_signed - amount_residual_signed; credit notes count
      negative), on the invoice date, for the invoice's salesperson and team.
    - New customers: customers whose first confirmed order (per company) falls
      on that day, for the order's salesperson and team.
    - Targets: ``crm.sales.target`` amounts spread evenly over the months of
      their period (on each month's first day), on the salesperson (no team) or
      the team (no salesperson) they belong to, so a grouping by salesperson or
      by team compares like with like.
    Completion percentages are ratios of sums under any grouping (see
    ``_read_group_select``).
    """

    _name = "crm.report.leaderboard"
    _inherit = "crm.report.xlsx.mixin"
    _description = "Sales Leaderboard"
    _auto = False
    _order = "date desc, won_amount desc"
    # What the view reads: searching it flushes these first.
    _depends = {
        "crm.lead": [
            "date_closed",
            "user_id",
            "team_id",
            "company_id",
            "state_id",
            "expected_revenue",
            "partner_id",
            "stage_id",
            "active",
        ],
        "crm.stage": ["is_won"],
        "res.partner": ["commercial_partner_id", "state_id"],
        "account.move": [
            "invoice_date",
            "invoice_user_id",
            "team_id",
            "company_id",
            "commercial_partner_id",
            "state",
            "move_type",
            "amount_total_signed",
            "amount_residual_signed",
        ],
        "sale.order": ["date_order", "user_id", "team_id", "company_id", "partner_id", "state"],
        "crm.sales.target": [
            "date_from",
            "date_to",
            "user_id",
            "team_id",
            "company_id",
            "target_amount_won",
            "target_amount_collected",
        ],
        "res.company": ["currency_id"],
    }
    _xlsx_fields = (
        "date",
        "user_id",
        "team_id",
        "state_id",
        "won_count",
        "won_amount",
        "collected_amount",
        "new_customer_count",
        "target_amount_won",
        "target_amount_collected",
        "completion_won",
        "completion_collected",
    )
    _xlsx_percent_fields = ("completion_won", "completion_collected")
    # aggregated field -> (numerator, denominator): ratio of sums, in percent
    _completion_ratios = {
        "completion_won": ("won_amount", "target_amount_won"),
        "completion_collected": ("collected_amount", "target_amount_collected"),
    }

    date = fields.Date(readonly=True)
    user_id = fields.Many2one("res.users", "Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", "Sales Team", readonly=True)
    state_id = fields.Many2one("res.country.state", "Region", readonly=True)
    company_id = fields.Many2one("res.company", "Company", readonly=True)
    currency_id = fields.Many2one("res.currency", "Currency", readonly=True)
    won_count = fields.Integer("Won Deals", readonly=True)
    won_amount = fields.Monetary("Won", readonly=True)
    collected_amount = fields.Monetary("Collected", readonly=True)
    new_customer_count = fields.Integer("New Customers", readonly=True)
    target_amount_won = fields.Monetary("Target Won", readonly=True)
    target_amount_collected = fields.Monetary("Target Collected", readonly=True)
    completion_won = fields.Float("Won Completion (%)", aggregator="avg", readonly=True)
    completion_collected = fields.Float("Collected Completion (%)", aggregator="avg", readonly=True)
    won_rank = fields.Integer(
        "Rank",
        aggregator="min",
        readonly=True,
        help="1 for the highest won amount. Under a grouping: among the groups of the first "
        "level within each value of the others (salespeople of each month in the pivot).",
    )

    def _read_group_groupby(self, groupby_spec, query):
        # kept for the rank, which partitions by every grouping but the first
        term = super()._read_group_groupby(groupby_spec, query)
        query.leaderboard_groupby = [*getattr(query, "leaderboard_groupby", []), term]
        return term

    def _read_group_select(self, aggregate_spec, query):
        """Completion under a grouping is sum(achieved) / sum(target), not an
        average; the rank orders the groups by their won amount."""
        fname, _sep, func = aggregate_spec.partition(":")
        if fname == "won_rank":
            others = getattr(query, "leaderboard_groupby", [])[1:]
            return SQL(
                "RANK() OVER (%s ORDER BY COALESCE(SUM(%s), 0) DESC)",
                SQL("PARTITION BY %s", SQL(", ").join(others)) if others else SQL(),
                self._field_to_sql(self._table, "won_amount", query),
            )
        if fname not in self._completion_ratios or func != "avg":
            return super()._read_group_select(aggregate_spec, query)
        achieved, target = self._completion_ratios[fname]
        return SQL(
            "100.0 * SUM(%s) / NULLIF(SUM(%s), 0)",
            self._field_to_sql(self._table, achieved, query),
            self._field_to_sql(self._table, target, query),
        )

    def _query(self):
        # Days of the company's calendar, not UTC's: an order at 01:30 in Shanghai on
        # 1 December is December's (issue 15).
        return SQL(
            """
WITH won AS (
    SELECT %(won_date)s AS date, lead.user_id, lead.team_id, lead.company_id,
           COALESCE(account.state_id, lead.state_id) AS state_id,
           1 AS won_count, lead.expected_revenue AS won_amount,
           0.0 AS collected_amount, 0 AS new_customer_count,
           0.0 AS target_amount_won, 0.0 AS target_amount_collected
    FROM crm_lead lead
    JOIN crm_stage stage ON stage.id = lead.stage_id
    LEFT JOIN res_company lead_company ON lead_company.id = lead.company_id
    LEFT JOIN res_partner contact ON contact.id = lead.partner_id
    LEFT JOIN res_partner account ON account.id = contact.commercial_partner_id
    WHERE lead.active AND stage.is_won AND lead.date_closed IS NOT NULL
),
collected AS (
    SELECT move.invoice_date, move.invoice_user_id, move.team_id, move.company_id,
           account.state_id,
           0, 0.0, move.amount_total_signed - move.amount_residual_signed,
           0, 0.0, 0.0
    FROM account_move move
    JOIN res_partner account ON account.id = move.commercial_partner_id
    WHERE move.state = 'posted'
      AND move.move_type IN ('out_invoice', 'out_refund')
      AND move.amount_total_signed <> move.amount_residual_signed
),
first_order AS (
    SELECT DISTINCT ON (so.company_id, contact.commercial_partner_id)
           %(order_date)s, so.user_id, so.team_id, so.company_id, account.state_id,
           0, 0.0, 0.0, 1, 0.0, 0.0
    FROM sale_order so
    JOIN res_company order_company ON order_company.id = so.company_id
    JOIN res_partner contact ON contact.id = so.partner_id
    JOIN res_partner account ON account.id = contact.commercial_partner_id
    WHERE so.state = 'sale'
    ORDER BY so.company_id, contact.commercial_partner_id, so.date_order, so.id
),
target_month AS (
    -- a target spreads evenly over the months of its period
    SELECT target.*, GREATEST(month.start::date, target.date_from) AS date,
           COUNT(*) OVER (PARTITION BY target.id) AS months
    FROM crm_sales_target target
    CROSS JOIN LATERAL generate_series(
        date_trunc('month', target.date_from), target.date_to, interval '1 month'
    ) AS month(start)
),
target AS (
    SELECT date, user_id, team_id, company_id, NULL::integer,
           0, 0.0, 0.0, 0,
           COALESCE(target_amount_won, 0.0) / months,
           COALESCE(target_amount_collected, 0.0) / months
    FROM target_month
),
facts AS (
    SELECT * FROM won
    UNION ALL SELECT * FROM collected
    UNION ALL SELECT * FROM first_order
    UNION ALL SELECT * FROM target
)
SELECT ROW_NUMBER() OVER (
           ORDER BY facts.date, facts.company_id, facts.user_id, facts.team_id, facts.state_id
       ) AS id,
       facts.date, facts.user_id, facts.team_id, facts.state_id, facts.company_id,
       company.currency_id,
       SUM(facts.won_count) AS won_count,
       SUM(facts.won_amount) AS won_amount,
       SUM(facts.collected_amount) AS collected_amount,
       SUM(facts.new_customer_count) AS new_customer_count,
       SUM(facts.target_amount_won) AS target_amount_won,
       SUM(facts.target_amount_collected) AS target_amount_collected,
       RANK() OVER (
           PARTITION BY facts.date, facts.company_id ORDER BY SUM(facts.won_amount) DESC
       ) AS won_rank,
       100.0 * SUM(facts.won_amount) / NULLIF(SUM(facts.target_amount_won), 0)
           AS completion_won,
       100.0 * SUM(facts.collected_amount) / NULLIF(SUM(facts.target_amount_collected), 0)
           AS completion_collected
FROM facts
LEFT JOIN res_company company ON company.id = facts.company_id
GROUP BY facts.date, facts.user_id, facts.team_id, facts.state_id, facts.company_id,
         company.currency_id
""",
            won_date=local_date_sql(SQL("lead.date_closed"), company_tz_sql("lead_company")),
            order_date=local_date_sql(SQL("so.date_order"), company_tz_sql("order_company")),
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )
