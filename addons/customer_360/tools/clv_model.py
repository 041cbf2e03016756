# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customer lifetime value models in pure Python (no numpy/scipy).

* BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way")
  for the number of repeat purchases and the probability a customer is alive.
* Gamma-Gamma (Fader & Hardie 2013, "The Gamma-Gamma model of monetary
  value") for the expected value of a purchase.

A customer is summarised as (x, t_x, T): x repeat purchases, the last one at
t_x, observed for T (time from the first purchase to now), in any time unit.
Parameters are fitted by maximum likelihood with a small Nelder-Mead on the
logarithms of the parameters, so they stay positive without constraints.
"""

import math
import random

# ---------------------------------------------------------------------------
# Optimiser
# ---------------------------------------------------------------------------


def nelder_mead(func, start, step=0.5, tolerance=1e-9, max_iterations=2000):
    """Minimise ``func`` from ``start``; return (best point, best value)."""
    n = len(start)
    simplex = [list(start)]
    for i in range(n):
        point = list(start)
        point[i] += step
        simplex.append(point)
    values = [func(point) for point in simplex]
    for _iteration in range(max_iterations):
        order = sorted(range(n + 1), key=values.__getitem__)
        simplex = [simplex[i] for i in order]
        values = [values[i] for i in order]
        if abs(values[-1] - values[0]) <= tolerance * (abs(values[0]) + tolerance):
            break
        centroid = [sum(p[i] for p in simplex[:-1]) / n for i in range(n)]
        worst = simplex[-1]

        def towards(coefficient, worst=worst, centroid=centroid):
            return [c + coefficient * (w - c) for c, w in zip(centroid, worst, strict=True)]

        reflected = towards(-1.0)
        reflected_value = func(reflected)
        if reflected_value < values[0]:
            expanded = towards(-2.0)
            expanded_value = func(expanded)
            if expanded_value < reflected_value:
                simplex[-1], values[-1] = expanded, expanded_value
            else:
                simplex[-1], values[-1] = reflected, reflected_value
        elif reflected_value < values[-2]:
            simplex[-1], values[-1] = reflected, reflected_value
        else:
            contracted = towards(0.5 if reflected_value >= values[-1] else -0.5)
            contracted_value = func(contracted)
            if contracted_value < min(values[-1], reflected_value):
                simplex[-1], values[-1] = contracted, contracted_value
            else:
                best = simplex[0]
                simplex = [best] + [
                    [b + 0.5 * (p - b) for b, p in zip(best, point, strict=True)]
                    for point in simplex[1:]
                ]
                values = [values[0]] + [func(point) for point in simplex[1:]]
    best = min(range(n + 1), key=values.__getitem__)
    return simplex[best], values[best]


def _safe(func):
    """Turn math domain errors and non-finite values into +inf for the optimiser."""

    def wrapped(point):
        try:
            value = func(point)
        except (OverflowError, ValueError, ZeroDivisionError):
            return math.inf
        return value if math.isfinite(value) else math.inf

    return wrapped


def _sample(rows, limit, seed=42):
    rows = list(rows)
    if limit and len(rows) > limit:
        rows = random.Random(seed).sample(rows, limit)
    return rows


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


def fit_bgnbd(customers, max_customers=20000):
    """Fit (r, alpha, a, b) on [(x, t_x, T), ...]; returns a dict.

    Customers sharing (x, t_x, T) are counted once with a weight, which makes
    the fit fast on big bases; above ``max_customers`` a fixed-seed sample is used.
    """
    weights = {}
    for row in _sample(customers, max_customers):
        weights[row] = weights.get(row, 0) + 1
    rows = list(weights.items())
    scale = max((T for (_x, _t, T) in weights), default=1.0) or 1.0

    def negative(point):
        r, alpha, a, b = (math.exp(v) for v in point)
        return -sum(w * bgnbd_log_likelihood(r, alpha, a, b, x, t_x, T) for (x, t_x, T), w in rows)

    start = [0.0, math.log(scale / 2), 0.0, 0.0]
    point, value = nelder_mead(_safe(negative), start)
    # A restart from the optimum escapes a collapsed simplex.
    point, value = nelder_mead(_safe(negative), point, step=0.1)
    r, alpha, a, b = (math.exp(v) for v in point)
    return {"r": r, "alpha": alpha, "a": a, "b": b, "log_likelihood": -value}


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


def fit_gamma_gamma(customers, max_customers=20000):
    """Fit (p, q, v) on [(x, m_x), ...] of customers with x ≥ 1 and m_x > 0."""
    rows = [(x, m) for x, m in _sample(customers, max_customers) if x >= 1 and m > 0]
    mean = sum(m for _x, m in rows) / len(rows)

    def negative(point):
        p, q, v = (math.exp(value) for value in point)
        return -sum(gamma_gamma_log_likelihood(p, q, v, x, m) for x, m in rows)

    point, value = nelder_mead(_safe(negative), [0.0, math.log(2.0), math.log(mean)])
    point, value = nelder_mead(_safe(negative), point, step=0.1)
    p, q, v = (math.exp(value) for value in point)
    return {"p": p, "q": q, "v": v, "log_likelihood": -value}


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
