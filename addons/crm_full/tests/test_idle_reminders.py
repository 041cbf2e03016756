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

    def _leader_messages(self, lead):
        return lead.message_ids.filtered(lambda msg: self.leader.partner_id in msg.partner_ids)

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
        self.assertEqual(len(self._leader_messages(lead)), 1)

        # A follow-up starts a new spell: silent for a week, then one more reminder.
        with self._at(T0 + timedelta(days=9)):
            self.env["crm.followup"].create({"lead_id": lead.id, "summary": "电话跟进"})
        with self._at(T0 + timedelta(days=12)):
            self.assertFalse(self._idle_cron() & lead)
        with self._at(T0 + timedelta(days=17)):
            self.assertEqual(self._idle_cron() & lead, lead)
        self.assertEqual(len(self._leader_messages(lead)), 2)

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
