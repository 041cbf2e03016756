# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools

from odoo.addons.crm_full.tools.local_dates import company_tz_sql

PERIODS = ("month", "quarter", "year")


class CustomerRepurchaseReport(models.Model):
    """One row per customer account and period in which it ordered.

    The rates are averages of a 0/100 flag per row, so any grouping of rows
    of one period type gives the true share of customers: repurchase =
    customers with ≥ 2 orders ÷ customers with an order; cross-sell =
    customers buying from ≥ 2 product categories ÷ customers with an order.
    """

    _name = "customer.repurchase.report"
    _description = "Repurchase and Cross-sell Analysis"
    _auto = False
    _order = "period_start desc"
    # What the view reads: searching it flushes these first.
    _depends = {
        "sale.order.line": ["order_id", "product_id", "price_subtotal", "display_type"],
        "sale.order": ["state", "company_id", "partner_id", "date_order", "currency_rate"],
        "res.partner": ["commercial_partner_id", "user_id", "rfm_segment"],
        "product.product": ["product_tmpl_id"],
        "product.template": ["categ_id"],
        "res.company": ["currency_id"],
    }

    period_type = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")], readonly=True
    )
    period_start = fields.Date("Period", readonly=True)
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    user_id = fields.Many2one("res.users", "Account Owner", readonly=True)
    rfm_segment = fields.Selection(
        selection=lambda self: (
            self.env["res.partner"]._fields["rfm_segment"]._description_selection(self.env)
        ),  # labels in the reader's language (pivots, Excel export)
        string="RFM Segment",
        readonly=True,
    )
    customer_count = fields.Integer("Customers", readonly=True)
    order_count = fields.Integer("Orders", readonly=True)
    category_count = fields.Integer("Product Categories", readonly=True, aggregator="avg")
    repeat_customer_count = fields.Integer("Repeat Customers", readonly=True)
    cross_sell_customer_count = fields.Integer("Cross-sell Customers", readonly=True)
    repurchase_rate = fields.Float("Repurchase Rate (%)", readonly=True, aggregator="avg")
    cross_sell_rate = fields.Float("Cross-sell Rate (%)", readonly=True, aggregator="avg")
    currency_id = fields.Many2one("res.currency", readonly=True)
    amount = fields.Monetary("Untaxed Amount", readonly=True, currency_field="currency_id")

    def _period_select(self, period):
        return f"""
            SELECT '{period}' AS period_type,
                   date_trunc('{period}', l.date_order)::date AS period_start,
                   l.partner_id, l.company_id,
                   COUNT(DISTINCT l.order_id) AS order_count,
                   COUNT(DISTINCT l.categ_id) AS category_count,
                   SUM(l.amount) AS amount
              FROM lines l
             GROUP BY 2, 3, 4
        """

    def _query(self):
        periods = " UNION ALL ".join(self._period_select(period) for period in PERIODS)
        return f"""
            WITH lines AS (
                SELECT so.id AS order_id,
                       so.company_id,
                       p.commercial_partner_id AS partner_id,
                       -- wall-clock time of the company: months start at its midnight
                       (so.date_order AT TIME ZONE 'UTC') AT TIME ZONE {company_tz_sql("so_company").code}
                           AS date_order,
                       pt.categ_id,
                       sol.price_subtotal / COALESCE(NULLIF(so.currency_rate, 0), 1) AS amount
                  FROM sale_order_line sol
                  JOIN sale_order so ON so.id = sol.order_id
                  JOIN res_company so_company ON so_company.id = so.company_id
                  JOIN res_partner p ON p.id = so.partner_id
                  JOIN product_product pp ON pp.id = sol.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                 WHERE so.state = 'sale' AND sol.display_type IS NULL
            ), periods AS ({periods})
            SELECT row_number() OVER (ORDER BY g.period_type, g.period_start, g.partner_id,
                                              g.company_id) AS id,
                   g.period_type, g.period_start, g.partner_id, g.company_id,
                   cp.user_id, cp.rfm_segment,
                   c.currency_id,
                   1 AS customer_count,
                   g.order_count, g.category_count, g.amount,
                   (g.order_count >= 2)::int AS repeat_customer_count,
                   (g.category_count >= 2)::int AS cross_sell_customer_count,
                   CASE WHEN g.order_count >= 2 THEN 100.0 ELSE 0.0 END AS repurchase_rate,
                   CASE WHEN g.category_count >= 2 THEN 100.0 ELSE 0.0 END AS cross_sell_rate
              FROM periods g
              JOIN res_partner cp ON cp.id = g.partner_id
              JOIN res_company c ON c.id = g.company_id
        """

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(f"CREATE OR REPLACE VIEW {self._table} AS ({self._query()})")
