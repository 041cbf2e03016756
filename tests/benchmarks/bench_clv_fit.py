# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# Run by tests/benchmarks/run inside `odoo shell`; also runs alone (python3 bench_clv_fit.py).
"""CLV model fit and prediction: BG/NBD + Gamma-Gamma on synthetic customers.

Customers are drawn from the BG/NBD story (seeded), times in weeks to 2 decimals,
so nearly every (x, t_x, T) is distinct: the grouping by summary gains little here.
Baseline: the same fits and predictions by the ``lifetimes`` package, in the same
run, when it is importable (not a dependency of the suite: ``pip install lifetimes``).
BENCH_SIZE sets the sizes (default 20,000 and 100,000).
"""

import importlib.util
import math
import os
import random
import statistics
import time
import warnings

ROUNDS = 5
SIZES = [int(os.environ["BENCH_SIZE"])] if os.environ.get("BENCH_SIZE") else [20000, 100000]
TRUTH = {"r": 0.25, "alpha": 4.0, "a": 0.8, "b": 2.5}
GG_TRUTH = (6.0, 4.0, 15.0)  # p, q, v
HORIZON = 52.18  # weeks: the cron's 12 months


def load_clv_model():
    try:
        from odoo.addons.customer_360.tools import clv_model
    except ImportError:  # alone, from the repository
        here = os.environ.get("BENCH_DIR") or os.path.dirname(os.path.abspath(__file__))
        path = os.path.join(here, "..", "..", "addons", "customer_360", "tools", "clv_model.py")
        spec = importlib.util.spec_from_file_location("clv_model", path)
        clv_model = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(clv_model)
    return clv_model


def simulate(n, seed):
    """[(x, t_x, T, m_x)]: Poisson purchases at a Gamma(r, alpha) rate, a Beta(a, b)
    drop-out chance after each, spends Gamma(p, nu) with nu ~ Gamma(q, v)."""
    rnd = random.Random(seed)
    p, q, v = GG_TRUTH
    rows = []
    for _i in range(n):
        rate = rnd.gammavariate(TRUTH["r"], 1 / TRUTH["alpha"])
        drop = rnd.betavariate(TRUTH["a"], TRUTH["b"])
        T = rnd.uniform(26, 78)
        t = t_x = 0.0
        x = 0
        while True:
            t += rnd.expovariate(rate)
            if t > T:
                break
            x, t_x = x + 1, t
            if rnd.random() < drop:
                break
        nu = rnd.gammavariate(q, 1 / v)
        m_x = sum(rnd.gammavariate(p, 1 / nu) for _j in range(x)) / x if x else 0.0
        rows.append((x, min(round(t_x, 2), round(T, 2)), round(T, 2), m_x))
    return rows


def ours(clv_model, rows):
    summaries = [(x, t_x, T) for x, t_x, T, _m in rows]
    spends = [(x, m) for x, _t, _T, m in rows if x > 0 and m > 0]
    start = time.perf_counter()
    bgnbd = clv_model.fit_bgnbd(summaries)
    gamma = clv_model.fit_gamma_gamma(spends)
    fitted = time.perf_counter()
    alive = [clv_model.p_alive(bgnbd, *s) for s in summaries]
    purchases = [clv_model.expected_purchases(bgnbd, HORIZON, *s) for s in summaries]
    spend = [clv_model.expected_spend(gamma, x, m) for x, m in spends]
    done = time.perf_counter()
    return fitted - start, done - fitted, (bgnbd, gamma, alive, purchases, spend)


def lifetimes_run(lifetimes, pd, rows):
    frame = pd.DataFrame(rows, columns=["frequency", "recency", "T", "monetary_value"])
    repeat = frame[(frame.frequency > 0) & (frame.monetary_value > 0)]
    start = time.perf_counter()
    bgf = lifetimes.BetaGeoFitter().fit(frame.frequency, frame.recency, frame["T"])
    ggf = lifetimes.GammaGammaFitter().fit(repeat.frequency, repeat.monetary_value)
    fitted = time.perf_counter()
    # Plain arrays: lifetimes 0.11 mixes DataFrame and Series in ufuncs, which pandas 2+
    # refuses (the small compatibility shim this old package needs).
    x, t_x, T = (frame[column].to_numpy() for column in ("frequency", "recency", "T"))
    alive = bgf.conditional_probability_alive(x, t_x, T)
    purchases = bgf.conditional_expected_number_of_purchases_up_to_time(HORIZON, x, t_x, T)
    spend = ggf.conditional_expected_average_profit(repeat.frequency, repeat.monetary_value)
    done = time.perf_counter()
    return fitted - start, done - fitted, (bgf.params_, ggf.params_, alive, purchases, spend)


def median_runs(function, *args):
    fits, predictions, result = [], [], None
    for _round in range(ROUNDS):
        fit, predict, result = function(*args)
        fits.append(fit)
        predictions.append(predict)
    return statistics.median(fits), statistics.median(predictions), fits, result


def main():
    clv_model = load_clv_model()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import lifetimes
            import pandas as pd
    except ImportError:
        lifetimes = pd = None
    for size in SIZES:
        rows = simulate(size, seed=size)
        distinct = len({row[:3] for row in rows})
        print(f"customers={size} distinct (x, t_x, T)={distinct} rounds={ROUNDS}")
        fit, predict, fits, (bgnbd, gamma, alive, _p, _s) = median_runs(ours, clv_model, rows)
        print(
            f"  ours      fit median {fit * 1000:8.1f} ms  runs {[round(t * 1000) for t in fits]}"
            f"  predict median {predict * 1000:8.1f} ms"
        )
        print(
            "  ours      r {r:.4f} alpha {alpha:.4f} a {a:.4f} b {b:.4f}".format(**bgnbd)
            + "  p {p:.3f} q {q:.3f} v {v:.3f}".format(**gamma)
        )
        if lifetimes is None:
            print("  lifetimes not installed, no ratio")
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            base_fit, base_predict, base_fits, base = median_runs(
                lifetimes_run, lifetimes, pd, rows
            )
        bg_params, gg_params, base_alive = base[0], base[1], list(base[2])
        print(
            f"  lifetimes fit median {base_fit * 1000:8.1f} ms  runs "
            f"{[round(t * 1000) for t in base_fits]}  predict median {base_predict * 1000:8.1f} ms"
        )
        print(
            "  lifetimes r {r:.4f} alpha {alpha:.4f} a {a:.4f} b {b:.4f}".format(**bg_params)
            + "  p {p:.3f} q {q:.3f} v {v:.3f}".format(**gg_params)
        )
        gap = max(abs(ours_p - base_p) for ours_p, base_p in zip(alive, base_alive, strict=True))
        print(f"  largest p_alive difference {gap:.2e}")
        print(
            f"  ratio ours/lifetimes: fit {fit / base_fit:.2f}x, predict {predict / base_predict:.2f}x"
        )
        assert math.isfinite(fit)


main()
