# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon


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
