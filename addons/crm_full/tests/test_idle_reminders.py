# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager
from datetime import datetime, timedelta
from unittest.mock import patch

from odoo import Command
from odoo.tests import freeze_time, new_test_user, tagged

from .common import CrmFullCommon

T0 = datetime(2027, 3, 1, 9, 0)


@tagged("crm_full_followup")
class TestIdleReminders(CrmFullCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader = new_test_user(
            cls.env, "cf_idle_leader", groups="crm_full.crm_full_group_manager"
        )
        cls.team = cls.env["crm.team"].create(
            {
                "name": "华南销售",
                "user_id": cls.leader.id,
                "member_ids": [Command.link(cls.user_sales.id)],
                "pool_mode": "on",  # the reclaim delays apply where the pool is on
            }
        )
        cls.stage = cls.env["crm.stage"].create(
            {"name": "初步接触", "sequence": 1, "max_idle_days": 7}
        )

    @contextmanager
    def _at(self, when):
        with freeze_time(when), patch.object(self.env.cr, "now", lambda: when):
            yield
            self.env.flush_all()

    def _opportunity(self):
        with self._at(T0):
            return self.env["crm.lead"].create(
                {
                    "name": "MES 项目",
                    "type": "opportunity",
                    "partner_id": self.contact.id,
                    "user_id": self.user_sales.id,
                    "team_id": self.team.id,
                    "stage_id": self.stage.id,
                }
            )

    def _idle_cron(self):
        # Demo opportunities sit in the same stages: callers look at their own leads only.
        return self.env["crm.lead"]._cron_idle_opportunities()

    def _idle_activities(self, lead):
        return lead.activity_ids.filtered(lambda act: act.summary == "Idle opportunity: follow up")

    def _digests(self, user):
        return self.env["mail.message"].search(
            [
                ("message_type", "=", "user_notification"),
                ("subject", "ilike", "idle opportunities"),
                ("partner_ids", "in", user.partner_id.ids),
            ]
        )

    def test_eight_idle_days_remind_salesperson_and_leader_once(self):
        lead = self._opportunity()
        with self._at(T0 + timedelta(days=6)):
            self.assertFalse(self._idle_cron() & lead)
        with self._at(T0 + timedelta(days=8)):
            self.assertEqual(self._idle_cron() & lead, lead)
        with self._at(T0 + timedelta(days=8, hours=1)):
            self.assertFalse(self._idle_cron() & lead, "once per spell")
        activity = self._idle_activities(lead)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_sales)
        self.assertEqual(len(self._digests(self.leader)), 1)
        self.assertEqual(len(self._digests(self.user_sales)), 1)

        # A follow-up starts a new spell: silent for a week, then one more reminder.
        with self._at(T0 + timedelta(days=9)):
            self.env["crm.followup"].create({"lead_id": lead.id, "summary": "电话跟进"})
        with self._at(T0 + timedelta(days=12)):
            self.assertFalse(self._idle_cron() & lead)
        with self._at(T0 + timedelta(days=17)):
            self.assertEqual(self._idle_cron() & lead, lead)
        self.assertEqual(len(self._digests(self.leader)), 2)

    def test_one_digest_per_person_per_run(self):
        """Regression: the cron posted one message per idle opportunity to the team
        leader, and Odoo mailed the salesperson once per activity."""
        other = new_test_user(self.env, "cf_idle_other", groups="crm_full.crm_full_group_user")
        self.team.member_ids = self.user_sales | other
        with self._at(T0):
            leads = self.env["crm.lead"].create(
                [
                    {
                        "name": f"商机 {i}",
                        "type": "opportunity",
                        "user_id": user.id,
                        "team_id": self.team.id,
                        "stage_id": self.stage.id,
                    }
                    for i, user in enumerate([self.user_sales] * 12 + [other] * 2 + [self.leader])
                ]
            )
        Message = self.env["mail.message"]
        last_id = Message.search([], order="id desc", limit=1).id
        with self._at(T0 + timedelta(days=8)):
            self.assertEqual(self._idle_cron() & leads, leads)
            self.assertFalse(self._idle_cron() & leads, "once per idle spell")
        self.assertEqual(len(self._idle_activities(leads)), 15, "a to-do per opportunity")
        per_lead = Message.search(
            [("id", ">", last_id), ("model", "=", "crm.lead"), ("res_id", "in", leads.ids)]
        )
        self.assertFalse(per_lead, "no message (nor activity e-mail) per opportunity")
        recipients = (self.user_sales, other, self.leader)
        digests = {user: self._digests(user) for user in recipients}
        self.assertEqual([len(digests[user]) for user in recipients], [1, 1, 1])
        self.assertEqual(
            len(set().union(*(d.ids for d in digests.values()))), 3, "messages == recipients"
        )
        self.assertIn("12 idle", digests[self.user_sales].subject)
        self.assertIn("and 2 more", str(digests[self.user_sales].body), "10 named, 2 counted")
        leader_body = str(digests[self.leader].body)
        self.assertEqual(digests[self.leader].subject, "15 idle opportunities need a follow-up")
        self.assertIn("Your opportunities", leader_body, "the leader's own one")
        self.assertIn("of your team", leader_body, "and the team's, in the same message")
        self.assertIn(self.user_sales.name, leader_body, "who holds each one")
        self.assertIn("and 4 more", leader_body, "10 of the team's 14 named")

    def test_queries_do_not_grow_with_the_leads(self):
        other = new_test_user(self.env, "cf_idle_q", groups="crm_full.crm_full_group_user")

        def run(count, start):
            with self._at(start):
                self.env["crm.lead"].create(
                    [
                        {
                            "name": f"商机 {i}",
                            "type": "opportunity",
                            "user_id": (self.user_sales, other)[i % 2].id,
                            "team_id": self.team.id,
                            "stage_id": self.stage.id,
                        }
                        for i in range(count)
                    ]
                )
            with self._at(start + timedelta(days=8)):
                self.env.invalidate_all()
                before = self.cr.sql_log_count
                handled = self._idle_cron()
                self.env.flush_all()
                return self.cr.sql_log_count - before, len(handled)

        run(2, T0)  # warm-up; demo opportunities are reminded here too
        (small, four), (large, forty) = (
            run(4, T0 + timedelta(days=20)),
            run(40, T0 + timedelta(days=40)),
        )
        self.assertEqual((four, forty), (4, 40))
        # Three digests (two salespeople, one leader) whatever the number of leads.
        self.assertLessEqual(large - small, 3, f"{small} queries for 4 leads, {large} for 40")

    def test_no_limit_won_or_plain_leads_are_left_alone(self):
        lead = self._opportunity()
        won = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        won.max_idle_days = 1
        with self._at(T0):
            other = self.env["crm.lead"].create(
                {
                    "name": "Won",
                    "type": "opportunity",
                    "user_id": self.user_sales.id,
                    "stage_id": won.id,
                }
            )
        self.stage.max_idle_days = 0
        with self._at(T0 + timedelta(days=30)):
            self.assertFalse(self._idle_cron() & (lead | other))
        self.assertFalse(self._idle_activities(lead) | self._idle_activities(other))

    def test_key_customer_reminded_after_three_days_once(self):
        with self._at(T0):
            key = self.env["res.partner"].create(
                {
                    "name": "重点客户有限公司",
                    "is_company": True,
                    "customer_level": "key",
                    "user_id": self.user_sales.id,
                }
            )
            normal = self.env["res.partner"].create(
                {"name": "普通客户有限公司", "is_company": True, "user_id": self.user_sales.id}
            )
        Partner = self.env["res.partner"]
        with self._at(T0 + timedelta(days=2)):
            self.assertFalse(Partner._cron_key_customer_reminders() & (key | normal))
        with self._at(T0 + timedelta(days=3, hours=1)):
            self.assertEqual(Partner._cron_key_customer_reminders() & (key | normal), key)
        with self._at(T0 + timedelta(days=4)):
            self.assertFalse(Partner._cron_key_customer_reminders() & key, "once per silence")
        self.assertEqual(key.activity_ids.user_id, self.user_sales)
        self.assertEqual(len(key.activity_ids), 1)
        self.assertFalse(normal.activity_ids)
        with self._at(T0 + timedelta(days=5)):
            self.env["crm.followup"].create({"partner_id": key.id, "summary": "拜访"})
        with self._at(T0 + timedelta(days=8, hours=1)):
            self.assertEqual(Partner._cron_key_customer_reminders() & key, key)
        self.assertEqual(len(key.activity_ids), 2)

    def test_reclaim_delay_by_priority_and_setting_change(self):
        with self._at(T0):
            hot, cold = self.env["crm.lead"].create(
                [
                    {
                        "name": f"线索 {p}",
                        "user_id": self.user_sales.id,
                        "team_id": self.team.id,
                        "priority": p,
                    }
                    for p in ("3", "0")
                ]
            )
        self.assertEqual(hot.pool_reclaim_date, hot.date_open + timedelta(days=7))
        self.team.pool_reclaim_delay_ids = [Command.create({"priority": "3", "days": 3})]
        self.assertEqual(hot.pool_reclaim_date, hot.date_open + timedelta(days=3))
        self.assertEqual(cold.pool_reclaim_date, cold.date_open + timedelta(days=7))
        self.team.pool_reclaim_days = 10
        self.assertEqual(cold.pool_reclaim_date, cold.date_open + timedelta(days=10))
        self.team.pool_reclaim_delay_ids.days = 2
        self.assertEqual(hot.pool_reclaim_date, hot.date_open + timedelta(days=2))
        cold.priority = "3"
        self.assertEqual(cold.pool_reclaim_date, cold.date_open + timedelta(days=2))
        with self._at(T0 + timedelta(days=2, hours=1)):
            reclaimed = self.env["crm.lead"]._cron_pool_reclaim() & (hot | cold)
        self.assertEqual(reclaimed, hot | cold)
        self.assertTrue(hot.in_pool)
