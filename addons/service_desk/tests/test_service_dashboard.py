# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon

from .spreadsheet_dashboard_check import check_dashboard

DASHBOARD = "service_desk.spreadsheet_dashboard_service"


@tagged("post_install", "-at_install", "service_desk")
class TestServiceDashboard(BaseCommon):
    def test_dashboard_points_at_real_fields(self):
        """Issue 14: the service dashboard (backlog by age, SLA compliance,
        CSAT and CES trends) reads fields and measures that exist and aggregate."""
        data = check_dashboard(self, DASHBOARD)
        charts = [f["data"] for f in data["sheets"][0]["figures"]]
        by_title = {chart["title"]["text"]: chart for chart in charts}
        self.assertEqual(by_title["Backlog by Age"]["metaData"]["groupBy"], ["age_bucket"])
        self.assertEqual(by_title["CSAT % by Month"]["type"], "odoo_line")
        self.assertEqual(by_title["SLA Compliance %"]["type"], "scorecard")


@tagged("post_install", "-at_install", "service_desk")
class TestServiceDashboardUi(HttpCase):
    def test_manager_opens_the_dashboard_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["service_desk"], ["zh_CN"], overwrite=True)
        new_test_user(
            self.env,
            "sd_dash_manager",
            groups="service_desk.service_desk_group_manager",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        dashboard = self.env.ref(DASHBOARD)
        self.assertEqual(dashboard.with_context(lang="zh_CN").name, "服务仪表板")
        self.start_tour(
            f"/odoo/dashboards?dashboard_id={dashboard.id}",
            "service_desk_manager_dashboard_tour",
            login="sd_dash_manager",
        )
