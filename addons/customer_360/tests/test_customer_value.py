# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from datetime import date, datetime

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

from ..models.res_partner_clv import DAYS_PER_PERIOD, HORIZON_PERIODS
from ..tools import clv_model

TODAY = date(2026, 6, 30)


class CustomerValueCommon(AccountTestInvoicingCommon):
    """Orders and invoices of four customers on a company of their own, so
    demo orders of the main company stay out of the figures."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.setup_other_company(name="Customer Value Co")["company"]
        cls.env.user.company_ids |= cls.company
        cls.env.user.groups_id |= cls.env.ref("customer_360.customer_360_group_manager")
        Category = cls.env["product.category"]
        cls.categ_hw, cls.categ_sw = Category.create([{"name": "Hardware"}, {"name": "Software"}])
        Product = cls.env["product.product"]
        cls.hardware = Product.create({"name": "Server", "categ_id": cls.categ_hw.id})
        cls.software = Product.create({"name": "Licence", "categ_id": cls.categ_sw.id})
        Partner = cls.env["res.partner"]
        cls.alpha, cls.beta, cls.gamma, cls.delta = Partner.create(
            [{"name": name, "is_company": True} for name in ("Alpha", "Beta", "Gamma", "Delta")]
        )
        cls.alpha_contact = Partner.create({"name": "Ann Alpha", "parent_id": cls.alpha.id})
        cls._order(cls.alpha, "2025-07-10", [(cls.hardware, 1000)])
        cls._order(cls.alpha_contact, "2026-03-01", [(cls.software, 500)])
        cls._order(cls.alpha, "2026-06-01", [(cls.hardware, 300)])
        cls._order(cls.beta, "2024-01-15", [(cls.hardware, 5000)])
        cls._order(cls.gamma, "2026-06-20", [(cls.hardware, 100)])
        cls._order(cls.delta, "2025-12-01", [(cls.hardware, 200)])
        cls._order(cls.delta, "2025-12-01", [(cls.software, 50)])
        # Not counted: a quotation, and an order of another company.
        cls._order(cls.alpha, "2026-06-10", [(cls.hardware, 9999)], state="draft")
        cls.env["sale.order"].create(
            {
                "partner_id": cls.alpha.id,
                "date_order": "2026-06-10",
                "state": "sale",
                "order_line": [
                    (
                        0,
                        0,
                        {"product_id": cls.hardware.id, "product_uom_qty": 1, "price_unit": 7777},
                    )
                ],
            }
        )
        cls.init_invoice(
            "out_refund",
            cls.alpha,
            invoice_date="2026-04-01",
            amounts=[200],
            post=True,
            company=cls.company,
            taxes=cls.env["account.tax"],
        )
        invoice = cls.init_invoice(
            "out_invoice",
            cls.gamma,
            invoice_date="2026-01-01",
            amounts=[80],
            company=cls.company,
            taxes=cls.env["account.tax"],
        )
        invoice.invoice_date_due = "2026-01-31"
        invoice.action_post()

    @classmethod
    def _order(cls, partner, day, lines, state="sale", company=None):
        return cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "company_id": (company or cls.company).id,
                "date_order": f"{day} 09:00:00",
                "state": state,
                "order_line": [
                    (0, 0, {"product_id": product.id, "product_uom_qty": 1, "price_unit": price})
                    for product, price in lines
                ],
            }
        )

    def _compute(self):
        with freeze_time(TODAY):
            self.env["res.partner"]._cron_compute_clv(self.company)


@tagged("post_install", "-at_install", "customer_360", "customer_360_clv")
class TestCustomerValue(CustomerValueCommon):
    """CLV, RFM, repurchase/cross-sell and churn risk."""

    def test_historic_clv_and_insufficient_data(self):
        self._compute()
        # 1000 + 500 + 300 confirmed, minus the 200 credit note; a contact's
        # order counts for its company; quotations and other companies do not.
        self.assertEqual(self.alpha.clv_historic, 1600)
        self.assertEqual(self.alpha.clv_order_count, 3)
        self.assertEqual(self.alpha.clv_first_order_date, date(2025, 7, 10))
        self.assertEqual(self.alpha.clv_last_order_date, date(2026, 6, 1))
        self.assertEqual(self.delta.clv_order_count, 2)
        self.assertEqual(self.alpha.clv_currency_id, self.company.currency_id)
        # One repeat customer, 20 needed: no prediction, historic shown.
        self.assertEqual(self.company.clv_repeat_customers, 1)
        self.assertFalse(self.company.clv_model_params)
        for partner in self.alpha | self.beta | self.gamma | self.delta:
            self.assertEqual(partner.clv_status, "insufficient")
            self.assertEqual(partner.clv_predicted, partner.clv_historic)
            self.assertIn("Insufficient data", partner.clv_note)
        self.assertFalse(self.alpha_contact.clv_status, "figures live on the account")

    def test_margin_basis(self):
        self.hardware.standard_price = 0
        self.company.clv_basis = "margin"
        self.env["sale.order.line"].search(
            [("order_id.partner_id", "=", self.beta.id), ("company_id", "=", self.company.id)]
        ).purchase_price = 3000
        self._compute()
        self.assertEqual(self.beta.clv_historic, 2000)

    def test_rfm_scores_and_segments(self):
        self._compute()
        # By hand at 2026-06-30: recency 29 / 897 / 10 / 211 days; orders in
        # 12 months 3 / 0 / 1 / 2; value 1800 / 0 / 100 / 250. Scores are
        # ceil(5 × cumulative share); segments compare with the mean.
        expected = {
            self.alpha: (29, 3, 1800, "455", "champions"),
            self.beta: ((TODAY - date(2024, 1, 15)).days, 0, 0, "222", "hibernating"),
            self.gamma: (10, 1, 100, "533", "promising"),
            self.delta: (211, 2, 250, "344", "loyal"),
        }
        for partner, (recency, frequency, monetary, score, segment) in expected.items():
            self.assertEqual(partner.rfm_recency_days, recency, partner.name)
            self.assertEqual(partner.rfm_frequency, frequency, partner.name)
            self.assertEqual(partner.rfm_monetary, monetary, partner.name)
            self.assertEqual(partner.rfm_score, score, partner.name)
            self.assertEqual(partner.rfm_segment, segment, partner.name)

    def test_prediction_matches_the_model(self):
        self.company.clv_min_repeat_customers = 5
        Partner = self.env["res.partner"]
        # Ten more repeat customers with regular rhythms.
        for i in range(10):
            partner = Partner.create({"name": f"Repeat {i}", "is_company": True})
            for month in range(1, 2 + i % 4):
                self._order(partner, f"2026-0{month}-{10 + i}", [(self.hardware, 100 + 10 * i)])
        self._compute()
        params = self.company.clv_model_params
        self.assertEqual(self.company.clv_repeat_customers, 8)
        self.assertTrue(params["bgnbd"])
        x, t_x, T = (
            2,
            (date(2026, 6, 1) - date(2025, 7, 10)).days / DAYS_PER_PERIOD,
            (TODAY - date(2025, 7, 10)).days / DAYS_PER_PERIOD,
        )
        purchases = clv_model.expected_purchases(params["bgnbd"], HORIZON_PERIODS, x, t_x, T)
        self.assertAlmostEqual(self.alpha.clv_expected_purchases_12m, purchases, places=3)
        self.assertAlmostEqual(
            self.alpha.p_alive, clv_model.p_alive(params["bgnbd"], x, t_x, T), places=3
        )
        if params["gamma_gamma"]:
            self.assertEqual(self.alpha.clv_status, "predicted")
            spend = clv_model.expected_spend(params["gamma_gamma"], x, (500 + 300) / 2)
        else:
            self.assertEqual(self.alpha.clv_status, "predicted_aov")
            spend = 1800 / 3
        self.assertAlmostEqual(self.alpha.clv_predicted, purchases * spend, delta=0.01)
        self.assertEqual(self.beta.p_alive, 1.0, "one purchase: BG/NBD cannot see a drop-out")
        self.assertFalse(self.alpha.clv_note)

    def test_customer_without_orders_any_more_is_cleared(self):
        self._compute()
        self.assertTrue(self.gamma.clv_status)
        self.env["sale.order"].search([("partner_id", "=", self.gamma.id)]).write(
            {"state": "cancel"}
        )
        self._compute()
        self.assertFalse(self.gamma.clv_status)
        self.assertFalse(self.gamma.rfm_segment)

    def test_repurchase_and_cross_sell_rates(self):
        Report = self.env["customer.repurchase.report"]
        rows = Report._read_group(
            [("company_id", "=", self.company.id), ("period_type", "=", "year")],
            ["period_start:year"],
            ["customer_count:sum", "repurchase_rate:avg", "cross_sell_rate:avg"],
        )
        by_year = {period.year: values for period, *values in rows}
        # 2025: Alpha (1 order, hardware), Delta (2 orders, hardware + software).
        self.assertEqual(by_year[2025], [2, 50.0, 50.0])
        # 2026: Alpha (2 orders, software + hardware), Gamma (1 order).
        self.assertEqual(by_year[2026], [2, 50.0, 50.0])
        # 2024: Beta alone, one order.
        self.assertEqual(by_year[2024], [1, 0.0, 0.0])
        monthly = Report.search(
            [
                ("company_id", "=", self.company.id),
                ("period_type", "=", "month"),
                ("partner_id", "=", self.delta.id),
            ]
        )
        self.assertEqual(monthly.mapped("order_count"), [2])
        self.assertEqual(monthly.cross_sell_rate, 100.0)

    def test_repurchase_report_sees_unflushed_orders(self):
        """Confirming a quotation and reading the report in the same
        transaction: the view's _depends flush the order's state first."""
        self.env.flush_all()
        quotation = self.env["sale.order"].search(
            [("partner_id", "=", self.alpha.id), ("state", "=", "draft")]
        )
        quotation.state = "sale"  # Alpha's third 2026 order, in cache only
        rows = self.env["customer.repurchase.report"].search(
            [
                ("company_id", "=", self.company.id),
                ("period_type", "=", "year"),
                ("partner_id", "=", self.alpha.id),
                ("period_start", "=", "2026-01-01"),
            ]
        )
        self.assertEqual(rows.order_count, 3)

    def test_churn_risk_list_and_excel_export(self):
        self._compute()
        risks = self.env["customer.churn.risk"].search([("company_id", "=", self.company.id)])
        reasons = {risk.partner_id: risk.reason for risk in risks}
        self.assertEqual(reasons, {self.beta: "rfm", self.gamma: "overdue"})
        gamma = risks.filtered(lambda risk: risk.partner_id == self.gamma)
        self.assertEqual(gamma.overdue_amount, 80)
        content = risks.sorted("clv_historic", reverse=True)._xlsx_content()
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet["A1"].value, "Customer")
        self.assertEqual(sheet["A2"].value, "Beta")
        self.assertEqual(sheet["B2"].value, "RFM segment")
        self.assertEqual(sheet["C2"].value, "Hibernating")
        self.assertEqual(sheet["E2"].value, 5000)
        self.assertEqual(sheet["H2"].value, datetime(2024, 1, 15))
        self.assertEqual(sheet["A3"].value, "Gamma")
        self.assertEqual(sheet["J3"].value, 80)
        self.assertEqual(sheet.max_row, 3)
        action = risks.action_export_xlsx()
        self.assertTrue(action["url"].startswith("/web/content/"))
        # the customer list that left is in crm_full's export log (issue 17)
        Log = self.env["crm.export.log"].sudo()  # managers read the log; the test user is not one
        log = Log.search([("res_model", "=", "customer.churn.risk")])
        self.assertEqual((log.record_count, log.source), (len(risks), "report"))
        self.assertIn("customer.churn.risk", log._threshold_models())

    def test_churn_risk_lists_lifecycle_at_risk_and_dormant(self):
        """crm_full's live status puts a customer on the list whatever its
        health score says; an active, healthy customer stays off it."""
        self._compute()
        self.env["res.partner"]._lifecycle_set_status(
            {"at_risk": self.alpha, "dormant": self.beta, "active": self.delta}
        )
        # no flush: the view's _depends make searching it flush these writes
        # sudo: health is written by the recompute only (issue 12), the test stands in for it
        (self.alpha | self.delta).sudo().write({"health_state": "green", "health_score": 85})
        risks = self.env["customer.churn.risk"].search([("company_id", "=", self.company.id)])
        listed = {risk.partner_id: risk for risk in risks}
        self.assertEqual(
            {partner: risk.reason for partner, risk in listed.items()},
            {
                # Alpha is a champion by RFM and green: only its status lists it.
                self.alpha: "lifecycle",
                # Beta was listed as hibernating; the status is the main reason now.
                self.beta: "lifecycle",
                self.gamma: "overdue",
            },
        )
        self.assertEqual(listed[self.alpha].lifecycle_status, "at_risk")
        self.assertEqual(listed[self.beta].lifecycle_status, "dormant")
        self.assertNotIn(self.delta, listed, "active and healthy, a loyal customer")

    def test_queries_do_not_grow_with_customers(self):
        """Set-based: one aggregate query per company and one UPDATE per batch."""
        self._compute()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        self._compute()
        few = self.env.cr.sql_log_count - before
        Partner = self.env["res.partner"]
        for i in range(30):
            partner = Partner.create({"name": f"More {i}", "is_company": True})
            self._order(partner, "2026-05-01", [(self.hardware, 10 * i + 1)])
        self._compute()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        self._compute()
        self.assertEqual(self.env.cr.sql_log_count - before, few)

    def test_refresh_needs_a_manager(self):
        user = new_test_user(
            self.env, "c360_value_user", groups="customer_360.customer_360_group_user"
        )
        with self.assertRaises(AccessError):
            self.alpha.with_user(user).action_compute_clv()
