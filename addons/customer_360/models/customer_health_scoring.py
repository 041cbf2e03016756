# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Health arithmetic in plain Python (no ORM), so it is easy to check by hand.

* points of a measure: step bands. ``higher_better``: the band with the
  highest threshold <= value; ``lower_better``: the band with the lowest
  threshold >= value; no band matched: 0 points.
* a missing value: ``skip`` leaves the measure out, ``zero`` gives 0 points,
  ``neutral`` gives 50 points; neither counts as coverage.
* group score = sum(w * points) / sum(w) over the scored measures of the
  group, worked out from the stored lines when shown; overall = the same
  over all scored measures (groups weigh the sum of their measures'
  weights); contribution = w * points / sum(scored w).
* coverage = sum(weights with a real value) / sum(all weights); below
  ``MIN_COVERAGE`` the score is unknown.
* knock-out: a value at or past a component's knock-out threshold (in its
  bad direction) caps the score; the lowest cap wins, every reason is kept.
"""

from bisect import bisect_left, bisect_right
from datetime import timedelta

MIN_COVERAGE = 0.5
NEUTRAL_POINTS = 50.0


def is_knocked_out(direction, threshold, value):
    return value <= threshold if direction == "higher_better" else value >= threshold


def round_half_up(value):
    return int(value + 0.5)


def _compact(number):
    """``number`` as an int when it is whole: points and weights are stored
    with every snapshot, and "100" is shorter to write and read than "100.0"."""
    return int(number) if float(number).is_integer() else float(number)


def _band_finder(direction, bands):
    """``value -> points`` by bisection over the bands' thresholds, sorted
    once (ties: the higher points for higher-better, the lower for
    lower-better)."""
    best = max if direction == "higher_better" else min
    by_threshold = {}
    for threshold, points in bands:
        known = by_threshold.get(threshold)
        by_threshold[threshold] = _compact(points if known is None else best(known, points))
    thresholds = sorted(by_threshold)
    points = [by_threshold[threshold] for threshold in thresholds]
    if direction == "higher_better":

        def points_of(value):
            index = bisect_right(thresholds, value)
            return points[index - 1] if index else 0

        return points_of
    last = len(thresholds)

    def points_of(value):
        index = bisect_left(thresholds, value)
        return points[index] if index < last else 0

    return points_of


class Scorer:
    """The components of one health model prepared once, then applied to
    many customers (the recompute scores thousands per batch).

    :param components: list of dicts with keys id, metric, weight,
        direction, bands, missing, knockout (bool), knockout_threshold,
        knockout_cap
    """

    def __init__(self, components):
        self.metrics = [component["metric"] for component in components]
        self.total_weight = sum(component["weight"] for component in components)
        self._plan = [
            (
                component["id"],
                _compact(component["weight"]),
                _band_finder(component["direction"], component["bands"]),
                {"skip": None, "zero": 0, "neutral": _compact(NEUTRAL_POINTS)}[
                    component["missing"]
                ],
                (component["direction"], component["knockout_threshold"], component["knockout_cap"])
                if component["knockout"]
                else None,
            )
            for component in components
        ]

    def evaluate(self, values):
        """Score one customer from its raw values, in ``self.metrics`` order.

        :return: (score or None, coverage, cap or None, knockouts
            [(component id, value, cap)], lines [[component id, value
            (rounded to 4 decimals), points, weight]]): the compact form the
            snapshots store; ``explain`` and ``group_scores`` read it back
        """
        valued_weight = scored_weight = weighted_points = 0.0
        lines, knockouts = [], []
        for (component_id, weight, points_of, missing, knockout), value in zip(
            self._plan, values, strict=True
        ):
            if value is None:
                points = missing
            else:
                points = points_of(value)
                valued_weight += weight
                if knockout and is_knocked_out(knockout[0], knockout[1], value):
                    knockouts.append((component_id, value, knockout[2]))
                value = round(value, 4)
            if points is not None:
                scored_weight += weight
                weighted_points += weight * points
            lines.append([component_id, value, points, weight])
        coverage = valued_weight / self.total_weight if self.total_weight else 0.0
        overall = cap = None
        if coverage >= MIN_COVERAGE and scored_weight > 0:
            overall = round_half_up(weighted_points / scored_weight)
            if knockouts:
                cap = min(knock[2] for knock in knockouts)
                overall = min(overall, cap)
        else:
            knockouts = []
        return overall, round(coverage, 4), cap, knockouts, lines


def explain(lines, components):
    """The readable form of compact ``lines`` (see ``Scorer.evaluate``):
    a dict per measure with its name and group from ``components``
    ({component id: (name, group)}) and its contribution to the score."""
    scored_weight = sum(weight for _id, _value, points, weight in lines if points is not None)
    return [
        {
            "component_id": component_id,
            "name": components.get(component_id, ("?", False))[0],
            "group": components.get(component_id, ("?", False))[1],
            "value": value,
            "points": points,
            "weight": weight,
            "contribution": round(weight * points / scored_weight, 1)
            if points is not None and scored_weight
            else None,
        }
        for component_id, value, points, weight in lines
    ]


def group_scores(lines):
    """{group: score} of ``explain``-ed lines: sum(w * points) / sum(w) over
    each group's scored measures, rounded to 0.1."""
    totals = {}
    for line in lines:
        if line["points"] is not None and line["weight"]:
            total = totals.setdefault(line["group"], [0.0, 0.0])
            total[0] += line["weight"] * line["points"]
            total[1] += line["weight"]
    return {group: round(points / weight, 1) for group, (points, weight) in totals.items()}


def band_of(score_value, red_max, yellow_max):
    if score_value is None:
        return "unknown"
    if score_value <= red_max:
        return "red"
    return "yellow" if score_value <= yellow_max else "green"


def trend_arrow(delta, dead_band):
    if delta is None or abs(delta) <= dead_band:
        return "flat"
    return "up" if delta > 0 else "down"


class Transition:
    """Band with hysteresis, 4-week trend and alert of one health model, for
    one run (``today``): the model's limits are read once, not per customer.

    :param model: a ``customer.health.model`` record
    """

    def __init__(self, model, today):
        self.red_max = model.red_max
        self.yellow_max = model.yellow_max
        self.red_exit_score = model.red_exit_score
        self.dead_band = model.trend_dead_band
        self.drop_points = model.drop_alert_points
        self.trend_base_until = today - timedelta(days=28)
        self.drop_since = today - timedelta(days=model.drop_alert_days)

    def apply(self, new_score, history, before_state, before_alerted):
        """:param history: [(date, score)] of the past weekly scores, by date
        :return: (state, trend, arrow, alerted, alert) where alert is False,
            "red" or "drop"
        """
        if new_score is None:
            return "unknown", None, "flat", before_alerted, False
        state = band_of(new_score, self.red_max, self.yellow_max)
        if before_state == "red" and state != "red" and new_score <= self.red_exit_score:
            state = "red"  # hysteresis: leave red only clearly above its limit
        past = [value for date, value in history if date <= self.trend_base_until]
        trend = new_score - past[-1] if past else None
        window = [value for date, value in history if date >= self.drop_since]
        dropped = bool(window) and max(window) - new_score >= self.drop_points
        in_trouble = state == "red" or dropped
        alert = False
        if in_trouble and not before_alerted:
            alert = "red" if state == "red" else "drop"
        return state, trend, trend_arrow(trend, self.dead_band), in_trouble, alert
