# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Health arithmetic in plain Python (no ORM), so it is easy to check by hand.

* points of a measure: step bands. ``higher_better``: the band with the
  highest threshold <= value; ``lower_better``: the band with the lowest
  threshold >= value; no band matched: 0 points.
* a missing value: ``skip`` leaves the measure out, ``zero`` gives 0 points,
  ``neutral`` gives 50 points; neither counts as coverage.
* group score = sum(w * points) / sum(w) over the scored measures of the
  group; overall = the same over all scored measures (groups weigh the sum of
  their measures' weights); contribution = w * points / sum(scored w).
* coverage = sum(weights with a real value) / sum(all weights); below
  ``MIN_COVERAGE`` the score is unknown.
* knock-out: a value at or past a component's knock-out threshold (in its
  bad direction) caps the score; the lowest cap wins, every reason is kept.
"""

MIN_COVERAGE = 0.5
NEUTRAL_POINTS = 50.0


def band_points(direction, bands, value):
    """:param bands: [(threshold, points)]"""
    if direction == "higher_better":
        matching = [(threshold, points) for threshold, points in bands if value >= threshold]
        return float(max(matching)[1]) if matching else 0.0
    matching = [(threshold, points) for threshold, points in bands if value <= threshold]
    return float(min(matching)[1]) if matching else 0.0


def is_knocked_out(direction, threshold, value):
    return value <= threshold if direction == "higher_better" else value >= threshold


def round_half_up(value):
    return int(value + 0.5)


def score(components, values):
    """Score one customer.

    :param components: list of dicts with keys id, name, metric, group, weight,
        direction, bands, missing, knockout (bool), knockout_threshold,
        knockout_cap
    :param values: {metric code: raw value or None}
    :return: dict with score (int or None), coverage, state_known, cap,
        knockouts [(component id, value, cap)], groups {group: score},
        lines [dict per component]
    """
    total_weight = sum(component["weight"] for component in components)
    valued_weight = scored_weight = weighted_points = 0.0
    lines, groups, knockouts = [], {}, []
    for component in components:
        value = values.get(component["metric"])
        weight = component["weight"]
        if value is None:
            points = {"skip": None, "zero": 0.0, "neutral": NEUTRAL_POINTS}[component["missing"]]
        else:
            points = band_points(component["direction"], component["bands"], value)
            valued_weight += weight
            if component["knockout"] and is_knocked_out(
                component["direction"], component["knockout_threshold"], value
            ):
                knockouts.append((component["id"], value, component["knockout_cap"]))
        if points is not None:
            scored_weight += weight
            weighted_points += weight * points
            group = groups.setdefault(component["group"], [0.0, 0.0])
            group[0] += weight * points
            group[1] += weight
        lines.append(
            {
                "component_id": component["id"],
                "name": component["name"],
                "group": component["group"],
                "value": value,
                "points": points,
                "weight": weight,
            }
        )
    coverage = valued_weight / total_weight if total_weight else 0.0
    known = coverage >= MIN_COVERAGE and scored_weight > 0
    overall = cap = None
    if known:
        overall = round_half_up(weighted_points / scored_weight)
        if knockouts:
            cap = min(knock[2] for knock in knockouts)
            overall = min(overall, cap)
    for line in lines:
        scored = line["points"] is not None and scored_weight
        line["contribution"] = (
            round(line["weight"] * line["points"] / scored_weight, 1) if scored else None
        )
    return {
        "score": overall,
        "coverage": round(coverage, 4),
        "known": known,
        "cap": cap,
        "knockouts": knockouts if known else [],
        "groups": {
            group: round(points / weight, 1) for group, (points, weight) in groups.items() if weight
        },
        "lines": lines,
    }


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
