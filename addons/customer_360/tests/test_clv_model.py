# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The pure CLV module against values computed independently here."""

import math
import random

from odoo.tests import BaseCase, tagged
from odoo.tools import file_open

from ..tools import clv_model


def _simulate_bgnbd(n, r, alpha, a, b, horizon, seed):
    """Customers drawn from the BG/NBD story itself: a Poisson rate from
    Gamma(r, alpha), a drop-out chance after each repeat purchase from Beta(a, b)."""
    rnd = random.Random(seed)
    customers = []
    for _i in range(n):
        rate = rnd.gammavariate(r, 1 / alpha)
        drop = rnd.betavariate(a, b)
        T = rnd.uniform(horizon / 2, horizon)
        t = t_x = 0.0
        x = 0
        while True:
            t += rnd.expovariate(rate)
            if t > T:
                break
            x, t_x = x + 1, t
            if rnd.random() < drop:
                break
        customers.append((x, round(t_x, 2), round(T, 2)))
    return customers


@tagged("customer_360", "customer_360_clv")
class TestClvModel(BaseCase):
    # CDNOW parameters (Fader, Hardie & Lee 2005, weeks).
    CDNOW = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}

    def test_log_likelihood_by_hand(self):
        r, alpha, a, b = 0.243, 4.414, 0.793, 2.426
        # x = 0: L = (alpha / (alpha + T))^r
        self.assertAlmostEqual(
            clv_model.bgnbd_log_likelihood(r, alpha, a, b, 0, 0, 30),
            r * math.log(alpha / (alpha + 30)),
            places=10,
        )
        # x = 2, t_x = 10, T = 30, written out from eq. 6 with Gamma functions.
        x, t_x, T = 2, 10.0, 30.0
        beta = math.gamma(a + b) / (math.gamma(a) * math.gamma(b))
        beta_ratio = math.gamma(a) * math.gamma(b + x) / math.gamma(a + b + x) * beta
        beta_ratio_1 = math.gamma(a + 1) * math.gamma(b + x - 1) / math.gamma(a + b + x) * beta
        head = math.gamma(r + x) * alpha**r / math.gamma(r)
        expected = head * (
            beta_ratio / (alpha + T) ** (r + x) + beta_ratio_1 / (alpha + t_x) ** (r + x)
        )
        self.assertAlmostEqual(
            clv_model.bgnbd_log_likelihood(r, alpha, a, b, x, t_x, T),
            math.log(expected),
            places=9,
        )

    def test_expected_purchases_and_p_alive_by_hand(self):
        params = self.CDNOW
        r, alpha, a, b = (params[k] for k in ("r", "alpha", "a", "b"))
        x, t_x, T, t = 2, 30.43, 38.86, 39
        # 2F1 by its series, summed here independently of the module.
        aa, bb, cc, z = r + x, b + x, a + b + x - 1, t / (alpha + T + t)
        term, hyp = 1.0, 1.0
        for n in range(2000):
            term *= (aa + n) * (bb + n) / ((cc + n) * (n + 1)) * z
            hyp += term
        tail = 1 + a / (b + x - 1) * ((alpha + T) / (alpha + t_x)) ** (r + x)
        expected = (
            (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp)
        ) / tail
        self.assertAlmostEqual(
            clv_model.expected_purchases(params, t, x, t_x, T), expected, places=9
        )
        # The published CDNOW example (x=2, t_x=30.43, T=38.86, 39 weeks): ≈ 1.226.
        self.assertAlmostEqual(clv_model.expected_purchases(params, t, x, t_x, T), 1.226, places=2)
        self.assertAlmostEqual(clv_model.p_alive(params, x, t_x, T), 1 / tail, places=12)
        self.assertEqual(clv_model.p_alive(params, 0, 0, T), 1.0)

    def test_fit_recovers_known_parameters(self):
        truth = {"r": 0.25, "alpha": 4.0, "a": 0.8, "b": 2.5}
        customers = _simulate_bgnbd(3000, *truth.values(), horizon=52, seed=7)
        fitted = clv_model.fit_bgnbd(customers)
        # Rough recovery: the sample is finite, a and b trade off somewhat.
        self.assertAlmostEqual(fitted["r"], truth["r"], delta=0.05)
        self.assertAlmostEqual(fitted["alpha"], truth["alpha"], delta=1.0)
        self.assertAlmostEqual(fitted["a"], truth["a"], delta=0.3)
        self.assertAlmostEqual(fitted["b"], truth["b"], delta=1.2)
        # And the optimum is one: the true parameters fit no better.
        truth_ll = sum(clv_model.bgnbd_log_likelihood(*truth.values(), *row) for row in customers)
        self.assertGreaterEqual(fitted["log_likelihood"], truth_ll)

    def test_gamma_gamma_by_hand_and_fit(self):
        p, q, v = 6.0, 4.0, 15.0
        x, m = 3, 35.0
        # Density of the mean of x Gamma(p, nu) spends, nu ~ Gamma(q, v), integrated.
        expected = (
            math.lgamma(p * x + q)
            - math.lgamma(p * x)
            - math.lgamma(q)
            + q * math.log(v)
            + (p * x - 1) * math.log(m)
            + p * x * math.log(x)
            - (p * x + q) * math.log(v + x * m)
        )
        self.assertAlmostEqual(
            clv_model.gamma_gamma_log_likelihood(p, q, v, x, m), expected, places=10
        )
        self.assertAlmostEqual(
            clv_model.expected_spend({"p": p, "q": q, "v": v}, x, m),
            (p * v + p * x * m) / (p * x + q - 1),
        )
        rnd = random.Random(3)
        rows = []
        for _i in range(1500):
            nu = rnd.gammavariate(q, 1 / v)
            n = rnd.randint(1, 6)
            rows.append((n, sum(rnd.gammavariate(p, 1 / nu) for _j in range(n)) / n))
        fitted = clv_model.fit_gamma_gamma(rows)
        # Population mean spend p·v/(q−1) is what matters for CLV: within 10 %.
        self.assertAlmostEqual(
            fitted["p"] * fitted["v"] / (fitted["q"] - 1),
            p * v / (q - 1),
            delta=0.1 * p * v / (q - 1),
        )
        self.assertTrue(clv_model.gamma_gamma_applicable(fitted, rows))
        self.assertFalse(clv_model.gamma_gamma_applicable({"p": 1, "q": 0.9, "v": 1}, rows))

    def test_cdnow_fit_matches_the_published_parameters(self):
        """CDNOW (2,357 customers, weeks; Fader, Hardie & Lee 2005, Fader & Hardie 2013):
        BG/NBD r 0.243, alpha 4.414, a 0.793, b 2.426; Gamma-Gamma p 6.25, q 3.74, v 15.45.
        Both optima are also where lifetimes 0.11 lands (4th decimal)."""
        rows = []
        with file_open("customer_360/tests/cdnow_summary.csv") as handle:
            for line in list(handle)[1:]:
                x, t_x, T, m_x = (float(value) for value in line.split(","))
                rows.append((int(x), t_x, T, m_x))
        bgnbd = clv_model.fit_bgnbd([row[:3] for row in rows])
        for name, value in {"r": 0.2426, "alpha": 4.4135, "a": 0.7929, "b": 2.4258}.items():
            self.assertAlmostEqual(bgnbd[name], value, places=4, msg=name)
        self.assertAlmostEqual(bgnbd["log_likelihood"], -9582.4256, places=3)
        summed = sum(
            clv_model.bgnbd_log_likelihood(*(bgnbd[k] for k in "r alpha a b".split()), *row[:3])
            for row in rows
        )
        self.assertAlmostEqual(bgnbd["log_likelihood"], summed, places=6)
        gamma = clv_model.fit_gamma_gamma([(x, m) for x, _t, _T, m in rows if x > 0])
        for name, value in {"p": 6.2488, "q": 3.7446, "v": 15.4477}.items():
            self.assertAlmostEqual(gamma[name], value, places=3, msg=name)
        # Shuffled and duplicated: the same optimum (the fit sums weighted groups).
        doubled = [row[:3] for row in rows] * 2
        random.Random(1).shuffle(doubled)
        again = clv_model.fit_bgnbd(doubled)
        for name in ("r", "alpha", "a", "b"):
            self.assertAlmostEqual(again[name], bgnbd[name], places=5, msg=name)


@tagged("customer_360", "customer_360_clv")
class TestClvModelExtremes(BaseCase):
    """Regression: p_alive and expected_purchases raised OverflowError (or gave NaN) for
    a frequent buyer gone quiet, and one such customer stopped the CLV cron."""

    CDNOW = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    # (x, t_x, T) → (expected purchases in 52.18 weeks, p_alive), by mpmath at 60 digits.
    REFERENCE = {
        (2000, 500, 501): (194.50097776584582, 0.9796076858739647),
        (5000, 300, 300): (804.0726003170374, 0.9998414703554562),
        (750, 400, 420): (1.5618734436542283e-11, 1.7736953977244292e-13),
        (750, 156, 420): (8.0933064634e-313, 9.1909242e-315),
    }

    def test_issue_case_is_finite_and_matches_a_reference(self):
        for (x, t_x, T), (purchases, alive) in self.REFERENCE.items():
            with self.subTest(x=x, t_x=t_x, T=T):
                got = clv_model.expected_purchases(self.CDNOW, 52.18, x, t_x, T)
                self.assertAlmostEqual(got / purchases, 1.0, places=6)
                self.assertAlmostEqual(clv_model.p_alive(self.CDNOW, x, t_x, T) / alive, 1.0, 6)

    def test_every_input_gives_a_finite_value_in_range(self):
        grid = [0, 1e-9, 0.5, 1, 3, 10, 156, 420, 1e4, 1e7]
        params = [
            self.CDNOW,
            {"r": 1.2, "alpha": 30.0, "a": 2.5, "b": 5.0},
            {"r": 0.5, "alpha": 2.0, "a": 0.3, "b": 0.7},  # a + b = 1: 2F1's c is 0 at x = 0
            {"r": 0.5, "alpha": 2.0, "a": 1.0, "b": 0.6},  # a = 1: the closed form's limit
        ]
        for bgnbd in params:
            for x in (0, 1, 2, 50, 750, 1e5, 1e8):
                for t_x in grid:
                    for T in grid:
                        for t in (0, 1, 52.18, 1e6):
                            purchases = clv_model.expected_purchases(bgnbd, t, x, t_x, T)
                            alive = clv_model.p_alive(bgnbd, x, t_x, T)
                            self.assertTrue(math.isfinite(purchases) and purchases >= 0)
                            self.assertTrue(0 <= alive <= 1)

    def test_inconsistent_summaries_are_clamped(self):
        # t_x beyond T, negative values: read as the nearest consistent summary.
        self.assertEqual(
            clv_model.p_alive(self.CDNOW, 3, 50, 40), clv_model.p_alive(self.CDNOW, 3, 40, 40)
        )
        self.assertEqual(
            clv_model.expected_purchases(self.CDNOW, 52, -2, -1, -5),
            clv_model.expected_purchases(self.CDNOW, 52, 0, 0, 0),
        )

    def test_discounted_purchases(self):
        x, t_x, T = 2, 30.43, 38.86
        weeks_per_month = 52.18 / 12
        plain = clv_model.expected_purchases(self.CDNOW, 52.18, x, t_x, T)
        undiscounted = clv_model.discounted_expected_purchases(
            self.CDNOW, 12, x, t_x, T, 0.0, weeks_per_month
        )
        self.assertAlmostEqual(undiscounted, plain, places=9, msg="rate 0: today's figure")
        # By hand: each month's increment divided by (1 + rate)^month, as lifetimes does.
        expected, previous = 0.0, 0.0
        for month in range(1, 13):
            cumulative = clv_model.expected_purchases(
                self.CDNOW, month * weeks_per_month, x, t_x, T
            )
            expected += (cumulative - previous) / 1.01**month
            previous = cumulative
        discounted = clv_model.discounted_expected_purchases(
            self.CDNOW, 12, x, t_x, T, 0.01, weeks_per_month
        )
        self.assertAlmostEqual(discounted, expected, places=12)
        self.assertLess(discounted, plain)
