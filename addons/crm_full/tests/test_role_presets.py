# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import Form, tagged

from odoo.addons.base.models.res_users import name_selection_groups

from .common import CrmFullCommon


# post_install: Odoo rebuilds the user form's role fields once every module is loaded.
@tagged("post_install", "-at_install", "crm_full_roles")
class TestRolePresets(CrmFullCommon):
    """Regression (issue 14): a user created with only our Salesperson role also got
    Odoo's template rights, Sales / Administrator and Accounting / Administrator, and so
    saw every customer and the books."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls.env.ref("base.default_user")
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "别人的客户", "is_company": True, "user_id": cls.user_manager.id}
        )

    def _new_user(self, login, role=None):
        """Create a user as the admin does, in the user form, ticking ``role`` only."""
        form = Form(
            self.env["res.users"].with_context(no_reset_password=True), view="base.view_users_form"
        )
        form.name = login
        form.login = login
        if role:
            category = role.category_id
            chain = self.env["res.groups"].search([("category_id", "=", category.id)])
            form[name_selection_groups(chain.ids)] = role.id
        return form.save()

    def test_odoo_template_still_grants_administrators(self):
        # The premise: without the presets, these come with every new user.
        for xmlid in ("sales_team.group_sale_manager", "account.group_account_manager"):
            self.assertIn(self.env.ref(xmlid), self.template.groups_id)

    def test_salesperson_role_gives_own_documents_only(self):
        user = self._new_user("new_sales_zh", self.env.ref("crm_full.crm_full_group_user"))
        self.assertTrue(user.has_group("sales_team.group_sale_salesman"))
        for xmlid in (
            "sales_team.group_sale_salesman_all_leads",
            "sales_team.group_sale_manager",
            "account.group_account_manager",
            "account.group_account_invoice",
            "crm_full.crm_full_group_manager",
        ):
            with self.subTest(group=xmlid):
                self.assertFalse(user.has_group(xmlid))
        mine = self.env["res.partner"].create(
            {"name": "我的客户", "is_company": True, "user_id": user.id}
        )
        visible = (
            self.env["res.partner"]
            .with_user(user)
            .search([("id", "in", (mine | self.other_customer).ids)])
        )
        self.assertEqual(visible, mine)

    def test_manager_role_gives_sales_administrator_not_accounting(self):
        user = self._new_user("new_manager_zh", self.env.ref("crm_full.crm_full_group_manager"))
        self.assertTrue(user.has_group("sales_team.group_sale_manager"))
        self.assertTrue(user.has_group("crm_full.crm_full_group_user"))
        self.assertFalse(user.has_group("account.group_account_manager"))
        self.assertFalse(user.has_group("crm_full.crm_full_group_sales_director"))

    def test_user_without_sales_role_gets_no_sales_rights(self):
        """A service agent (service_desk's role implies a plain internal user) or any
        other employee: no sales or accounting rights from the template."""
        user = self._new_user("new_agent_zh")
        self.assertTrue(user.has_group("base.group_user"))
        self.assertFalse(user.has_group("sales_team.group_sale_salesman"))
        self.assertFalse(user.has_group("account.group_account_invoice"))
        self.assertFalse(self.env["crm.lead"].with_user(user).has_access("read"))

    def test_user_created_in_code_without_groups(self):
        user = self.env["res.users"].create({"name": "代码创建", "login": "code_user_zh"})
        self.assertTrue(user.has_group("base.group_user"))
        self.assertFalse(user.has_group("sales_team.group_sale_manager"))
        self.assertFalse(user.has_group("account.group_account_manager"))
