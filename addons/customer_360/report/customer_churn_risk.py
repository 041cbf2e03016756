# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io

import xlsxwriter

from odoo import fields, models, tools

from odoo.addons.crm_full.report.crm_report_xlsx import XLSX_WORKBOOK_OPTIONS
from odoo.addons.crm_full.tools.local_dates import company_tz_sql

from ..models.res_partner_clv import RFM_RISK_SEGMENTS

P_ALIVE_RISK = 0.5


class CustomerChurnRisk(models.Model):
    """Customer accounts that may leave: an at-risk RFM segment, a low
    probability of being active, an overdue balance, or (when crm_full
    tracks it) a lifecycle status at risk or dormant."""

    _name = "customer.churn.risk"
    _description = "Churn Risk"
    _auto = False
    _order = "clv_historic desc, id"
    # What the view reads: searching it flushes these first, so the list
    # shows writes made earlier in the same transaction.
    _depends = {
        "res.partner": [
            "active",
            "commercial_partner_id",
            "user_id",
            "csm_user_id",
            "lifecycle_status",
            "rfm_segment",
            "rfm_score",
            "rfm_recency_days",
            "clv_status",
            "clv_company_id",
            "clv_currency_id",
            "clv_historic",
            "clv_predicted",
            "clv_last_order_date",
            "p_alive",
        ],
        "account.move.line": [
            "account_id",
            "partner_id",
            "company_id",
            "parent_state",
            "reconciled",
            "amount_residual",
            "date_maturity",
        ],
        "account.account": ["account_type"],
    }

    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    user_id = fields.Many2one("res.users", "Account Owner", readonly=True)
    csm_user_id = fields.Many2one("res.users", "Customer Success Manager", readonly=True)
    rfm_segment = fields.Selection(
        selection=lambda self: (
            self.env["res.partner"]._fields["rfm_segment"]._description_selection(self.env)
        ),  # labels in the reader's language (pivots, Excel export)
        string="RFM Segment",
        readonly=True,
    )
    rfm_score = fields.Char("RFM", readonly=True)
    lifecycle_status = fields.Char("Lifecycle Status", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    clv_historic = fields.Monetary("Historic CLV", readonly=True, currency_field="currency_id")
    clv_predicted = fields.Monetary(
        "Predicted CLV (12 months)", readonly=True, currency_field="currency_id"
    )
    p_alive = fields.Float("Probability Active", readonly=True, aggregator="avg", digits=(16, 3))
    last_order_date = fields.Date(readonly=True)
    days_since_order = fields.Integer("Days Since Last Order", readonly=True, aggregator="avg")
    overdue_amount = fields.Monetary(readonly=True, currency_field="currency_id")
    reason = fields.Selection(
        [
            ("lifecycle", "Lifecycle at risk"),
            ("rfm", "RFM segment"),
            ("p_alive", "Unlikely to buy again"),
            ("overdue", "Overdue payments"),
        ],
        "Main Reason",
        readonly=True,
    )

    def _lifecycle_sql(self):
        """crm_full may or may not track the live status in this database."""
        if "lifecycle_status" in self.env["res.partner"]._fields:
            return "p.lifecycle_status::varchar"
        return "NULL::varchar"

    def _query(self):
        lifecycle = self._lifecycle_sql()
        return f"""
            WITH overdue AS (
                SELECT cp.id AS partner_id, aml.company_id,
                       SUM(aml.amount_residual) AS amount
                  FROM account_move_line aml
                  JOIN account_account a ON a.id = aml.account_id
                  JOIN res_partner rp ON rp.id = aml.partner_id
                  JOIN res_partner cp ON cp.id = rp.commercial_partner_id
                  JOIN res_company aml_company ON aml_company.id = aml.company_id
                 WHERE a.account_type = 'asset_receivable'
                   AND aml.parent_state = 'posted'
                   AND aml.reconciled IS NOT TRUE
                   AND aml.amount_residual > 0
                   -- overdue from the company's today, not the database server's
                   AND aml.date_maturity
                       < (now() AT TIME ZONE {company_tz_sql("aml_company").code})::date
                 GROUP BY 1, 2
            ), accounts AS (
                SELECT p.*, {lifecycle} AS live_status,
                       COALESCE(o.amount, 0) AS overdue_amount
                  FROM res_partner p
                  LEFT JOIN overdue o
                    ON o.partner_id = p.id AND o.company_id = p.clv_company_id
                 WHERE p.clv_status IS NOT NULL
                   AND p.id = p.commercial_partner_id
                   AND p.active
            )
            SELECT p.id, p.id AS partner_id, p.clv_company_id AS company_id,
                   p.user_id, p.csm_user_id, p.rfm_segment, p.rfm_score,
                   p.live_status AS lifecycle_status,
                   p.clv_currency_id AS currency_id, p.clv_historic, p.clv_predicted,
                   p.p_alive, p.clv_last_order_date AS last_order_date,
                   p.rfm_recency_days AS days_since_order, p.overdue_amount,
                   CASE
                       WHEN p.live_status IN ('at_risk', 'dormant') THEN 'lifecycle'
                       WHEN p.rfm_segment IN %(segments)s THEN 'rfm'
                       WHEN p.clv_status != 'insufficient' AND p.p_alive < %(p_alive)s
                           THEN 'p_alive'
                       ELSE 'overdue'
                   END AS reason
              FROM accounts p
             WHERE p.live_status IN ('at_risk', 'dormant')
                OR p.rfm_segment IN %(segments)s
                OR (p.clv_status != 'insufficient' AND p.p_alive < %(p_alive)s)
                OR p.overdue_amount > 0
        """

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        query = self.env.cr.mogrify(
            self._query(), {"segments": RFM_RISK_SEGMENTS, "p_alive": P_ALIVE_RISK}
        ).decode()
        self.env.cr.execute(f"CREATE OR REPLACE VIEW {self._table} AS ({query})")

    # ------------------------------------------------------------------
    # Excel export
    # ------------------------------------------------------------------

    def _xlsx_columns(self):
        """(header, getter) pairs of the export; override to add columns."""
        selection = dict(self._fields["reason"]._description_selection(self.env))
        segments = dict(self._fields["rfm_segment"]._description_selection(self.env))
        _ = self.env._
        return [
            (_("Customer"), lambda r: r.partner_id.display_name),
            (_("Main Reason"), lambda r: selection.get(r.reason, "")),
            (_("RFM Segment"), lambda r: segments.get(r.rfm_segment, "")),
            (_("RFM"), lambda r: r.rfm_score or ""),
            (_("Historic CLV"), lambda r: r.clv_historic),
            (_("Predicted CLV (12 months)"), lambda r: r.clv_predicted),
            (_("Probability Active"), lambda r: r.p_alive),
            (_("Last Order"), lambda r: r.last_order_date),
            (_("Days Since Last Order"), lambda r: r.days_since_order),
            (_("Overdue Amount"), lambda r: r.overdue_amount),
            (_("Account Owner"), lambda r: r.user_id.name or ""),
            (_("Customer Success Manager"), lambda r: r.csm_user_id.name or ""),
            (_("Currency"), lambda r: r.currency_id.name or ""),
        ]

    def _xlsx_content(self):
        """The churn-risk list of ``self`` as an .xlsx file (bytes)."""
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, XLSX_WORKBOOK_OPTIONS)
        sheet = workbook.add_worksheet(self.env._("Churn Risk")[:31])
        bold = workbook.add_format({"bold": True, "bg_color": "#F2F2F2"})
        money = workbook.add_format({"num_format": "#,##0.00"})
        percent = workbook.add_format({"num_format": "0.0%"})
        day = workbook.add_format({"num_format": "yyyy-mm-dd"})
        columns = self._xlsx_columns()
        formats = {4: money, 5: money, 6: percent, 7: day, 9: money}
        for col, (header, _getter) in enumerate(columns):
            sheet.write(0, col, header, bold)
            sheet.set_column(col, col, 28 if col == 0 else 16)
        for row, record in enumerate(self, start=1):
            for col, (_header, getter) in enumerate(columns):
                value = getter(record)
                if col == 7 and value:
                    sheet.write_datetime(row, col, fields.Datetime.to_datetime(value), day)
                else:
                    sheet.write(row, col, value, formats.get(col))
        sheet.freeze_panes(1, 1)
        sheet.autofilter(0, 0, max(len(self), 1), len(columns) - 1)
        workbook.close()
        return output.getvalue()

    def action_export_xlsx(self):
        """Download the selected rows, or the whole list when none is selected."""
        records = self or self.search([])
        content = records._xlsx_content()
        # a list of customers leaves the database: crm_full's export log keeps it
        columns = [header for header, _getter in self._xlsx_columns()]
        self.env["crm.export.log"]._log_export(records, columns, source="report")
        attachment = self.env["ir.attachment"].create(
            {
                "name": self.env._("churn_risk_%s.xlsx", fields.Date.context_today(self)),
                "datas": base64.b64encode(content),
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }
