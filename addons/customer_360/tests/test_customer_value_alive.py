# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .test_customer_value import CustomerValueCommon

TODAY = date(2026, 6, 30)
# The "Unlikely to Buy Again" filter of the churn-risk list. It was
# p_alive < 0.5 and p_alive != False, which Odoo reads as "not 0": the most
# certainly lapsed customers (P(alive) rounded to 0) fell out of it.
UNLIKELY = [("p_alive", "<", 0.5), ("partner_id.clv_status", "in", ("predicted", "predicted_aov"))]


@tagged("post_install", "-at_install", "customer_360", "customer_360_clv")
class TestCustomerValueAlive(CustomerValueCommon):
    """Regression: P(alive) showed 0 % for every customer, even one who ordered today.
    Computed through the nightly cron, as the 360 form shows it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        # A base to fit on: 24 customers buying every 3 to 8 weeks for a year, some
        # stopped a while ago, plus one-order customers.
        for i in range(24):
            partner = Partner.create({"name": f"Regular {i}", "is_company": True})
            gap = 21 + 7 * (i % 6)
            stop = TODAY - timedelta(days=3 + 9 * i)
            day = TODAY - timedelta(days=400 - 5 * i)
            while day <= stop:
                cls._order(partner, day.isoformat(), [(cls.hardware, 100 + i)])
                day += timedelta(days=gap)
        for i in range(10):
            partner = Partner.create({"name": f"Once {i}", "is_company": True})
            cls._order(
                partner, (TODAY - timedelta(days=20 * i + 5)).isoformat(), [(cls.hardware, 90)]
            )
        # Bought every two weeks for a year and ordered again today.
        cls.today_buyer = Partner.create({"name": "Ordered Today", "is_company": True})
        for week in range(0, 54, 2):
            day = TODAY - timedelta(weeks=week)
            cls._order(cls.today_buyer, day.isoformat(), [(cls.hardware, 150)])
        # Bought every two weeks for a year, then nothing for two years.
        cls.lapsed = Partner.create({"name": "Long Lapsed", "is_company": True})
        for week in range(0, 54, 2):
            day = TODAY - timedelta(days=730, weeks=week)
            cls._order(cls.lapsed, day.isoformat(), [(cls.hardware, 150)])

    def _cron(self):
        with freeze_time(f"{TODAY} 12:00:00"):
            self.env["res.partner"]._cron_compute_clv(self.company)

    def test_p_alive_of_a_buyer_of_today_and_of_a_lapsed_one(self):
        self._cron()
        self.assertTrue(self.company.clv_model_params, "enough repeat customers to fit")
        self.assertEqual(self.today_buyer.clv_last_order_date, TODAY)
        self.assertNotEqual(self.today_buyer.clv_status, "insufficient")
        self.assertGreater(self.today_buyer.p_alive, 0.9)
        self.assertLess(self.lapsed.p_alive, 0.05)
        self.assertGreater(self.today_buyer.clv_expected_purchases_12m, 10)
        unlikely = (
            self.env["customer.churn.risk"]
            .search([*UNLIKELY, ("company_id", "=", self.company.id)])
            .partner_id
        )
        self.assertIn(self.lapsed, unlikely)
        self.assertNotIn(self.today_buyer, unlikely)

    def test_without_a_model_p_alive_is_unknown_not_zero(self):
        """Too few repeat customers: no P(alive) at all. It was stored as 0, so every
        customer read "0 %" in lists and dragged the averages of P(alive) down."""
        self.company.clv_min_repeat_customers = 1000
        self._cron()
        self.assertEqual(self.today_buyer.clv_status, "insufficient")
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT COUNT(*) FILTER (WHERE p_alive IS NOT NULL"
            "                         OR clv_expected_purchases_12m IS NOT NULL), COUNT(*)"
            "  FROM res_partner WHERE clv_company_id = %s",
            [self.company.id],
        )
        known, scored = self.env.cr.fetchone()
        self.assertGreater(scored, 30)
        self.assertEqual(known, 0)
        unlikely = (
            self.env["customer.churn.risk"]
            .search([*UNLIKELY, ("company_id", "=", self.company.id)])
            .partner_id
        )
        self.assertFalse(unlikely)
        # The average P(alive) of a segment leaves unknown customers out.
        self.company.clv_min_repeat_customers = 5
        self._cron()
        groups = self.env["res.partner"]._read_group(
            [("clv_company_id", "=", self.company.id)], [], ["p_alive:avg"]
        )
        self.assertGreater(groups[0][0], 0.3)
