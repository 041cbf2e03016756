# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged, users

from .common import CrmFullCommon


@tagged("crm_full_security")
class TestVisibility(CrmFullCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_other = new_test_user(
            cls.env, "cf_vis_other", groups="crm_full.crm_full_group_user"
        )
        cls.leader = new_test_user(cls.env, "cf_vis_leader", groups="crm_full.crm_full_group_user")
        cls.director = new_test_user(
            cls.env, "cf_vis_director", groups="crm_full.crm_full_group_sales_director"
        )
        cls.team = cls.env["crm.team"].create(
            {
                "name": "西南销售",
                "user_id": cls.leader.id,
                "member_ids": [Command.link(cls.user_other.id)],
            }
        )
        cls.company_partner.user_id = cls.user_sales
        cls.theirs = cls.env["res.partner"].create(
            {"name": "成都他人客户有限公司", "is_company": True, "user_id": cls.user_other.id}
        )
        cls.their_contact = cls.env["res.partner"].create(
            {"name": "李雷", "parent_id": cls.theirs.id, "user_id": cls.user_other.id}
        )
        cls.unowned = cls.env["res.partner"].create(
            {"name": "无人负责有限公司", "is_company": True}
        )
        cls.env.company.pool_new_leads = True
        cls.released = cls.env["res.partner"].create(
            {"name": "重庆退回客户有限公司", "is_company": True, "user_id": cls.user_other.id}
        )
        cls.pool_lead = cls.env["crm.lead"].create(
            {"name": "公海线索", "partner_id": cls.released.id, "user_id": False}
        )
        cls.their_lead = cls.env["crm.lead"].create(
            {
                "name": "他人商机",
                "type": "opportunity",
                "user_id": cls.user_other.id,
                "team_id": cls.team.id,
            }
        )

    @users("cf_sales")
    def test_salesperson_cannot_read_another_salespersons_customer(self):
        """A salesperson reads own customers and shared partners, not a colleague's accounts."""
        Partner = self.env["res.partner"]
        with self.assertRaises(AccessError):
            Partner.browse(self.theirs.id).read(["name"])
        with self.assertRaises(AccessError):
            Partner.browse(self.their_contact.id).read(["name"])
        self.assertFalse(Partner.search([("id", "=", self.theirs.id)]))
        visible = Partner.browse(
            [
                self.company_partner.id,
                self.contact.id,
                self.unowned.id,
                self.env.company.partner_id.id,
                self.user_other.partner_id.id,
                self.user_sales.partner_id.id,
            ]
        )
        self.assertEqual(len(visible.read(["name"])), 6)

    @users("cf_sales")
    def test_salesperson_sees_pool_not_colleagues_leads(self):
        Lead = self.env["crm.lead"]
        self.assertTrue(self.pool_lead.with_env(self.env).in_pool)
        # A colleague's customer with a lead in the pool: claimers may read it.
        self.assertEqual(self.pool_lead.with_env(self.env).partner_id.name, self.released.name)
        with self.assertRaises(AccessError):
            Lead.browse(self.their_lead.id).read(["name"])

    @users("cf_sales")
    def test_pool_lead_form_opens(self):
        """Regression: crm's lead form computes read the customer; a hidden one broke it."""
        form = Form(self.pool_lead.with_env(self.env))
        self.assertEqual(form.partner_id.id, self.released.id)
        self.assertEqual(form.name, "公海线索")

    @users("cf_vis_leader")
    def test_team_leader_sees_the_teams_leads_and_customers(self):
        self.assertEqual(self.env["crm.lead"].browse(self.their_lead.id).name, "他人商机")
        self.assertEqual(self.env["res.partner"].browse(self.theirs.id).name, self.theirs.name)
        with self.assertRaises(AccessError):
            self.env["res.partner"].browse(self.company_partner.id).read(["name"])

    @users("cf_vis_director")
    def test_director_sees_everything(self):
        partners = self.env["res.partner"].browse([self.theirs.id, self.company_partner.id])
        self.assertEqual(len(partners.read(["name"])), 2)
        self.assertEqual(self.env["crm.lead"].browse(self.their_lead.id).name, "他人商机")

    @users("cf_vis_other")
    def test_owner_reads_own_customer_and_its_contacts(self):
        self.assertEqual(self.env["res.partner"].browse(self.their_contact.id).name, "李雷")
        self.assertIn(self.theirs, self.env["res.partner"].search([("name", "like", "成都他人")]))
