# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date
from unittest.mock import patch

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..models.res_partner_clv import DAYS_PER_PERIOD
from ..models.res_partner_clv import ResPartner as ClvPartner
from ..tools import clv_model
from .test_customer_value import TODAY, CustomerValueCommon


@tagged("post_install", "-at_install", "customer_360", "customer_360_clv")
class TestCustomerValueIsolation(CustomerValueCommon):
    """Regression: one customer the model could not score (OverflowError) aborted the
    CLV cron for its company and every company after it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.clv_min_repeat_customers = 5
        for i in range(10):
            partner = cls.env["res.partner"].create({"name": f"Repeat {i}", "is_company": True})
            for month in range(1, 2 + i % 4):
                cls._order(partner, f"2026-0{month}-{10 + i}", [(cls.hardware, 100 + 10 * i)])

    def test_one_customer_failing_keeps_the_others(self):
        original = clv_model.p_alive
        alpha_T = (TODAY - date(2025, 7, 10)).days / DAYS_PER_PERIOD

        def p_alive(params, x, t_x, T):
            if x == 2 and T == alpha_T:  # Alpha alone: 3 purchase days since 2025-07-10
                raise OverflowError("math range error")
            return original(params, x, t_x, T)

        with (
            patch.object(clv_model, "p_alive", p_alive),
            self.assertLogs("odoo.addons.customer_360.models.res_partner_clv", "WARNING"),
        ):
            self._compute()
        self.assertEqual(self.alpha.clv_status, "insufficient")
        self.assertIn("could not score", self.alpha.clv_note)
        self.assertEqual(self.alpha.clv_predicted, 1600.0, "historic CLV instead")
        repeat = self.env["res.partner"].search([("name", "=like", "Repeat %")])
        self.assertTrue(
            all(status.startswith("predicted") for status in repeat.mapped("clv_status"))
        )

    def test_one_company_failing_keeps_the_next(self):
        other = self.setup_other_company(name="Second Value Co")["company"]
        self.env.user.company_ids |= other
        customer = self.env["res.partner"].create({"name": "Other Customer", "is_company": True})
        self._order(customer, "2026-05-01", [(self.hardware, 700)], company=other)
        original = ClvPartner._clv_fit

        def clv_fit(partners, company, customers):
            if company == self.company:
                raise OverflowError("math range error")
            return original(partners, company, customers)

        with (
            patch.object(ClvPartner, "_clv_fit", clv_fit),
            self.assertLogs("odoo.addons.customer_360.models.res_partner_clv", "ERROR"),
        ):
            self.env["res.partner"]._cron_compute_clv(self.company | other)
        self.assertFalse(self.alpha.clv_status, "the failing company keeps its old figures")
        self.assertEqual(customer.clv_company_id, other)
        self.assertEqual(customer.clv_historic, 700.0)

    def test_monthly_discount_rate(self):
        self._compute()
        plain, purchases = self.alpha.clv_predicted, self.alpha.clv_expected_purchases_12m
        self.assertGreater(plain, 0)
        self.company.clv_monthly_discount_rate = 0.02
        self._compute()
        self.assertLess(self.alpha.clv_predicted, plain)
        self.assertGreater(self.alpha.clv_predicted, plain / 1.02**12)
        self.assertEqual(self.alpha.clv_expected_purchases_12m, purchases, "not discounted")
        for rate in (-0.01, 1.0):
            with self.subTest(rate=rate), self.assertRaises(ValidationError):
                self.company.clv_monthly_discount_rate = rate
