# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon


class CrmFullCommon(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_sales = new_test_user(cls.env, "cf_sales", groups="crm_full.crm_full_group_user")
        cls.user_manager = new_test_user(
            cls.env, "cf_manager", groups="crm_full.crm_full_group_manager"
        )
        cls.company_partner = cls.env["res.partner"].create(
            {"name": "杭州测试科技有限公司", "is_company": True}
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "张伟", "parent_id": cls.company_partner.id}
        )

    @classmethod
    def _stage(cls, code):
        return cls.env["crm.lifecycle.stage"].search([("code", "=", code)])
