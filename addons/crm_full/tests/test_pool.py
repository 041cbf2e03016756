# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, freeze_time, new_test_user, tagged, users

from .common import CrmFullCommon


@tagged("crm_full_pool")
class TestPublicPool(CrmFullCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_other = new_test_user(cls.env, "cf_other", groups="crm_full.crm_full_group_user")
        cls.leader = new_test_user(cls.env, "cf_leader", groups="crm_full.crm_full_group_manager")
        cls.team = cls.env["crm.team"].create(
            {
                "name": "华东销售",
                "user_id": cls.leader.id,
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

    def test_unowned_new_leads_enter_the_pool(self):
        lead = self._pool_leads(1)
        owned = self.env["crm.lead"].create({"name": "Mine", "user_id": self.user_sales.id})
        self.assertTrue(lead.in_pool)
        self.assertTrue(lead.pool_date)
        self.assertEqual(lead.pool_log_ids.action, "enter")
        self.assertFalse(owned.in_pool)

    def test_pool_off_leaves_unowned_leads_to_odoo(self):
        self.env.company.pool_new_leads = False
        self.assertFalse(self._pool_leads(1).in_pool)

    @users("cf_sales")
    def test_claim_makes_the_lead_mine(self):
        lead = self._pool_leads(1).with_env(self.env)
        lead.action_claim()
        self.assertEqual(lead.user_id, self.user_sales)
        self.assertFalse(lead.in_pool)
        self.assertEqual(lead.pool_log_ids.sorted("id").mapped("action"), ["enter", "claim"])

    @users("cf_sales")
    def test_daily_claim_limit(self):
        first, second, third = self._pool_leads(3).with_env(self.env)
        first.action_claim()
        second.action_claim()
        with self.assertRaisesRegex(UserError, "2 leads a day"):
            third.action_claim()
        self.assertTrue(third.in_pool, "a refused claim changes nothing")

    def test_daily_limit_counts_the_salespersons_own_day(self):
        """A claim at 07:00 in Shanghai (23:00 UTC the day before) counts for the local day."""
        self.user_sales.tz = "Asia/Shanghai"
        leads = self._pool_leads(3)
        with freeze_time("2026-11-02 23:00:00"):  # 07:00 on 3 November in Shanghai
            leads[0]._pool_claim(self.user_sales)
        with freeze_time("2026-11-03 02:00:00"):  # 10:00 the same local day
            leads[1]._pool_claim(self.user_sales)
            with self.assertRaisesRegex(UserError, "2 leads a day"):
                leads[2]._pool_claim(self.user_sales)
        with freeze_time("2026-11-03 16:30:00"):  # 00:30 on 4 November in Shanghai
            leads[2]._pool_claim(self.user_sales)
        self.assertEqual(leads[2].user_id, self.user_sales)

    @users("cf_sales")
    def test_open_lead_limit(self):
        self.env["crm.lead"].sudo().create(
            [{"name": f"Held {i}", "user_id": self.user_sales.id} for i in range(3)]
        )
        lead = self._pool_leads(1).with_env(self.env)
        with self.assertRaisesRegex(UserError, "already hold 3 open leads"):
            lead.action_claim()
        self.assertFalse(lead.user_id)

    @users("cf_sales")
    def test_salesperson_cannot_bypass_claim_by_writing_the_owner(self):
        lead = self._pool_leads(1).with_env(self.env)
        with self.assertRaisesRegex(UserError, "Claim button"):
            lead.user_id = self.user_sales
        self.assertTrue(lead.in_pool)

    def test_release_needs_a_reason_and_blocks_reclaim_during_cooldown(self):
        lead = self._pool_leads(1)
        lead.with_user(self.user_sales)._pool_claim(self.user_sales)
        with self.assertRaisesRegex(UserError, "Say why"):
            lead.with_user(self.user_sales)._pool_release("  ")
        wizard = Form(
            self.env["crm.pool.release"]
            .with_user(self.user_sales)
            .with_context(default_lead_ids=lead.ids)
        )
        wizard.reason = "客户暂无预算"
        wizard.save().action_confirm()
        self.assertTrue(lead.in_pool)
        self.assertEqual(lead.previous_user_id, self.user_sales)
        self.assertEqual(lead.release_reason, "客户暂无预算")
        with self.assertRaisesRegex(UserError, "released"):
            lead.with_user(self.user_sales).action_claim()
        lead.with_user(self.user_other).action_claim()
        self.assertEqual(lead.user_id, self.user_other)

    def test_only_the_owner_releases(self):
        lead = self._pool_leads(1)
        lead._pool_claim(self.user_sales)
        with self.assertRaisesRegex(UserError, "Only the salesperson"):
            lead.with_user(self.user_other)._pool_release("not mine")

    def test_claimed_twice_is_refused(self):
        lead = self._pool_leads(1)
        lead._pool_claim(self.user_sales)
        with self.assertRaisesRegex(UserError, "no longer in the public pool"):
            lead.with_user(self.user_other).action_claim()

    def test_pooled_leads_stay_out_of_odoo_round_robin(self):
        domain = self.team._get_lead_to_assign_domain()
        pooled = self._pool_leads(1)
        self.assertNotIn(pooled, self.env["crm.lead"].search(domain))

    def test_leader_reminded_once_after_the_unclaimed_delay(self):
        start = datetime(2026, 11, 2, 9, 0)
        with freeze_time(start), patch.object(self.env.cr, "now", lambda: start):
            lead = self._pool_leads(1)
        Lead = self.env["crm.lead"]
        with freeze_time(start + timedelta(hours=23)):
            self.assertFalse(Lead._cron_pool_remind_leaders())
        with freeze_time(start + timedelta(hours=25)):
            self.assertEqual(Lead._cron_pool_remind_leaders(), lead)
            Lead._cron_pool_remind_leaders()
        activities = lead.activity_ids.filtered(lambda activity: activity.user_id == self.leader)
        self.assertEqual(len(activities), 1, "one reminder however often the cron runs")
