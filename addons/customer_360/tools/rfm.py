# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""RFM scoring: quintile scores 1–5 and the classic eight segments."""

import bisect
import math

# (recency good, frequency high, monetary high) → segment code. The Chinese
# eight-cell model (重要价值客户 … 一般挽留客户) with English counterparts.
SEGMENTS = {
    (True, True, True): "champions",  # 重要价值客户
    (True, False, True): "potential",  # 重要发展客户
    (False, True, True): "cant_lose",  # 重要保持客户
    (False, False, True): "at_risk",  # 重要挽留客户
    (True, True, False): "loyal",  # 一般价值客户
    (True, False, False): "promising",  # 一般发展客户
    (False, True, False): "need_attention",  # 一般保持客户
    (False, False, False): "hibernating",  # 一般挽留客户
}


def quintile_scores(values, higher_is_better=True):
    """Score each value 1–5 by its cumulative share (ceil(5 × cume_dist)).

    Equal values get the same score, so the result does not depend on the
    order of the input.
    """
    ordered = sorted(values if higher_is_better else [-v for v in values])
    n = len(ordered)
    scores = []
    for value in values:
        key = value if higher_is_better else -value
        share = bisect.bisect_right(ordered, key) / n
        scores.append(max(1, min(5, math.ceil(5 * share - 1e-9))))
    return scores


def segments(rows):
    """Segment of each (recency_days, frequency, monetary) row.

    A measure is "high" when better than the average of all rows, as in the
    classic model; fewer days since the last order is better.
    """
    if not rows:
        return []
    n = len(rows)
    mean_r = sum(r for r, _f, _m in rows) / n
    mean_f = sum(f for _r, f, _m in rows) / n
    mean_m = sum(m for _r, _f, m in rows) / n
    return [SEGMENTS[(r < mean_r, f > mean_f, m > mean_m)] for r, f, m in rows]
