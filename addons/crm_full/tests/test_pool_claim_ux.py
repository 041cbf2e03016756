# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from odoo import Command
from odoo.tests import Form, new_test_user, tagged, users

from .common import CrmFullCommon


@tagged("crm_full_pool")
class TestPoolClaimUx(CrmFullCommon):
    """Regression (issue 14): a claim said nothing and left the salesperson in another
    app; the pool showed no claims left; the team tab showed 0 for "company default"."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_other = new_test_user(cls.env, "cf_other", groups="crm_full.crm_full_group_user")
        cls.team = cls.env["crm.team"].create(
            {
                "name": "华东销售",
                "member_ids": [Command.link(cls.user_sales.id), Command.link(cls.user_other.id)],
                "pool_daily_claim_limit": 2,
                "pool_open_lead_limit": 3,
            }
        )
        cls.env.company.pool_new_leads = True

    @classmethod
    def _pool_leads(cls, count):
        return cls.env["crm.lead"].create(
            [
                {"name": f"公海线索 {i}", "type": "lead", "user_id": False, "team_id": cls.team.id}
                for i in range(count)
            ]
        )

    @users("cf_sales")
    def test_claim_confirms_with_claims_left_and_opens_the_lead_in_the_lifecycle_app(self):
        first, second = self._pool_leads(2).with_env(self.env)
        self.assertEqual(first.pool_claims_left, 2)
        action = first.action_claim()
        self.assertEqual(action["tag"], "display_notification")
        params = action["params"]
        self.assertEqual(params["type"], "success")
        self.assertIn(first.name, params["message"])
        self.assertIn("You can claim 1 more leads today", params["message"])
        opened = params["next"]
        my_leads = self.env.ref("crm_full.crm_lead_action_my_leads")
        self.assertEqual(opened["id"], my_leads.id)
        self.assertEqual((opened["res_id"], opened["views"]), (first.id, [(False, "form")]))
        second.invalidate_recordset(["pool_claims_left"])
        self.assertEqual(second.pool_claims_left, 1)
        second.action_claim()
        self.assertEqual(
            self.env["crm.lead"].action_open_pool()["name"], "Public Pool (0 claims left today)"
        )

    def test_claimed_opportunity_opens_in_my_opportunities(self):
        lead = self._pool_leads(1)
        lead.type = "opportunity"
        action = lead.with_user(self.user_sales).action_claim()
        self.assertEqual(
            action["params"]["next"]["id"],
            self.env.ref("crm_full.crm_lead_action_my_opportunities").id,
        )

    def test_my_leads_menus_default_to_mine(self):
        for xmlid in ("crm_lead_action_my_leads", "crm_lead_action_my_opportunities"):
            action = self.env.ref(f"crm_full.{xmlid}")
            self.assertIn("'search_default_crm_full_mine': 1", action.context)
            menu = self.env["ir.ui.menu"].search([("action", "=", f"{action._name},{action.id}")])
            self.assertEqual(menu.parent_id, self.env.ref("crm_full.crm_full_menu_root"))

    def test_team_tab_shows_the_value_in_effect(self):
        company = self.env.company
        company.pool_daily_claim_limit = 20
        with Form(self.env["crm.team"]) as form:
            form.name = "华南销售"
            self.assertEqual(form.pool_daily_claim_limit, 0)
            self.assertEqual(form.pool_daily_claim_limit_effective, 20)
            form.pool_daily_claim_limit = 5
            self.assertEqual(form.pool_daily_claim_limit_effective, 5)
        self.assertEqual(self.team.pool_open_lead_limit_effective, 3)
        self.assertEqual(self.team.pool_reclaim_days_effective, company.pool_reclaim_days)

    def test_pool_filters(self):
        leads = self._pool_leads(2)
        self.team.member_ids = [Command.unlink(self.user_other.id)]
        mine_before = leads[0]
        mine_before.with_user(self.user_sales).action_claim()
        mine_before.with_user(self.user_sales)._pool_release("客户暂无预算")
        search = self.env.ref("crm_full.crm_lead_view_search_pool")
        self.assertEqual(self.env.ref("crm_full.crm_lead_action_pool").search_view_id, search)
        filters = {
            node.get("name"): node.get("domain")
            for node in etree.fromstring(search.arch).iter("filter")
            if node.get("domain")
        }
        self.assertEqual(filters["previously_mine"], "[('previous_user_id', '=', uid)]")
        Lead = self.env["crm.lead"].with_user(self.user_sales)
        pool = [("in_pool", "=", True), ("id", "in", leads.ids)]
        self.assertEqual(
            Lead.search([*pool, ("previous_user_id", "=", self.user_sales.id)]), mine_before
        )
        self.assertEqual(
            Lead.search([*pool, ("team_id.member_ids", "in", [self.user_sales.id])]), leads
        )
        self.assertEqual(
            Lead.with_user(self.user_other).search(
                [*pool, ("team_id.member_ids", "in", [self.user_other.id])]
            ),
            Lead.browse(),
        )
