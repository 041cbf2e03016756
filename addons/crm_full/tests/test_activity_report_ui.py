# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "crm_full_audit")
class TestActivityReportUi(HttpCase):
    def test_manager_opens_activity_report_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["crm_full"], ["zh_CN"], overwrite=True)
        new_test_user(
            self.env,
            "cfa_tour_manager",
            groups="crm_full.crm_full_group_manager",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        sales = new_test_user(
            self.env, "cfa_tour_sales", name="报表销售", groups="crm_full.crm_full_group_user"
        )
        customer = self.env["res.partner"].create(
            {"name": "报表客户", "is_company": True, "user_id": sales.id}
        )
        self.env["crm.followup"].create(
            {
                "partner_id": customer.id,
                "user_id": sales.id,
                "channel": "visit",
                "summary": "上门拜访",
                "date": fields.Datetime.now() - timedelta(hours=1),
            }
        )
        action = self.env.ref("crm_full.crm_report_activity_action")
        self.start_tour(
            f"/odoo/action-{action.id}", "crm_full_activity_report_tour", login="cfa_tour_manager"
        )
