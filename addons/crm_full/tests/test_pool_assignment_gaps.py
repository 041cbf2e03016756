# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta
from unittest.mock import patch

from odoo.tests import freeze_time, new_test_user, tagged

from ..tools.assignment import distribute
from .test_assignment import AssignmentCommon

T0 = datetime(2026, 11, 2, 9, 0)


@tagged("crm_full_assignment")
class TestPoolAssignmentGaps(AssignmentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner = new_test_user(cls.env, "cf_gap_owner", groups="crm_full.crm_full_group_user")

    def _pool_lead(self, **vals):
        """A lead created while no rule is active: it waits in the pool."""
        lead = self.env["crm.lead"].create(
            {"name": "公海线索", "type": "lead", "state_id": self.zhejiang.id, **vals}
        )
        self.assertTrue(lead.in_pool)
        return lead

    def test_distribute_skips_barred_members(self):
        given, _last = distribute([1, 2], [10, 11], {}, "round_robin", excluded={1: {10}})
        self.assertEqual(given, {1: 11, 2: 10})
        given, _last = distribute([1, 2], [10], {}, "round_robin", excluded={1: {10}})
        self.assertEqual(given, {2: 10}, "a lead only its releaser could take falls through")
        given, _last = distribute([1, 2], [10, 11], {10: 0, 11: 3}, "balanced", excluded={1: {10}})
        self.assertEqual(given, {1: 11, 2: 10})

    def test_cron_does_not_hand_a_lead_back_during_cooldown(self):
        with freeze_time(T0):
            lead = self._pool_lead()
            lead._pool_claim(self.sales[0])
            lead._pool_release("客户暂不需要")
            rule = self._rule("浙江", [("state_id", "=", self.zhejiang.id)], self.sales[:1])
            self.env["crm.lead"]._cron_assignment_pool()
        self.assertTrue(lead.in_pool, "its only member released it: it waits in the pool")
        self.assertFalse(lead.user_id)
        rule.member_ids = self.sales[0] | self.sales[1]
        with freeze_time(T0 + timedelta(days=1)):
            self.env["crm.lead"]._cron_assignment_pool()
        self.assertEqual(lead.user_id, self.sales[1], "another member gets it")
        with freeze_time(T0 + timedelta(days=2)):
            lead._pool_release("再放回公海")
        rule.member_ids = self.sales[1]
        with freeze_time(T0 + timedelta(days=4)):
            self.env["crm.lead"]._cron_assignment_pool()
            self.assertTrue(lead.in_pool, "released again today: cooldown again")
        with freeze_time(T0 + timedelta(days=9)):
            self.env["crm.lead"]._cron_assignment_pool()
        self.assertEqual(lead.user_id, self.sales[1], "after the cooldown, back to the rules")

    def test_new_duplicate_goes_to_the_owner_of_its_original(self):
        original = self.env["crm.lead"].create(
            {"name": "原线索", "mobile": "13700000077", "user_id": self.owner.id}
        )
        self._rule("浙江", [("state_id", "=", self.zhejiang.id)], self.sales)
        dup, other = self.env["crm.lead"].create(
            [
                {"name": "撞单", "phone": "+86 137 0000 0077", "state_id": self.zhejiang.id},
                {"name": "新客户", "state_id": self.zhejiang.id},
            ]
        )
        self.assertEqual(dup.duplicate_of_id, original)
        self.assertEqual(dup.user_id, self.owner, "not a rule member: the original's owner")
        self.assertFalse(dup.assignment_rule_id)
        self.assertFalse(dup.in_pool)
        self.assertIn(other.user_id, self.sales, "other leads still follow the rules")

    def test_pooled_duplicate_goes_to_owner_or_waits_for_them(self):
        self.env["crm.lead"].create(
            {"name": "原线索", "email_from": "buyer@example.com", "user_id": self.owner.id}
        )
        with freeze_time(T0):
            dup = self._pool_lead(email_from="Buyer@Example.com")
            released = self._pool_lead(email_from="buyer@example.com")
            released._pool_claim(self.owner)
            released._pool_release("稍后再跟")
            self._rule("浙江", [("state_id", "=", self.zhejiang.id)], self.sales)
            self.env["crm.lead"]._cron_assignment_pool()
        self.assertEqual(dup.user_id, self.owner)
        self.assertEqual(dup.pool_log_ids.sorted("id")[-1].action, "assign")
        self.assertTrue(released.in_pool, "its owner released it lately: it waits for them")
        self.assertFalse(released.user_id, "and no other salesperson gets it")


@tagged("crm_full_followup")
class TestReclaimWarningRearms(AssignmentCommon):
    def test_followup_that_moves_the_reclaim_date_rearms_the_warning(self):
        with freeze_time(T0), patch.object(self.env.cr, "now", lambda: T0):
            lead = self.env["crm.lead"].create({"name": "跟进", "user_id": self.sales[0].id})
            lead.flush_recordset()
        Lead = self.env["crm.lead"]
        with freeze_time(T0 + timedelta(days=5, hours=1)):
            Lead._cron_pool_reclaim()
        self.assertTrue(lead.pool_reclaim_warned)
        self.env["crm.followup"].create(
            {
                "lead_id": lead.id,
                "date": T0 + timedelta(days=6),
                "summary": "电话跟进",
                "user_id": self.sales[0].id,
            }
        )
        self.assertEqual(lead.pool_reclaim_date, T0 + timedelta(days=13))
        self.assertFalse(lead.pool_reclaim_warned, "a new reclaim date, a new warning")
        with freeze_time(T0 + timedelta(days=11, hours=1)):
            Lead._cron_pool_reclaim()
            Lead._cron_pool_reclaim()
        warnings = lead.activity_ids.filtered(lambda act: act.user_id == self.sales[0])
        self.assertEqual(len(warnings), 2, "once per reclaim date")
        self.assertEqual(warnings.sorted("id")[-1].date_deadline, (T0 + timedelta(days=13)).date())
        self.assertFalse(lead.in_pool)

    def test_reminders_are_one_digest_per_person(self):
        leader = self.sales[2]
        self.team.user_id = leader
        with freeze_time(T0):
            leads = self.env["crm.lead"].create(
                [{"name": f"公海 {i}", "team_id": self.team.id} for i in range(3)]
            )
        with freeze_time(T0 + timedelta(hours=25)):
            self.assertEqual(self.env["crm.lead"]._cron_pool_remind_leaders() & leads, leads)
            self.assertFalse(self.env["crm.lead"]._cron_pool_remind_leaders() & leads)
        self.assertEqual(len(leads.activity_ids.filtered(lambda a: a.user_id == leader)), 3)
        digests = self.env["mail.message"].search(
            [("partner_ids", "in", leader.partner_id.ids), ("subject", "ilike", "pool leads")]
        )
        self.assertEqual(len(digests), 1, "one digest for the three leads")
        self.assertIn("3", digests.subject)
