# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .test_recipient_language import load_zh


@tagged("post_install", "-at_install", "crm_full_ui")
class TestPresalesUi(HttpCase):
    """A salesperson working in 简体中文 asks the presales team for help (issue 17)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_zh(cls.env)
        persona = {"lang": "zh_CN", "tz": "Asia/Shanghai"}
        group = "crm_full.crm_full_group_user"
        cls.sales = new_test_user(
            cls.env, "ps_ui_sales", name="售前流程销售", groups=group, **persona
        )
        cls.engineer = new_test_user(
            cls.env, "ps_ui_engineer", name="售前流程工程师", groups=group, **persona
        )
        cls.env["crm.team"].create(
            {
                "name": "售前流程支持部",
                "is_presales": True,
                "member_ids": [Command.link(cls.engineer.id)],
            }
        )
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "售前流程商机",
                "type": "opportunity",
                "user_id": cls.sales.id,
                "partner_id": cls.env["res.partner"]
                .create({"name": "售前流程客户", "user_id": cls.sales.id})
                .id,
            }
        )

    def test_salesperson_requests_presales(self):
        self.start_tour(
            f"/odoo/crm.lead/{self.lead.id}", "crm_full_presales_tour", login="ps_ui_sales"
        )
        request = self.lead.presales_request_ids
        self.assertEqual(request.presales_user_id, self.engineer)
        self.assertEqual(request.request_note, "客户要看产线演示")
        self.assertEqual(self.lead.user_id, self.sales)
