# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged

from .test_recipient_language import load_zh


@tagged("post_install", "-at_install", "crm_full_ui", "crm_full_handover")
class TestHandoverUi(HttpCase):
    """离职交接 as a sales manager working in 简体中文 (issue 17)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_zh(cls.env)
        persona = {"lang": "zh_CN", "tz": "Asia/Shanghai"}
        cls.manager = new_test_user(
            cls.env,
            "ho_manager_zh",
            name="交接销售经理",
            groups="crm_full.crm_full_group_manager",
            **persona,
        )
        cls.leaver = new_test_user(
            cls.env,
            "ho_leaver_zh",
            name="交接离职销售",
            groups="crm_full.crm_full_group_user",
            **persona,
        )
        cls.heir = new_test_user(
            cls.env,
            "ho_heir_zh",
            name="交接接手销售",
            groups="crm_full.crm_full_group_user",
            **persona,
        )
        cls.customers = cls.env["res.partner"].create(
            [
                {"name": f"交接客户 {i}", "is_company": True, "user_id": cls.leaver.id}
                for i in range(3)
            ]
        )
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "交接商机",
                "type": "opportunity",
                "partner_id": cls.customers[0].id,
                "user_id": cls.leaver.id,
            }
        )

    def test_manager_hands_over_a_book(self):
        self.start_tour("/odoo", "crm_full_handover_tour", login="ho_manager_zh")
        self.assertEqual(self.customers.user_id, self.heir)
        self.assertEqual(self.lead.user_id, self.heir)
        handover = self.env["crm.handover"].search([("source_user_id", "=", self.leaver.id)])
        self.assertEqual(handover.user_id, self.manager)
        self.assertEqual(handover.total_count, 4)
