# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import re

from odoo.tests import tagged
from odoo.tools import file_open

from odoo.addons.base.tests.common import BaseCommon

from .test_customer_value import CustomerValueCommon

DASHBOARD_FILE = "customer_360/data/files/customer_value_dashboard.json"
# The spreadsheet functions that read Odoo data, with the number of leading
# arguments that are ids and field names: (pivot or list id, [row,] "field").
FORMULA = re.compile(r"\b(ODOO\.LIST\.HEADER|ODOO\.LIST|ODOO\.PIVOT\.HEADER|ODOO\.PIVOT|PIVOT)\(")
GRANULARITIES = {"year", "quarter", "month", "week", "day"}


def dashboard_data():
    with file_open(DASHBOARD_FILE) as file:
        return json.load(file)


def formula_args(content, start):
    """The arguments of the call that opens at ``start``, as text (no nesting)."""
    end = content.index(")", start)
    return [arg.strip().strip('"') for arg in content[start:end].split(",") if arg.strip()]


@tagged("post_install", "-at_install", "customer_360")
class TestCustomerValueDashboard(BaseCommon):
    def test_dashboard_data_points_at_real_fields(self):
        """The spreadsheet is shipped as JSON: a renamed field would only
        break in the browser, so check every pivot and list here."""
        dashboard = self.env.ref("customer_360.spreadsheet_dashboard_customer_value")
        data = dashboard.get_readonly_dashboard()["snapshot"]
        self.assertEqual(
            data, json.loads(dashboard.spreadsheet_data) | {"settings": data["settings"]}
        )
        self.assertEqual(json.loads(dashboard.spreadsheet_data), dashboard_data())
        checked = 0
        for pivot in data["pivots"].values():
            names = [m["fieldName"] for m in pivot["measures"]]
            names += [g["fieldName"] for g in pivot["rows"] + pivot["columns"]]
            checked += self._check_fields(pivot["model"], names, pivot["domain"])
        for odoo_list in data["lists"].values():
            names = odoo_list["columns"] + [o["name"] for o in odoo_list["orderBy"]]
            checked += self._check_fields(odoo_list["model"], names, odoo_list["domain"])
        self.assertEqual(checked, 4)
        self.assertIn(self.env.ref("customer_360.customer_360_group_manager"), dashboard.group_ids)

    def _check_fields(self, model_name, names, domain):
        model = self.env[model_name]
        for name in names:
            if name != "__count":
                self.assertIn(name, model._fields, f"{model_name}.{name}")
        model.search_count(domain)  # the domain is valid
        return 1

    def test_pivots_aggregate_and_group_as_the_spreadsheet_asks(self):
        """A measure needs an aggregator, a row a groupable field, a date row
        a known granularity, a list's sort a sortable field: otherwise the
        spreadsheet shows an error in the cell, not in any log."""
        data = dashboard_data()
        for pivot in data["pivots"].values():
            description = self.env[pivot["model"]].fields_get()
            for measure in pivot["measures"]:
                if measure["fieldName"] != "__count":
                    field = description[measure["fieldName"]]
                    self.assertTrue(field.get("aggregator"), f"{pivot['name']}: {field}")
            for group in pivot["rows"] + pivot["columns"]:
                field = description[group["fieldName"]]
                self.assertTrue(field["groupable"], f"{pivot['name']}: {group}")
                if field["type"] in ("date", "datetime"):
                    self.assertIn(group.get("granularity"), GRANULARITIES, pivot["name"])
        for odoo_list in data["lists"].values():
            description = self.env[odoo_list["model"]].fields_get()
            for order in odoo_list["orderBy"]:
                self.assertTrue(description[order["name"]]["sortable"], order)

    def test_cells_use_existing_pivots_lists_and_columns(self):
        """Every cell formula reading Odoo data names a pivot or list of the
        file, and a list formula one of that list's columns; every pivot and
        list is shown somewhere."""
        data = dashboard_data()
        pivots, lists = data["pivots"], data["lists"]
        used = set()
        for sheet in data["sheets"]:
            for ref, cell in sheet["cells"].items():
                content = cell.get("content") or ""
                calls = list(FORMULA.finditer(content))
                if "ODOO." in content or "PIVOT" in content:
                    self.assertTrue(calls, f"{ref}: unknown data formula {content}")
                for call in calls:
                    name, args = call.group(1), formula_args(content, call.end())
                    if "LIST" in name:
                        self.assertIn(args[0], lists, f"{ref}: {content}")
                        column = args[-1]
                        self.assertIn(column, lists[args[0]]["columns"], f"{ref}: {content}")
                        if name == "ODOO.LIST":
                            self.assertTrue(args[1].isdigit() and int(args[1]) >= 1, ref)
                        used.add(("list", args[0]))
                    else:
                        self.assertIn(args[0], pivots, f"{ref}: {content}")
                        used.add(("pivot", args[0]))
        self.assertEqual(
            used, {("pivot", pid) for pid in pivots} | {("list", lid) for lid in lists}
        )


@tagged("post_install", "-at_install", "customer_360", "customer_360_clv")
class TestCustomerValueDashboardFigures(CustomerValueCommon):
    """What the dashboard's pivots and list show, computed the way the
    spreadsheet asks the server for them (its read_group with the definition
    of the shipped file), against figures worked out by hand on the value
    fixture (see TestCustomerValue for the arithmetic)."""

    # Each pivot's own company field: the test looks at the fixture's company.
    COMPANY_FIELD = {
        "res.partner": "clv_company_id",
        "customer.repurchase.report": "company_id",
        "customer.churn.risk": "company_id",
    }

    def _pivot_figures(self, pivot):
        """{row values: [measure values]} of one pivot of the file."""
        model = self.env[pivot["model"]]
        domain = pivot["domain"] + [(self.COMPANY_FIELD[pivot["model"]], "=", self.company.id)]
        groupby = [
            ":".join(filter(None, (group["fieldName"], group.get("granularity"))))
            for group in pivot["rows"] + pivot["columns"]
        ]
        measures = [m["fieldName"] for m in pivot["measures"]]
        rows = model.read_group(
            domain, [m for m in measures if m != "__count"], groupby, lazy=False
        )
        return {tuple(row[group] for group in groupby): [row[m] for m in measures] for row in rows}

    def test_pivot_figures(self):
        self._compute()
        pivots = {pivot["name"]: pivot for pivot in dashboard_data()["pivots"].values()}
        self.assertEqual(
            self._pivot_figures(pivots["CLV by Segment"]),
            {
                # historic CLV, predicted CLV (= historic: insufficient data), customers
                ("champions",): [1600, 1600, 1],  # Alpha: 1000 + 500 + 300 - 200
                ("hibernating",): [5000, 5000, 1],  # Beta
                ("promising",): [100, 100, 1],  # Gamma
                ("loyal",): [250, 250, 1],  # Delta: 200 + 50
            },
        )
        self.assertEqual(
            self._pivot_figures(pivots["Repurchase and Cross-sell"]),
            {
                # customers, repurchase rate (%), cross-sell rate (%)
                ("2024",): [1, 0.0, 0.0],  # Beta, one order
                ("2025",): [2, 50.0, 50.0],  # Alpha 1 order; Delta 2 orders, 2 categories
                ("2026",): [2, 50.0, 50.0],  # Alpha 2 orders, 2 categories; Gamma 1 order
            },
        )
        self.assertEqual(
            self._pivot_figures(pivots["Churn Risk"]),
            {
                # customers, historic CLV, overdue amount
                ("rfm",): [1, 5000, 0],  # Beta, hibernating
                ("overdue",): [1, 100, 80],  # Gamma, the invoice due 2026-01-31
            },
        )

    def test_top_customers_at_risk_list(self):
        self._compute()
        (odoo_list,) = dashboard_data()["lists"].values()
        order = ", ".join(
            f"{o['name']} {'asc' if o['asc'] else 'desc'}" for o in odoo_list["orderBy"]
        )
        rows = self.env[odoo_list["model"]].search_read(
            odoo_list["domain"] + [("company_id", "=", self.company.id)],
            odoo_list["columns"],
            order=order,
            limit=10,  # the sheet shows rows 1 to 10
        )
        self.assertEqual(
            [[row[column] for column in odoo_list["columns"]] for row in rows],
            [
                [(self.beta.id, "Beta"), "rfm", 5000, 0],
                [(self.gamma.id, "Gamma"), "overdue", 100, 80],
            ],
        )
