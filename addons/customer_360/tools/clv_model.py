# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customer lifetime value models: fits with numpy/scipy, predictions in pure Python.

* BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way")
  for the number of repeat purchases and the probability a customer is alive.
* Gamma-Gamma (Fader & Hardie 2013, "The Gamma-Gamma model of monetary
  value") for the expected value of a purchase.

A customer is summarised as (x, t_x, T): x repeat purchases, the last one at
t_x, observed for T (time from the first purchase to now), in any time unit.
Parameters are fitted by maximum likelihood on the logarithms of the parameters
(positive without constraints): the log-likelihood is summed over the unique
summaries weighted by their number of customers, as numpy arrays, with its
analytic gradient for BFGS. Predictions stay scalar and in log space, so
they never overflow for a frequent buyer gone quiet.
"""

import math

import numpy as np
from scipy import optimize, special

# ---------------------------------------------------------------------------
# Fitting: weighted, vectorised log-likelihoods with analytic gradients
# ---------------------------------------------------------------------------

# Time is rescaled so that the longest observation is 10 units before fitting (as
# lifetimes does): every parameter then starts near 1 and BFGS needs some 20 steps.
FIT_TIME_SCALE = 10.0
# On the mean log-likelihood per customer: a gradient below this is an optimum to far
# more digits than the published CDNOW figures carry.
FIT_GRADIENT_TOLERANCE = 1e-8
FIT_GRADIENT_ACCEPTED = 1e-5


def _grouped(rows):
    """Unique rows and how many customers share each: one term per group."""
    table = np.asarray(rows, dtype=float)
    unique, counts = np.unique(table, axis=0, return_counts=True)
    return unique.T, counts.astype(float)


def _minimise(negative, start):
    """Minimise ``negative(point) -> (value, gradient)`` over log-parameters.

    BFGS with the analytic gradient: numpy-only steps, no BLAS threads (L-BFGS-B's
    are slower than the whole fit on a busy machine). It often stops on "precision
    loss" at the optimum itself; only a large gradient left calls for Nelder-Mead."""
    with np.errstate(all="ignore"):
        result = optimize.minimize(
            negative, start, jac=True, method="BFGS", options={"gtol": FIT_GRADIENT_TOLERANCE}
        )
        converged = np.isfinite(result.fun) and np.all(np.isfinite(result.jac))
        if converged and np.max(np.abs(result.jac)) <= FIT_GRADIENT_ACCEPTED:
            return result.x, result.fun
        polish = optimize.minimize(
            lambda point: negative(point)[0],
            result.x if np.all(np.isfinite(result.x)) else start,
            method="Nelder-Mead",
            options={"xatol": 1e-10, "fatol": 1e-14, "maxiter": 20000},
        )
    if converged and result.fun < polish.fun:
        return result.x, result.fun
    return polish.x, polish.fun


# ---------------------------------------------------------------------------
# BG/NBD
# ---------------------------------------------------------------------------


def bgnbd_log_likelihood(r, alpha, a, b, x, t_x, T):
    """Log-likelihood of one customer (Fader, Hardie & Lee 2005, eq. 6)."""
    a1 = math.lgamma(r + x) - math.lgamma(r) + r * math.log(alpha)
    a2 = math.lgamma(a + b) + math.lgamma(b + x) - math.lgamma(b) - math.lgamma(a + b + x)
    a3 = -(r + x) * math.log(alpha + T)
    if x <= 0:
        return a1 + a2 + a3
    a4 = math.log(a) - math.log(b + x - 1) - (r + x) * math.log(alpha + t_x)
    top = max(a3, a4)
    return a1 + a2 + top + math.log(math.exp(a3 - top) + math.exp(a4 - top))


def _bgnbd_negative(point, x, t_x, T, weights):
    """Weighted negative log-likelihood of (x, t_x, T) arrays and its gradient in
    log-parameters (eq. 6 and its derivatives; A4 only counts when x > 0)."""
    r, alpha, a, b = np.exp(point)
    repeat = x > 0
    log_alpha_T, log_alpha_tx = np.log(alpha + T), np.log(alpha + t_x)
    a3 = -(r + x) * log_alpha_T
    a4 = np.log(a) - np.log(b + np.maximum(x, 1) - 1) - (r + x) * log_alpha_tx
    a4 = np.where(repeat, a4, -np.inf)
    top = np.maximum(a3, a4)
    e3, e4 = np.exp(a3 - top), np.exp(a4 - top)
    mix = top + np.log(e3 + e4)
    w3, w4 = e3 / (e3 + e4), e4 / (e3 + e4)
    ll = (
        special.gammaln(r + x)
        - special.gammaln(r)
        + r * np.log(alpha)
        + special.gammaln(a + b)
        + special.gammaln(b + x)
        - special.gammaln(b)
        - special.gammaln(a + b + x)
        + mix
    )
    psi_ab, psi_abx = special.digamma(a + b), special.digamma(a + b + x)
    d_r = special.digamma(r + x) - special.digamma(r) + np.log(alpha)
    d_r -= w3 * log_alpha_T + w4 * log_alpha_tx
    d_alpha = r / alpha - (r + x) * (w3 / (alpha + T) + w4 / (alpha + t_x))
    d_a = psi_ab - psi_abx + w4 / a
    d_b = psi_ab + special.digamma(b + x) - special.digamma(b) - psi_abx
    d_b -= w4 / (b + np.maximum(x, 1) - 1)
    gradient = np.array([(weights * d).sum() for d in (d_r, d_alpha, d_a, d_b)])
    return -(weights * ll).sum(), -gradient * np.array([r, alpha, a, b])


def fit_bgnbd(customers):
    """Fit (r, alpha, a, b) on [(x, t_x, T), ...]; returns a dict.

    Customers sharing (x, t_x, T) are one term with a weight, so a big base with
    day-resolution dates costs little more than its number of distinct summaries.
    """
    (x, t_x, T), weights = _grouped([_summary(*row) for row in customers])
    scale = FIT_TIME_SCALE / (float(T.max()) or 1.0)
    share = weights / weights.sum()  # the mean per customer: tolerances independent of size
    point, value = _minimise(
        lambda p: _bgnbd_negative(p, x, t_x * scale, T * scale, share), np.zeros(4)
    )
    r, alpha, a, b = (float(v) for v in np.exp(point))
    alpha /= scale
    # The likelihood of the unscaled data differs by the Jacobian of the time change.
    log_likelihood = -float(value * weights.sum()) + float((weights * x).sum()) * math.log(scale)
    return {"r": r, "alpha": alpha, "a": a, "b": b, "log_likelihood": log_likelihood}


def hyp2f1(a, b, c, z, tolerance=1e-12, max_terms=100000):
    """Gauss hypergeometric series 2F1(a, b; c; z) for |z| < 1."""
    term = total = 1.0
    for n in range(max_terms):
        term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z
        total += term
        if abs(term) <= tolerance * abs(total):
            break
    return total


def log_hyp2f1(a, b, c, z):
    """log 2F1(a, b; c; z) for 0 <= z < 1 and a positive 2F1, by Euler's transformation
    2F1(a, b; c; z) = (1 - z)^(c - a - b) 2F1(c - a, c - b; c; z). In BG/NBD, c - a and
    c - b do not grow with x, so the series stays short and small where the direct one
    overflows (a frequent buyer: a, b and c all near x)."""
    series = hyp2f1(c - a, c - b, c, z)
    if series <= 0 or not math.isfinite(series):  # rounding at the edge: the direct series
        return math.log(hyp2f1(a, b, c, z))
    return (c - a - b) * math.log1p(-z) + math.log(series)


def _summary(x, t_x, T):
    """(x, t_x, T) made consistent: no negatives, last purchase within the observation."""
    x = max(float(x or 0), 0.0)
    T = max(float(T or 0), 0.0)
    t_x = min(max(float(t_x or 0), 0.0), T)
    return x, t_x, T


def _log_odds_dead(params, x, t_x, T):
    """log of a/(b+x-1) * ((alpha+T)/(alpha+t_x))^(r+x): the odds of having dropped
    out (eq. 12). In log space: it overflows a float for a frequent buyer gone quiet."""
    r, alpha, a, b = params["r"], params["alpha"], params["a"], params["b"]
    return (
        math.log(a) - math.log(b + x - 1) + (r + x) * (math.log(alpha + T) - math.log(alpha + t_x))
    )


def _log1p_exp(value):
    """log(1 + e^value) without overflow."""
    return max(value, 0.0) + math.log1p(math.exp(-abs(value)))


def p_alive(params, x, t_x, T):
    """Probability the customer has not dropped out (eq. 12), in [0, 1] for any input."""
    x, t_x, T = _summary(x, t_x, T)
    if x <= 0:
        return 1.0
    return math.exp(-_log1p_exp(_log_odds_dead(params, x, t_x, T)))


def expected_purchases(params, t, x, t_x, T):
    """Expected purchases in the next ``t`` periods (eq. 10), finite for any input.

    head * body / tail, each factor taken as a logarithm: the body's power and
    2F1 overflow apart for a frequent buyer although their product stays below 1.
    """
    r, alpha, a, b = params["r"], params["alpha"], params["a"], params["b"]
    x, t_x, T = _summary(x, t_x, T)
    t = max(float(t or 0), 0.0)
    if t == 0:
        return 0.0
    if abs(a - 1) < 1e-9:
        a += 1e-6  # the closed form divides by a - 1; the limit is continuous
    c = a + b + x - 1
    if c <= 1e-9:
        # Only with x = 0 and a + b <= 1: small powers, no overflow, but 2F1 may be
        # negative, so no logarithms. c = 0 is nudged (the limit is continuous).
        c = c if c < -1e-9 else 1e-9
        z = t / (alpha + T + t)
        body = 1 - ((alpha + T) / (alpha + T + t)) ** r * hyp2f1(r, b, c, z)
        return max(c / (a - 1) * body, 0.0)
    z = t / (alpha + T + t)
    log_power = (r + x) * (math.log(alpha + T) - math.log(alpha + T + t))
    log_rest = log_power + log_hyp2f1(r + x, b + x, c, z)  # body = 1 - e^log_rest
    if log_rest == 0:
        return 0.0
    # |1 - e^L| = -expm1(L) below 0, e^L (1 - e^-L) above; head and body share
    # their sign (a < 1: both negative), so the result is >= 0.
    if log_rest < 0:
        log_body = math.log(-math.expm1(log_rest))
    else:
        log_body = log_rest + math.log(-math.expm1(-log_rest))
    log_head = math.log(c) - math.log(abs(a - 1))
    log_tail = _log1p_exp(_log_odds_dead({**params, "a": a}, x, t_x, T)) if x > 0 else 0.0
    return math.exp(min(log_head + log_body - log_tail, 700.0))


def discounted_purchase_weights(months, monthly_rate, periods_per_month):
    """Present-value weights of expected purchases month by month, as lifetimes'
    ``customer_lifetime_value``: sum over i of E[i] - E[i-1] discounted by
    (1 + rate)^i. With rate 0 the weights are all 1 (undiscounted)."""
    return [(i * periods_per_month, 1.0 / (1.0 + monthly_rate) ** i) for i in range(1, months + 1)]


def discounted_expected_purchases(params, months, x, t_x, T, monthly_rate, periods_per_month):
    """Expected purchases over ``months`` months, each month's discounted to today."""
    total, previous = 0.0, 0.0
    for horizon, weight in discounted_purchase_weights(months, monthly_rate, periods_per_month):
        cumulative = expected_purchases(params, horizon, x, t_x, T)
        total += (cumulative - previous) * weight
        previous = cumulative
    return total


# ---------------------------------------------------------------------------
# Gamma-Gamma
# ---------------------------------------------------------------------------


def gamma_gamma_log_likelihood(p, q, v, x, m_x):
    """Log-likelihood of one repeat customer's mean spend ``m_x`` over x purchases."""
    px = p * x
    return (
        math.lgamma(px + q)
        - math.lgamma(px)
        - math.lgamma(q)
        + q * math.log(v)
        + (px - 1) * math.log(m_x)
        + px * math.log(x)
        - (px + q) * math.log(x * m_x + v)
    )


def _gamma_gamma_negative(point, x, m_x, weights):
    """Weighted negative log-likelihood of (x, m_x) arrays and its gradient in
    log-parameters."""
    p, q, v = np.exp(point)
    px = p * x
    log_total = np.log(x * m_x + v)
    ll = (
        special.gammaln(px + q)
        - special.gammaln(px)
        - special.gammaln(q)
        + q * np.log(v)
        + (px - 1) * np.log(m_x)
        + px * np.log(x)
        - (px + q) * log_total
    )
    psi_pxq = special.digamma(px + q)
    d_p = x * (psi_pxq - special.digamma(px) + np.log(m_x) + np.log(x) - log_total)
    d_q = psi_pxq - special.digamma(q) + np.log(v) - log_total
    d_v = q / v - (px + q) / (x * m_x + v)
    gradient = np.array([(weights * d).sum() for d in (d_p, d_q, d_v)])
    return -(weights * ll).sum(), -gradient * np.array([p, q, v])


def fit_gamma_gamma(customers):
    """Fit (p, q, v) on [(x, m_x), ...] of customers with x ≥ 1 and m_x > 0."""
    rows = [(x, m) for x, m in customers if x >= 1 and m > 0]
    (x, m_x), weights = _grouped(rows)
    # Spend is rescaled to a mean of 1 (v scales with it), then v is scaled back.
    scale = float((weights * m_x).sum() / weights.sum())
    share = weights / weights.sum()
    point, value = _minimise(lambda p: _gamma_gamma_negative(p, x, m_x / scale, share), np.zeros(3))
    p, q, v = (float(value) for value in np.exp(point))
    log_likelihood = -float(value * weights.sum()) - float(weights.sum()) * math.log(scale)
    return {"p": p, "q": q, "v": v * scale, "log_likelihood": log_likelihood}


def expected_spend(params, x, m_x):
    """Expected value of a future purchase; the population mean when x = 0."""
    p, q, v = params["p"], params["q"], params["v"]
    return p * (v + x * m_x) / (p * x + q - 1)


def gamma_gamma_applicable(params, customers):
    """q > 1 (a finite mean spend) and frequency not strongly tied to spend
    (the model assumes they are independent; |corr| > 0.3 is the usual cut)."""
    if params["q"] <= 1:
        return False
    rows = [(x, m) for x, m in customers if x >= 1 and m > 0]
    return abs(correlation([x for x, _m in rows], [m for _x, m in rows])) <= 0.3


def correlation(xs, ys):
    n = len(xs)
    if n < 2:
        return 0.0
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if not sxx or not syy:
        return 0.0
    return sxy / math.sqrt(sxx * syy)
