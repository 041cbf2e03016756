# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 18: the 360 header on a phone (390×844, touch), in 简体中文: the accounts open
as cards, and the form's header (stage, health, live status, last interaction) and
its figures are readable in Odoo's mobile layout."""

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .test_recipient_language import load_zh


@tagged("post_install", "-at_install", "customer_360_ui", "mobile")
class TestCustomer360MobileUi(HttpCase):
    browser_size = "390,844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_zh(cls.env)
        cls.user = new_test_user(
            cls.env,
            "c360_mobile_zh",
            name="移动端客户经理",
            groups="customer_360.customer_360_group_user,crm_full.crm_full_group_user,"
            "service_desk.service_desk_group_user",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        cls.account = cls.env["res.partner"].create(
            {
                "name": "移动端云帆科技",
                "is_company": True,
                "city": "杭州",
                "user_id": cls.user.id,
                "child_ids": [Command.create({"name": "王芳", "phone": "+86 138 0000 1111"})],
            }
        )
        cls.env["service.desk.ticket"].create(
            {"name": "移动端工单", "partner_id": cls.account.id, "user_id": cls.user.id}
        )
        cls.env["crm.lead"].create(
            {
                "name": "移动端商机",
                "type": "opportunity",
                "partner_id": cls.account.id,
                "user_id": cls.user.id,
                "expected_revenue": 88000,
            }
        )
        # what the nightly health job leaves on the account
        cls.account.sudo().write({"health_state": "green", "health_score": 82})

    def test_360_header_on_a_phone(self):
        self.start_tour("/odoo", "customer_360_mobile_tour", login="c360_mobile_zh")
