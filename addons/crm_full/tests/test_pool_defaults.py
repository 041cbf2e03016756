# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Installing crm_full into a running Odoo changes no assignment until an admin turns the
pool on, and Odoo's own sales roles keep working on pooled leads."""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged

from .common import CrmFullCommon


@tagged("crm_full_pool")
class TestPoolDefaults(CrmFullCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Odoo's own roles, without any crm_full group.
        cls.odoo_salesman = new_test_user(
            cls.env, "odoo_salesman", groups="sales_team.group_sale_salesman"
        )
        cls.odoo_admin = new_test_user(
            cls.env, "odoo_sales_admin", groups="sales_team.group_sale_manager"
        )
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Odoo team",
                "member_ids": [
                    Command.link(cls.user_sales.id),
                    Command.link(cls.odoo_salesman.id),
                ],
            }
        )

    def _lead(self, **vals):
        return self.env["crm.lead"].create(
            {"name": "Unowned", "type": "lead", "user_id": False, "team_id": self.team.id, **vals}
        )

    def test_pool_is_off_for_a_new_company_and_a_new_install(self):
        self.assertFalse(self.env["res.company"].create({"name": "Fresh"}).pool_new_leads)
        self.assertFalse(
            self.env["res.company"]._fields["pool_new_leads"].default(self.env.company)
        )

    def test_pool_off_leaves_leads_to_odoo(self):
        self.env.company.pool_new_leads = False
        lead = self._lead()
        self.assertFalse(lead.in_pool)
        self.assertIn(lead, self.env["crm.lead"].search(self.team._get_lead_to_assign_domain()))
        owned = self._lead(user_id=self.user_sales.id)
        self.assertFalse(owned.pool_reclaim_date, "nothing is reclaimed where the pool is off")

    def test_team_overrides_the_company(self):
        self.env.company.pool_new_leads = False
        self.team.pool_mode = "on"
        self.assertTrue(self._lead().in_pool)
        self.env.company.pool_new_leads = True
        self.team.pool_mode = "off"
        self.assertFalse(self._lead().in_pool)
        self.team.pool_mode = "company"
        self.assertTrue(self._lead().in_pool)

    def test_turning_the_pool_on_starts_the_reclaim_clock(self):
        owned = self._lead(user_id=self.user_sales.id)
        self.assertFalse(owned.pool_reclaim_date)
        self.env.company.pool_new_leads = True
        self.assertTrue(owned.pool_reclaim_date)

    def test_odoo_sales_admin_hands_out_a_pooled_lead(self):
        self.team.pool_mode = "on"
        lead = self._lead()
        lead.with_user(self.odoo_admin).write({"user_id": self.odoo_salesman.id})
        self.assertEqual(lead.user_id, self.odoo_salesman)
        self.assertFalse(lead.in_pool)
        self.assertFalse(lead.pool_date)
        handout = lead.pool_log_ids.filtered(lambda log: log.action == "handout")
        self.assertEqual(handout.user_id, self.odoo_salesman)
        self.assertIn(self.odoo_admin.name, handout.reason)

    def test_odoo_mass_convert_assigns_pooled_leads(self):
        self.team.pool_mode = "on"
        leads = self._lead(name="A") | self._lead(name="B")
        leads.with_user(self.odoo_admin)._handle_salesmen_assignment(
            user_ids=[self.user_sales.id, self.odoo_salesman.id], team_id=self.team.id
        )
        self.assertEqual(leads.user_id, self.user_sales | self.odoo_salesman)
        self.assertFalse(any(leads.mapped("in_pool")))

    def test_odoo_salesman_opens_and_claims_a_pooled_lead(self):
        self.team.pool_mode = "on"
        lead = self._lead()
        # What the web client reads to show the form's pool page.
        [values] = lead.with_user(self.odoo_salesman).web_read(
            {
                "in_pool": {},
                "previous_user_id": {"fields": {"display_name": {}}},
                "release_reason": {},
                "pool_log_ids": {"fields": {"date": {}, "action": {}, "user_id": {}, "reason": {}}},
            }
        )
        self.assertEqual([log["action"] for log in values["pool_log_ids"]], ["enter"])
        self.assertTrue(
            lead.with_user(self.odoo_salesman).get_views([(False, "form")])["views"]["form"]
        )
        lead.with_user(self.odoo_salesman).action_claim()
        self.assertEqual(lead.user_id, self.odoo_salesman)
        self.assertEqual(
            lead.with_user(self.odoo_salesman).pool_log_ids.sorted("id").mapped("action"),
            ["enter", "claim"],
        )

    def test_odoo_salesman_still_claims_rather_than_writes(self):
        self.team.pool_mode = "on"
        lead = self._lead()
        with self.assertRaisesRegex(UserError, "Claim button"):
            lead.with_user(self.odoo_salesman).write({"user_id": self.odoo_salesman.id})
        self.assertTrue(lead.in_pool)

    def test_odoo_sales_roles_open_the_form_of_a_pooled_lead(self):
        """Odoo's own Form, as its crm tests use it: no AccessError on our pages."""
        self.team.pool_mode = "on"
        lead = self._lead()
        for user in (self.odoo_salesman, self.odoo_admin):
            with self.subTest(user=user.login):
                form = Form(lead.with_user(user))
                form.description = "<p>seen</p>"
                form.save()

    def test_odoo_sales_admin_saves_a_team_with_its_pool_page(self):
        """The team form shows the pool page to Odoo's Sales / Administrator: its
        reclaim delays must be readable and writable to them."""
        form = Form(self.env["crm.team"].with_user(self.odoo_admin))
        form.name = "New team"
        form.pool_mode = "on"
        with form.pool_reclaim_delay_ids.new() as delay:
            delay.priority = "3"
            delay.days = 2
        team = form.save()
        self.assertEqual(team.pool_reclaim_delay_ids.days, 2)
