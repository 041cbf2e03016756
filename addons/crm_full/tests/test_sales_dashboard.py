# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon

from .spreadsheet_dashboard_check import check_dashboard

DASHBOARD = "crm_full.spreadsheet_dashboard_sales"


@tagged("post_install", "-at_install", "crm_full_report")
class TestSalesDashboard(BaseCommon):
    def test_dashboard_points_at_real_fields(self):
        """Issue 14: the sales dashboard (funnel, won vs target, collection,
        leaderboard) reads fields and measures that exist and aggregate."""
        data = check_dashboard(self, DASHBOARD)
        models = {pivot["model"] for pivot in data["pivots"].values()}
        self.assertEqual(models, {"crm.report.leaderboard", "crm.payment.plan"})
        charts = [f["data"] for f in data["sheets"][0]["figures"]]
        self.assertEqual(
            sorted(chart["type"] for chart in charts),
            ["odoo_bar", "odoo_bar", "odoo_bar", "odoo_line", *["scorecard"] * 5],
        )
        funnel = next(c for c in charts if c.get("metaData", {}).get("groupBy") == ["stage_id"])
        self.assertIsNone(funnel["metaData"]["order"], "a funnel keeps the stage order")


@tagged("post_install", "-at_install", "crm_full_ui")
class TestSalesDashboardUi(HttpCase):
    def test_manager_opens_the_dashboard_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["crm_full"], ["zh_CN"], overwrite=True)
        new_test_user(
            self.env,
            "cf_dash_manager",
            groups="crm_full.crm_full_group_manager",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        dashboard = self.env.ref(DASHBOARD)
        self.assertEqual(dashboard.with_context(lang="zh_CN").name, "销售仪表板")
        self.start_tour(
            f"/odoo/dashboards?dashboard_id={dashboard.id}",
            "crm_full_manager_dashboard_tour",
            login="cf_dash_manager",
        )
