# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.crm_full.tests.spreadsheet_dashboard_check import check_dashboard

DASHBOARD = "customer_360.spreadsheet_dashboard_customer_health"


@tagged("post_install", "-at_install", "customer_360")
class TestCustomerHealthDashboard(BaseCommon):
    def test_dashboard_points_at_real_fields(self):
        """Issue 14: the customer dashboard (health bands, churn risk, NPS)
        reads fields and measures that exist and aggregate."""
        data = check_dashboard(self, DASHBOARD)
        models = {pivot["model"] for pivot in data["pivots"].values()}
        self.assertEqual(
            models,
            {
                "res.partner",
                "customer.churn.risk",
                "customer.nps.response",
                "customer.region.report",
            },
        )
        charts = {f["data"]["title"]["text"]: f["data"] for f in data["sheets"][0]["figures"]}
        self.assertEqual(charts["Customers by Health Band"]["type"], "odoo_pie")
        self.assertEqual(charts["NPS by Month"]["metaData"]["measure"], "nps_value")
        # issue 17: a bar chart sorted by size (no geo chart in Community, see README)
        region = charts["Customers by Province"]
        self.assertEqual((region["type"], region["metaData"]["order"]), ("odoo_bar", "DESC"))
        self.assertEqual(region["metaData"]["groupBy"], ["state_id"])

    def test_nps_measure_is_the_net_promoter_score(self):
        """The NPS tile is the average of nps_value: +100 promoter, 0 passive,
        -100 detractor, i.e. % promoters - % detractors."""
        Response = self.env["customer.nps.response"]
        self.assertEqual(Response._fields["nps_value"].aggregator, "avg")


@tagged("post_install", "-at_install", "customer_360_ui")
class TestCustomerHealthDashboardUi(HttpCase):
    def test_manager_opens_the_dashboards_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["crm_full", "service_desk", "customer_360"], ["zh_CN"], overwrite=True
        )
        new_test_user(
            self.env,
            "c360_dash_manager",
            groups="customer_360.customer_360_group_manager,crm_full.crm_full_group_manager,"
            "service_desk.service_desk_group_manager",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        for xmlid in (
            DASHBOARD,
            "crm_full.spreadsheet_dashboard_sales",
            "service_desk.spreadsheet_dashboard_service",
        ):
            dashboard = self.env.ref(xmlid)
            with self.subTest(dashboard=xmlid):
                self.start_tour(
                    f"/odoo/dashboards?dashboard_id={dashboard.id}",
                    "customer_360_manager_dashboard_tour",
                    login="c360_dash_manager",
                )
