# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools


class CustomerRegionReport(models.Model):
    """Customers by province (Odoo's res.country.state: China's provinces ship with
    base) and city: one row per customer account and company it deals with.

    A customer is an account (commercial partner) with a posted customer invoice,
    an active lead or opportunity, or a ticket in the company. Revenue is the
    untaxed total of posted invoices less refunds (company currency); pipeline the
    expected revenue of open opportunities; tickets those not solved yet.
    """

    _name = "customer.region.report"
    _description = "Customers by Region"
    _auto = False
    _order = "revenue desc, id"
    # What the view reads: searching it flushes these first.
    _depends = {
        "account.move": [
            "commercial_partner_id",
            "company_id",
            "state",
            "move_type",
            "amount_untaxed_signed",
        ],
        "crm.lead": ["partner_id", "company_id", "type", "active", "stage_id", "expected_revenue"],
        "crm.stage": ["is_won"],
        "service.desk.ticket": ["commercial_partner_id", "company_id", "is_done", "active"],
        "res.partner": [
            "active",
            "commercial_partner_id",
            "country_id",
            "state_id",
            "city",
            "user_id",
            "csm_user_id",
            "health_score",
            "health_state",
        ],
        "res.company": ["partner_id", "currency_id"],
    }

    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    country_id = fields.Many2one("res.country", readonly=True)
    state_id = fields.Many2one("res.country.state", "Province", readonly=True)
    city = fields.Char(readonly=True)
    user_id = fields.Many2one("res.users", "Account Owner", readonly=True)
    csm_user_id = fields.Many2one("res.users", "Customer Success Manager", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    customer_count = fields.Integer("Customers", readonly=True)
    revenue = fields.Monetary("Invoiced Revenue", readonly=True, currency_field="currency_id")
    pipeline = fields.Monetary("Open Pipeline", readonly=True, currency_field="currency_id")
    open_ticket_count = fields.Integer("Open Tickets", readonly=True)
    health_score = fields.Float("Average Health", readonly=True, aggregator="avg", digits=(16, 1))

    def _activity_query(self):
        """(account, company, revenue, pipeline, open tickets) of each source: a hook
        for modules adding a source of customer activity."""
        return """
            SELECT m.commercial_partner_id AS partner_id, m.company_id,
                   SUM(m.amount_untaxed_signed) AS revenue, 0 AS pipeline, 0 AS open_tickets
              FROM account_move m
             WHERE m.state = 'posted' AND m.move_type IN ('out_invoice', 'out_refund')
               AND m.commercial_partner_id IS NOT NULL
             GROUP BY 1, 2
            UNION ALL
            SELECT p.commercial_partner_id, l.company_id, 0,
                   SUM(CASE WHEN l.type = 'opportunity' AND NOT COALESCE(s.is_won, FALSE)
                            THEN l.expected_revenue ELSE 0 END),
                   0
              FROM crm_lead l
              JOIN res_partner p ON p.id = l.partner_id
              LEFT JOIN crm_stage s ON s.id = l.stage_id
             WHERE l.active AND l.company_id IS NOT NULL
             GROUP BY 1, 2
            UNION ALL
            SELECT t.commercial_partner_id, t.company_id, 0, 0,
                   COUNT(*) FILTER (WHERE NOT COALESCE(t.is_done, FALSE))
              FROM service_desk_ticket t
             WHERE t.active AND t.commercial_partner_id IS NOT NULL
             GROUP BY 1, 2
        """

    def _query(self):
        return f"""
            WITH activity AS ({self._activity_query()})
            SELECT row_number() OVER (ORDER BY a.partner_id, a.company_id) AS id,
                   a.partner_id, a.company_id, c.currency_id,
                   p.country_id, p.state_id, NULLIF(TRIM(p.city), '') AS city,
                   p.user_id, p.csm_user_id,
                   1 AS customer_count,
                   SUM(a.revenue) AS revenue,
                   SUM(a.pipeline) AS pipeline,
                   SUM(a.open_tickets) AS open_ticket_count,
                   -- no score yet is no score, not 0: the average skips it
                   CASE WHEN p.health_state IN ('green', 'yellow', 'red')
                        THEN p.health_score END AS health_score
              FROM activity a
              JOIN res_partner p ON p.id = a.partner_id
              JOIN res_company c ON c.id = a.company_id
             WHERE p.active
               AND NOT EXISTS (SELECT 1 FROM res_company own WHERE own.partner_id = p.id)
             GROUP BY a.partner_id, a.company_id, c.currency_id, p.id
        """

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(f"CREATE OR REPLACE VIEW {self._table} AS ({self._query()})")
