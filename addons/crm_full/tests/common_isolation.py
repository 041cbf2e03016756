# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon


class CrmFullIsolationCommon(BaseCommon):
    """Personas of the access tests: two salespeople of different teams, the leader of
    the first team, a sales manager, a plain employee, users holding only Odoo's own
    sales groups, a portal customer and a salesperson of a second company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.company_b = cls.env["res.company"].create({"name": "北京分公司"})

        def user(login, groups, **vals):
            return new_test_user(
                cls.env, login, groups=groups, lang="zh_CN", tz="Asia/Shanghai", **vals
            )

        cls.sales_a = user("iso_sales_a", "crm_full.crm_full_group_user")
        cls.sales_b = user("iso_sales_b", "crm_full.crm_full_group_user")
        cls.leader_a = user("iso_leader_a", "crm_full.crm_full_group_user")
        cls.manager = user("iso_manager", "crm_full.crm_full_group_manager")
        cls.employee = user("iso_employee", "base.group_user")
        cls.odoo_own = user("iso_odoo_own", "sales_team.group_sale_salesman")
        cls.odoo_all = user("iso_odoo_all", "sales_team.group_sale_salesman_all_leads")
        cls.sales_other_company = user(
            "iso_sales_c",
            "crm_full.crm_full_group_user",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )
        cls.team_a = cls.env["crm.team"].create(
            {
                "name": "华东一组",
                "user_id": cls.leader_a.id,
                "member_ids": [Command.link(cls.sales_a.id)],
            }
        )
        cls.team_b = cls.env["crm.team"].create(
            {"name": "华南二组", "member_ids": [Command.link(cls.sales_b.id)]}
        )
        Partner = cls.env["res.partner"]
        cls.customer_a = Partner.create(
            {"name": "杭州甲方科技有限公司", "is_company": True, "user_id": cls.sales_a.id}
        )
        cls.customer_b = Partner.create(
            {
                "name": "深圳乙方贸易有限公司",
                "is_company": True,
                "user_id": cls.sales_b.id,
                "company_id": cls.env.company.id,
            }
        )
        # A contact nobody owns, under B's account: B's, not everybody's.
        cls.contact_b = Partner.create({"name": "王芳", "parent_id": cls.customer_b.id})
        cls.contact_b.user_id = False
        cls.portal = new_test_user(
            cls.env, "iso_portal", groups="base.group_portal", lang="zh_CN", tz="Asia/Shanghai"
        )
        cls.portal.partner_id.parent_id = cls.customer_a
        Lead = cls.env["crm.lead"].with_context(crm_full_no_rule_assignment=True)
        cls.lead_a = Lead.create(
            {
                "name": "甲方商机",
                "type": "opportunity",
                "partner_id": cls.customer_a.id,
                "user_id": cls.sales_a.id,
                "team_id": cls.team_a.id,
            }
        )
        cls.lead_b = Lead.create(
            {
                "name": "乙方商机",
                "type": "opportunity",
                "partner_id": cls.customer_b.id,
                "user_id": cls.sales_b.id,
                "team_id": cls.team_b.id,
            }
        )
