# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import math
import threading

from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.crm_full.tools.local_dates import company_today, company_tz

from ..tools import clv_model, rfm
from .res_partner import C360_GROUP

_logger = logging.getLogger(__name__)

# BG/NBD works in weeks (as Fader, Hardie & Lee on CDNOW); 12 months ahead.
DAYS_PER_PERIOD = 7.0
HORIZON_PERIODS = 365.25 / DAYS_PER_PERIOD
HORIZON_MONTHS = 12  # discounting month by month, as lifetimes' customer_lifetime_value
WRITE_BATCH = 1000

CLV_STATUS = [
    ("predicted", "Predicted"),
    ("predicted_aov", "Predicted (own average order)"),
    ("insufficient", "Insufficient data"),
]

RFM_SEGMENTS = [
    ("champions", "Champions"),
    ("potential", "Potential Big Spenders"),
    ("cant_lose", "Can't Lose Them"),
    ("at_risk", "At Risk"),
    ("loyal", "Loyal"),
    ("promising", "Promising"),
    ("need_attention", "Need Attention"),
    ("hibernating", "Hibernating"),
]
# The segments that belong on the churn-risk list.
RFM_RISK_SEGMENTS = ("cant_lose", "at_risk", "hibernating")
# Written by the nightly CLV cron only (see crm_full's crm.full.system.fields.mixin).
CLV_SYSTEM_FIELDS = {
    "clv_company_id",
    "clv_currency_id",
    "clv_historic",
    "clv_predicted",
    "clv_status",
    "clv_note",
    "clv_expected_purchases_12m",
    "p_alive",
    "clv_order_count",
    "clv_first_order_date",
    "clv_last_order_date",
    "rfm_recency_days",
    "rfm_frequency",
    "rfm_monetary",
    "rfm_r_score",
    "rfm_f_score",
    "rfm_m_score",
    "rfm_score",
    "rfm_segment",
}


class ResPartner(models.Model):
    _inherit = "res.partner"

    clv_company_id = fields.Many2one(
        "res.company",
        "Value Figures Company",
        readonly=True,
        copy=False,
        groups=C360_GROUP,
    )
    clv_currency_id = fields.Many2one(
        "res.currency", "Value Currency", readonly=True, copy=False, groups=C360_GROUP
    )
    clv_historic = fields.Monetary(
        "Historic CLV",
        currency_field="clv_currency_id",
        readonly=True,
        copy=False,
        help="Untaxed revenue (or margin) of confirmed orders minus credit notes, "
        "in company currency.",
        groups=C360_GROUP,
    )
    clv_predicted = fields.Monetary(
        "Predicted CLV (12 months)",
        currency_field="clv_currency_id",
        readonly=True,
        copy=False,
        help="Expected purchases in the next 12 months (BG/NBD) times the expected "
        "order value (Gamma-Gamma). With insufficient data, the historic CLV.",
        groups=C360_GROUP,
    )
    clv_status = fields.Selection(
        CLV_STATUS, "CLV Status", readonly=True, copy=False, groups=C360_GROUP
    )
    # computed when read: in the reader's language, not the cron's
    clv_note = fields.Char("CLV Note", compute="_compute_clv_note", groups=C360_GROUP)
    clv_expected_purchases_12m = fields.Float(
        "Expected Purchases (12 months)",
        digits=(16, 2),
        readonly=True,
        copy=False,
        groups=C360_GROUP,
    )
    p_alive = fields.Float(
        "Probability Active",
        digits=(16, 3),
        readonly=True,
        copy=False,
        help="Probability that the customer still buys (BG/NBD).",
        groups=C360_GROUP,
    )
    clv_order_count = fields.Integer(
        "Confirmed Orders", readonly=True, copy=False, groups=C360_GROUP
    )
    clv_first_order_date = fields.Date("First Order", readonly=True, copy=False, groups=C360_GROUP)
    clv_last_order_date = fields.Date("Last Order", readonly=True, copy=False, groups=C360_GROUP)
    rfm_recency_days = fields.Integer(
        "Days Since Last Order", readonly=True, copy=False, groups=C360_GROUP
    )
    rfm_frequency = fields.Integer(
        "Orders in 12 Months", readonly=True, copy=False, groups=C360_GROUP
    )
    rfm_monetary = fields.Monetary(
        "Value in 12 Months",
        currency_field="clv_currency_id",
        readonly=True,
        copy=False,
        groups=C360_GROUP,
    )
    rfm_r_score = fields.Integer(
        "R Score", readonly=True, copy=False, aggregator="avg", groups=C360_GROUP
    )
    rfm_f_score = fields.Integer(
        "F Score", readonly=True, copy=False, aggregator="avg", groups=C360_GROUP
    )
    rfm_m_score = fields.Integer(
        "M Score", readonly=True, copy=False, aggregator="avg", groups=C360_GROUP
    )
    rfm_score = fields.Char(
        "RFM", readonly=True, copy=False, help="R, F and M scores, 1 to 5.", groups=C360_GROUP
    )
    rfm_segment = fields.Selection(
        RFM_SEGMENTS,
        "RFM Segment",
        readonly=True,
        copy=False,
        index=True,
        help="Compared with the company average: recency, frequency, monetary.\n"
        "Champions 重要价值, Potential Big Spenders 重要发展, Can't Lose Them 重要保持, "
        "At Risk 重要挽留, Loyal 一般价值, Promising 一般发展, Need Attention 一般保持, "
        "Hibernating 一般挽留.",
        groups=C360_GROUP,
    )

    def _system_fields(self):
        return super()._system_fields() | CLV_SYSTEM_FIELDS

    # ------------------------------------------------------------------
    # Cron
    # ------------------------------------------------------------------

    @api.model
    def _cron_compute_clv(self, companies=None):
        """Fit the CLV models and refresh CLV and RFM of every customer, per company.

        One aggregate query per company, the fit in memory, then UPDATE in
        batches (committed one by one outside tests: each batch is complete
        in itself, so a crash leaves only older figures, never wrong ones).
        """
        for company in companies or self.env["res.company"].search([]):
            today = company_today(company)  # order days are the company's too
            # One company's failure (bad data, a bug) leaves its old figures and must
            # not stop the companies after it. Pending writes are flushed first, so a
            # rollback drops this company's work only (its cache included).
            self.env.flush_all()
            try:
                with self.env.cr.savepoint(flush=False):
                    customers = self._clv_customer_summaries(company, today)
                    params = self._clv_fit(company, customers)
                    rows = self._clv_values(company, customers, params)
            except Exception:
                _logger.exception("CLV of company %s failed; its figures are unchanged", company.id)
                self.env.cr.clear()
                continue
            self._clv_write(company, rows)

    def _clv_value_sql(self, company):
        """Expression of an order's value in company currency (hook)."""
        column = "margin" if company.clv_basis == "margin" else "amount_untaxed"
        return f"so.{column} / COALESCE(NULLIF(so.currency_rate, 0), 1)"

    def _clv_customer_summaries(self, company, today):
        """One row per customer account: purchase days, values, RFM raw figures."""
        value = self._clv_value_sql(company)
        self.env.flush_all()
        self.env.cr.execute(
            f"""
            WITH days AS (
                SELECT cp.id AS partner_id,
                       ((so.date_order AT TIME ZONE 'UTC') AT TIME ZONE %(tz)s)::date AS day,
                       COUNT(*) AS orders,
                       SUM({value}) AS amount,
                       SUM(so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1))
                           AS revenue
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                  JOIN res_partner cp ON cp.id = p.commercial_partner_id
                 WHERE so.state = 'sale'
                   AND so.company_id = %(company)s
                   AND ((so.date_order AT TIME ZONE 'UTC') AT TIME ZONE %(tz)s)::date <= %(today)s
                   AND (cp.company_id IS NULL OR cp.company_id = %(company)s)
                 GROUP BY 1, 2
            ), refunds AS (
                SELECT m.commercial_partner_id AS partner_id,
                       SUM(-m.amount_untaxed_signed) AS amount
                  FROM account_move m
                 WHERE m.move_type = 'out_refund'
                   AND m.state = 'posted'
                   AND m.company_id = %(company)s
                 GROUP BY 1
            )
            SELECT d.partner_id,
                   MIN(d.day) AS first_day,
                   MAX(d.day) AS last_day,
                   COUNT(*) AS purchase_days,
                   SUM(d.orders)::int AS order_count,
                   SUM(d.amount)::float AS amount,
                   SUM(d.revenue)::float AS revenue,
                   (ARRAY_AGG(d.amount ORDER BY d.day))[1]::float AS first_amount,
                   COALESCE(SUM(d.orders) FILTER (WHERE d.day > %(year_ago)s), 0)::int
                       AS orders_12m,
                   COALESCE(SUM(d.amount) FILTER (WHERE d.day > %(year_ago)s), 0)::float
                       AS amount_12m,
                   COALESCE(MAX(r.amount), 0)::float AS refunded
              FROM days d
              LEFT JOIN refunds r ON r.partner_id = d.partner_id
             GROUP BY d.partner_id
             ORDER BY d.partner_id
            """,
            {
                "company": company.id,
                "tz": company_tz(company).zone,
                "today": today,
                "year_ago": fields.Date.subtract(today, days=365),
            },
        )
        customers = self.env.cr.dictfetchall()
        for row in customers:
            row["x"] = row["purchase_days"] - 1
            row["t_x"] = (row["last_day"] - row["first_day"]).days / DAYS_PER_PERIOD
            row["T"] = (today - row["first_day"]).days / DAYS_PER_PERIOD
            row["m_x"] = (row["amount"] - row["first_amount"]) / row["x"] if row["x"] else 0.0
            row["recency_days"] = (today - row["last_day"]).days
            # A credit note takes back its share of margin as well as revenue.
            share = row["amount"] / row["revenue"] if row["revenue"] else 1.0
            row["historic"] = row["amount"] - row["refunded"] * share
        return customers

    def _clv_fit(self, company, customers):
        """Fit BG/NBD and Gamma-Gamma for the company; None when data is too thin."""
        repeat = sum(1 for row in customers if row["x"] > 0)
        company.sudo().write(
            {"clv_repeat_customers": repeat, "clv_fit_date": fields.Datetime.now()}
        )
        if repeat < max(company.clv_min_repeat_customers, 2):
            company.sudo().clv_model_params = False
            return None
        bgnbd = clv_model.fit_bgnbd([(row["x"], row["t_x"], row["T"]) for row in customers])
        spends = [(row["x"], row["m_x"]) for row in customers if row["x"] > 0 and row["m_x"] > 0]
        gamma = None
        if len(spends) >= 2:
            gamma = clv_model.fit_gamma_gamma(spends)
            if not clv_model.gamma_gamma_applicable(gamma, spends):
                gamma = None
        params = {"bgnbd": bgnbd, "gamma_gamma": gamma}
        company.sudo().clv_model_params = params
        _logger.info("CLV model of %s fitted on %d repeat customers", company.name, repeat)
        return params

    @api.depends(
        "clv_status",
        "clv_company_id.clv_repeat_customers",
        "clv_company_id.clv_min_repeat_customers",
    )
    @api.depends_context("lang")
    def _compute_clv_note(self):
        for partner in self:
            company = partner.clv_company_id
            if partner.clv_status != "insufficient":
                partner.clv_note = False
            elif company and company.clv_repeat_customers >= company.clv_min_repeat_customers:
                # the company's model is fitted: this customer alone could not be scored
                partner.clv_note = self.env._(
                    "The model could not score this customer: historic CLV shown."
                )
            else:
                partner.clv_note = self.env._(
                    "Insufficient data: %(repeat)s repeat customers, %(needed)s needed. "
                    "Historic CLV shown.",
                    repeat=company.clv_repeat_customers,
                    needed=company.clv_min_repeat_customers,
                )

    def _clv_values(self, company, customers, params):
        """Field values per customer account, as tuples in UPDATE column order."""
        r_scores = rfm.quintile_scores([row["recency_days"] for row in customers], False)
        f_scores = rfm.quintile_scores([row["orders_12m"] for row in customers])
        m_scores = rfm.quintile_scores([float(row["amount_12m"]) for row in customers])
        segments = rfm.segments(
            [(row["recency_days"], row["orders_12m"], row["amount_12m"]) for row in customers]
        )
        values = []
        for i, row in enumerate(customers):
            if params is None:
                # No model, no probability: NULL, not 0 (which read as "certainly gone" in
                # lists and dragged averages down; issue 14).
                status, predicted, purchases, alive = "insufficient", row["historic"], None, None
            else:
                status, predicted, purchases, alive = self._clv_predict_isolated(
                    company, row, params
                )
            values.append(
                (
                    row["partner_id"],
                    company.id,
                    company.currency_id.id,
                    company.currency_id.round(row["historic"]),
                    company.currency_id.round(predicted),
                    status,
                    None if purchases is None else round(purchases, 4),
                    None if alive is None else round(alive, 4),
                    row["order_count"],
                    row["first_day"],
                    row["last_day"],
                    row["recency_days"],
                    row["orders_12m"],
                    company.currency_id.round(row["amount_12m"]),
                    r_scores[i],
                    f_scores[i],
                    m_scores[i],
                    f"{r_scores[i]}{f_scores[i]}{m_scores[i]}",
                    segments[i],
                )
            )
        return values

    def _clv_predict_isolated(self, company, row, params):
        """(status, predicted, purchases, p_alive) of one customer. A customer the model
        cannot score gets the historic value (its note says why), never the batch's end."""
        try:
            status, predicted, purchases, alive = self._clv_predict(company, row, params)
            if all(math.isfinite(value) for value in (predicted, purchases, alive)):
                return status, predicted, purchases, alive
        except (ArithmeticError, ValueError):
            _logger.warning(
                "CLV prediction failed for partner %s", row["partner_id"], exc_info=True
            )
        return "insufficient", row["historic"], None, None

    def _clv_predict(self, company, row, params):
        """(status, predicted CLV, expected purchases in 12 months, p_alive) (hook)."""
        bgnbd, gamma = params["bgnbd"], params["gamma_gamma"]
        summary = (row["x"], row["t_x"], row["T"])
        purchases = clv_model.expected_purchases(bgnbd, HORIZON_PERIODS, *summary)
        alive = clv_model.p_alive(bgnbd, *summary)
        if gamma:
            status = "predicted"
            spend = clv_model.expected_spend(gamma, row["x"], max(row["m_x"], 0.0))
        else:
            status = "predicted_aov"
            spend = row["amount"] / row["purchase_days"]
        rate = company.clv_monthly_discount_rate
        if rate:
            discounted = clv_model.discounted_expected_purchases(
                bgnbd, HORIZON_MONTHS, *summary, rate, HORIZON_PERIODS / HORIZON_MONTHS
            )
        else:
            discounted = purchases
        return status, discounted * spend, purchases, alive

    _CLV_COLUMNS = (
        "id",
        "clv_company_id",
        "clv_currency_id",
        "clv_historic",
        "clv_predicted",
        "clv_status",
        "clv_expected_purchases_12m",
        "p_alive",
        "clv_order_count",
        "clv_first_order_date",
        "clv_last_order_date",
        "rfm_recency_days",
        "rfm_frequency",
        "rfm_monetary",
        "rfm_r_score",
        "rfm_f_score",
        "rfm_m_score",
        "rfm_score",
        "rfm_segment",
    )

    def _clv_write(self, company, rows):
        """Write the figures by batches of SQL UPDATE; clear customers without orders."""
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        columns = self._CLV_COLUMNS
        assignments = ", ".join(f"{column} = v.{column}" for column in columns[1:])
        types = {
            "clv_first_order_date": "date",
            "clv_last_order_date": "date",
            # typed: a batch of unscored customers has only NULLs there
            "clv_expected_purchases_12m": "numeric",
            "p_alive": "numeric",
        }
        casts = ", ".join(f"v.{c}::{types[c]}" if c in types else f"v.{c}" for c in columns)
        cr = self.env.cr
        for start in range(0, len(rows), WRITE_BATCH):
            cr.execute_values(
                f"""
                UPDATE res_partner p SET {assignments}, write_date = now() at time zone 'UTC'
                  FROM (SELECT {casts} FROM (VALUES %s) AS v({", ".join(columns)})) AS v
                 WHERE p.id = v.id
                """,
                rows[start : start + WRITE_BATCH],
                page_size=WRITE_BATCH,
            )
            if auto_commit:
                cr.commit()  # pylint: disable=invalid-commit  # batch cron, see docstring
        cleared = ", ".join(f"{column} = NULL" for column in columns[1:])
        cr.execute(
            f"UPDATE res_partner SET {cleared} WHERE clv_company_id = %s AND NOT (id = ANY(%s))",
            [company.id, [row[0] for row in rows]],
        )
        self.invalidate_model(list(columns[1:]))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_compute_clv(self):
        """Refresh the figures of the current company now (a manager's button)."""
        if not self.env.user.has_group("customer_360.customer_360_group_manager"):
            raise AccessError(self.env._("Only Customer 360 managers can refresh CLV."))
        self._cron_compute_clv(self.env.company)
        return True
