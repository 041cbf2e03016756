# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Checks of a shipped spreadsheet dashboard against the registry.

A dashboard is JSON read by the browser: a renamed field, a measure without
aggregator or a formula naming a missing pivot only shows as an error in a
cell or an empty chart, never in a log. These checks parse the JSON, compare
every model and field name with the registry and run the grouped reads the
spreadsheet will ask for. (A copy of crm_full's: service_desk may not
import crm_full.)
"""

import json
import re

FORMULA = re.compile(r"\b(PIVOT\.VALUE|PIVOT\.HEADER|PIVOT)\(([^)]*)\)")
GRANULARITIES = {"year", "quarter", "month", "week", "day"}


def check_dashboard(case, xmlid):
    """Run every check on the dashboard ``xmlid``; return its data.

    :param case: the running test case (its env and assertions are used)
    """
    dashboard = case.env.ref(xmlid)
    data = json.loads(dashboard.spreadsheet_data)
    pivots = data["pivots"]
    for pivot in pivots.values():
        groupby = [_group_spec(case, pivot["model"], g) for g in pivot["rows"] + pivot["columns"]]
        measures = [m["fieldName"] for m in pivot["measures"]]
        _check_read_group(case, pivot["model"], pivot["domain"], groupby, measures, pivot["name"])
    charts = [
        figure["data"]
        for sheet in data["sheets"]
        for figure in sheet["figures"]
        if figure["tag"] == "chart"
    ]
    cells = {
        (sheet["name"], ref): cell.get("content", "")
        for sheet in data["sheets"]
        for ref, cell in sheet["cells"].items()
    }
    for chart in charts:
        case.assertTrue(chart["title"]["text"], "every chart has a (translatable) title")
        if chart["type"] == "scorecard":
            sheet_name, ref = chart["keyValue"].split("!")
            case.assertIn("PIVOT", cells.get((sheet_name, ref), ""), chart["keyValue"])
            continue
        meta = chart["metaData"]
        case.assertEqual(meta["groupBy"], chart["searchParams"]["groupBy"], meta)
        groupby = [_group_spec(case, meta["resModel"], spec) for spec in meta["groupBy"]]
        _check_read_group(
            case,
            meta["resModel"],
            chart["searchParams"]["domain"],
            groupby,
            [meta["measure"]],
            chart["title"]["text"],
        )
    used = set()
    for (sheet_name, ref), content in cells.items():
        for function, args in FORMULA.findall(content):
            args = [arg.strip().strip('"') for arg in args.split(",")]
            case.assertIn(args[0], pivots, f"{sheet_name}!{ref}: {content}")
            used.add(args[0])
            if function == "PIVOT.VALUE":
                measures = {m["fieldName"] for m in pivots[args[0]]["measures"]}
                case.assertIn(args[1], measures, f"{sheet_name}!{ref}: {content}")
    case.assertEqual(used, set(pivots), "every pivot is shown")
    case.assertTrue(dashboard.is_published)
    return data


def _group_spec(case, model, group):
    """``field[:granularity]`` of a pivot row/column (dict) or chart group-by (str)."""
    if isinstance(group, str):
        name, _sep, granularity = group.partition(":")
    else:
        name, granularity = group["fieldName"], group.get("granularity")
    field = case.env[model].fields_get([name])[name]
    case.assertTrue(field["groupable"], f"{model}.{name} groupable")
    if field["type"] in ("date", "datetime"):
        case.assertIn(granularity, GRANULARITIES, f"{model}.{name}")
        return f"{name}:{granularity}"
    return name


def _check_read_group(case, model, domain, groupby, measures, label):
    description = case.env[model].fields_get()
    aggregates = []
    for measure in measures:
        if measure == "__count":
            aggregates.append("__count")
            continue
        case.assertIn(measure, description, f"{label}: {model}.{measure}")
        aggregator = description[measure].get("aggregator")
        case.assertTrue(aggregator, f"{label}: {model}.{measure} has no aggregator")
        aggregates.append(f"{measure}:{aggregator}")
    # the read the spreadsheet sends; a bad domain or group-by raises here
    fields = [measure for measure in measures if measure != "__count"]
    case.env[model].read_group(domain, fields, groupby, lazy=False)
    case.env[model]._read_group(domain, groupby, aggregates)
