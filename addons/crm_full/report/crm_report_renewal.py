# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.sale_order_contract import RENEWAL_STATES


class CrmReportRenewal(models.Model):
    """Contract renewals (续约率) by contract end, team and salesperson.

    One row per contract meant to renew (a confirmed order with a contract end and a
    renewal type other than none), on the day it ends:

    - Due: every such contract; Renewed / Lost: its renewal state today.
    - Expiring amount: its untaxed amount; Renewed amount: the untaxed amounts of the
      confirmed orders renewing it. Both in company currency (the order's rate).
    - Renewal rate = renewed / due, and net revenue retention = renewed amount /
      expiring amount: ratios of sums under any grouping (see ``_read_group_select``),
      so an up-sell at renewal lifts retention above 100 %.
    """

    _name = "crm.report.renewal"
    _inherit = "crm.report.xlsx.mixin"
    _description = "Contract Renewal Report"
    _auto = False
    _order = "date desc, id desc"
    _depends = {
        "sale.order": [
            "contract_end",
            "renewal_type",
            "renewal_state",
            "renewal_of_id",
            "state",
            "amount_untaxed",
            "currency_rate",
            "user_id",
            "team_id",
            "company_id",
            "partner_id",
        ],
        "res.partner": ["commercial_partner_id"],
        "res.company": ["currency_id"],
    }
    _xlsx_fields = (
        "date",
        "order_id",
        "partner_id",
        "user_id",
        "team_id",
        "renewal_state",
        "due_count",
        "renewed_count",
        "lost_count",
        "expiring_amount",
        "renewed_amount",
        "renewal_rate",
        "retention_rate",
    )
    _xlsx_percent_fields = ("renewal_rate", "retention_rate")
    # aggregated field -> (numerator, denominator): ratio of sums, in percent
    _renewal_ratios = {
        "renewal_rate": ("renewed_count", "due_count"),
        "retention_rate": ("renewed_amount", "expiring_amount"),
    }

    date = fields.Date("Contract End", readonly=True)
    order_id = fields.Many2one("sale.order", "Contract", readonly=True)
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    user_id = fields.Many2one("res.users", "Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", "Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", "Company", readonly=True)
    currency_id = fields.Many2one("res.currency", "Currency", readonly=True)
    renewal_state = fields.Selection(RENEWAL_STATES, readonly=True)
    due_count = fields.Integer("Contracts Due", readonly=True)
    renewed_count = fields.Integer("Renewed", readonly=True)
    lost_count = fields.Integer("Lost", readonly=True)
    expiring_amount = fields.Monetary("Expiring Amount", readonly=True)
    renewed_amount = fields.Monetary("Renewed Amount", readonly=True)
    renewal_rate = fields.Float("Renewal Rate (%)", aggregator="avg", readonly=True)
    retention_rate = fields.Float("Net Revenue Retention (%)", aggregator="avg", readonly=True)

    def _read_group_select(self, aggregate_spec, query):
        """The rates of a group are sum(numerator) / sum(denominator), not an average."""
        fname, _sep, func = aggregate_spec.partition(":")
        if fname not in self._renewal_ratios or func != "avg":
            return super()._read_group_select(aggregate_spec, query)
        numerator, denominator = self._renewal_ratios[fname]
        return SQL(
            "100.0 * SUM(%s) / NULLIF(SUM(%s), 0)",
            self._field_to_sql(self._table, numerator, query),
            self._field_to_sql(self._table, denominator, query),
        )

    def _query(self):
        return SQL(
            """
WITH renewed AS (
    SELECT successor.renewal_of_id AS order_id,
           SUM(successor.amount_untaxed / NULLIF(successor.currency_rate, 0)) AS amount
    FROM sale_order successor
    WHERE successor.state = 'sale' AND successor.renewal_of_id IS NOT NULL
    GROUP BY successor.renewal_of_id
)
SELECT so.id, so.id AS order_id, so.contract_end AS date,
       contact.commercial_partner_id AS partner_id, so.user_id, so.team_id, so.company_id,
       company.currency_id, so.renewal_state,
       1 AS due_count,
       (so.renewal_state = 'renewed')::int AS renewed_count,
       (so.renewal_state = 'lost')::int AS lost_count,
       so.amount_untaxed / NULLIF(so.currency_rate, 0) AS expiring_amount,
       CASE WHEN so.renewal_state = 'renewed' THEN COALESCE(renewed.amount, 0.0) ELSE 0.0 END
           AS renewed_amount,
       100.0 * (so.renewal_state = 'renewed')::int AS renewal_rate,
       CASE WHEN so.renewal_state = 'renewed'
            THEN 100.0 * COALESCE(renewed.amount, 0.0)
                 / NULLIF(so.amount_untaxed / NULLIF(so.currency_rate, 0), 0)
       END AS retention_rate
FROM sale_order so
JOIN res_partner contact ON contact.id = so.partner_id
JOIN res_company company ON company.id = so.company_id
LEFT JOIN renewed ON renewed.order_id = so.id
WHERE so.state = 'sale' AND so.contract_end IS NOT NULL AND so.renewal_type <> 'none'
"""
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )
