# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.crm_followup import CHANNELS
from ..tools.local_dates import company_tz_sql, local_date_sql


class CrmReportActivity(models.Model):
    """Sales activity (拜访与通话分析) per salesperson, team and day of the company's calendar.

    - Follow-ups by channel: every ``crm.followup`` on its day, for its salesperson
      and the lead's team (else the salesperson's team).
    - Quotations sent: an order counts once, on the day it was first sent to the
      customer (a message to the customer on it, by an internal user), or on its
      order date when it is marked sent without one.
    - Approvals requested: orders submitted for approval (one per order and day,
      whatever the number of steps), for the order's salesperson and team.
    - Customers touched: distinct customers with a follow-up that day (over a
      period the sum counts customer-days).
    - Customers owned / not touched: today's portfolio, on today's row only, so a
      period that includes today shows it once: accounts the salesperson owns, and
      those without a follow-up for the company's "Untouched After (days)".
    """

    _name = "crm.report.activity"
    _inherit = "crm.report.xlsx.mixin"
    _description = "Sales Activity Report"
    _auto = False
    _order = "date desc, user_id"
    _depends = {
        "crm.followup": ["date", "user_id", "lead_id", "partner_id", "channel", "company_id"],
        "crm.lead": ["team_id"],
        "res.users": ["sale_team_id", "partner_id", "share", "company_id"],
        "sale.order": ["state", "date_order", "user_id", "team_id", "company_id"],
        "mail.message": ["model", "res_id", "message_type", "subtype_id", "author_id", "date"],
        "crm.approval.request": ["order_id", "request_date"],
        "res.partner": ["user_id", "commercial_partner_id", "company_id", "active"],
        "res.company": ["activity_untouched_days", "partner_id"],
    }
    _xlsx_fields = (
        "date",
        "user_id",
        "team_id",
        "followup_count",
        "visit_count",
        "call_count",
        "wechat_count",
        "dingtalk_count",
        "email_count",
        "meeting_count",
        "quotation_count",
        "approval_count",
        "customers_touched",
        "customers_owned",
        "customers_untouched",
    )

    date = fields.Date(readonly=True)
    user_id = fields.Many2one("res.users", "Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", "Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", "Company", readonly=True)
    followup_count = fields.Integer("Follow-ups", readonly=True)
    call_count = fields.Integer("Phone Calls", readonly=True)
    visit_count = fields.Integer("Visits", readonly=True)
    wechat_count = fields.Integer("WeChat", readonly=True)
    dingtalk_count = fields.Integer("DingTalk", readonly=True)
    email_count = fields.Integer("E-mails", readonly=True)
    meeting_count = fields.Integer("Meetings", readonly=True)
    quotation_count = fields.Integer("Quotations Sent", readonly=True)
    approval_count = fields.Integer("Approvals Requested", readonly=True)
    customers_touched = fields.Integer(
        readonly=True, help="Distinct customers followed up that day (customer-days over a period)."
    )
    customers_owned = fields.Integer(
        readonly=True, help="Customer accounts the salesperson owns today (on today's row)."
    )
    customers_untouched = fields.Integer(
        "Customers Not Touched",
        readonly=True,
        help="Owned customers without a follow-up for the company's 'Untouched After (days)' "
        "(on today's row).",
    )

    def _query(self):
        channels = SQL(", ").join(
            SQL(
                "COUNT(*) FILTER (WHERE facts.channel = %s) AS %s",
                code,
                SQL.identifier(f"{code}_count"),
            )
            for code, _label in CHANNELS
        )
        return SQL(
            """
WITH followup AS (
    SELECT %(followup_date)s AS date, f.user_id,
           COALESCE(lead.team_id, u.sale_team_id) AS team_id, f.company_id, f.channel::varchar, f.partner_id AS touched_id,
           0 AS quotation, 0 AS approval, 0 AS owned, 0 AS untouched
    FROM crm_followup f
    JOIN res_company followup_company ON followup_company.id = f.company_id
    LEFT JOIN crm_lead lead ON lead.id = f.lead_id
    LEFT JOIN res_users u ON u.id = f.user_id
),
sent AS (
    -- an order's sendings: messages to the customer by an internal user, or its date
    SELECT so.id AS order_id, msg.date AS sent_at
    FROM sale_order so
    JOIN mail_message msg ON msg.model = 'sale.order' AND msg.res_id = so.id
    JOIN ir_model_data comment ON comment.module = 'mail' AND comment.name = 'mt_comment'
         AND comment.model = 'mail.message.subtype' AND comment.res_id = msg.subtype_id
    WHERE msg.message_type IN ('comment', 'email', 'email_outgoing')
      AND EXISTS (SELECT 1 FROM res_users author
                   WHERE author.partner_id = msg.author_id AND NOT author.share)
    UNION ALL
    SELECT so.id, so.date_order FROM sale_order so WHERE so.state = 'sent'
),
quotation AS (
    SELECT DISTINCT ON (so.id)
           %(quotation_date)s AS date, so.user_id, so.team_id, so.company_id
    FROM sent
    JOIN sale_order so ON so.id = sent.order_id
    JOIN res_company order_company ON order_company.id = so.company_id
    WHERE so.state != 'cancel'
    ORDER BY so.id, sent.sent_at
),
approval AS (
    SELECT DISTINCT %(approval_date)s AS date, so.user_id, so.team_id, so.company_id,
           so.id AS order_id
    FROM crm_approval_request request
    JOIN sale_order so ON so.id = request.order_id
    JOIN res_company order_company ON order_company.id = so.company_id
),
portfolio AS (
    SELECT %(today)s AS date, account.user_id, u.sale_team_id AS team_id,
           account_company.id AS company_id, NULL::varchar AS channel,
           NULL::integer AS touched_id, 0 AS quotation, 0 AS approval, 1 AS owned,
           CASE WHEN account.last_followup_date IS NULL
                  OR account.last_followup_date < (now() AT TIME ZONE 'UTC')
                     - make_interval(days => account_company.activity_untouched_days)
                THEN 1 ELSE 0 END AS untouched
    FROM res_partner account
    JOIN res_users u ON u.id = account.user_id
    JOIN res_company account_company
         ON account_company.id = COALESCE(account.company_id, u.company_id)
    WHERE account.active AND account.id = account.commercial_partner_id
      AND NOT EXISTS (SELECT 1 FROM res_users login WHERE login.partner_id = account.id)
),
facts AS (
    SELECT * FROM followup
    UNION ALL SELECT date, user_id, team_id, company_id, NULL, NULL, 1, 0, 0, 0 FROM quotation
    UNION ALL SELECT date, user_id, team_id, company_id, NULL, NULL, 0, 1, 0, 0 FROM approval
    UNION ALL SELECT * FROM portfolio
)
SELECT ROW_NUMBER() OVER (
           ORDER BY facts.date, facts.company_id, facts.user_id, facts.team_id
       ) AS id,
       facts.date, facts.user_id, facts.team_id, facts.company_id,
       COUNT(facts.channel) AS followup_count,
       %(channels)s,
       SUM(facts.quotation) AS quotation_count,
       SUM(facts.approval) AS approval_count,
       COUNT(DISTINCT facts.touched_id) AS customers_touched,
       SUM(facts.owned) AS customers_owned,
       SUM(facts.untouched) AS customers_untouched
FROM facts
WHERE facts.user_id IS NOT NULL
GROUP BY facts.date, facts.user_id, facts.team_id, facts.company_id
""",
            followup_date=local_date_sql(SQL("f.date"), company_tz_sql("followup_company")),
            quotation_date=local_date_sql(SQL("sent.sent_at"), company_tz_sql("order_company")),
            approval_date=local_date_sql(
                SQL("request.request_date"), company_tz_sql("order_company")
            ),
            today=local_date_sql(
                SQL("now() AT TIME ZONE 'UTC'"), company_tz_sql("account_company")
            ),
            channels=channels,
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )
