# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, timedelta
from unittest.mock import patch

from odoo.tests import freeze_time, tagged

from .common import CrmFullCommon

START = datetime(2026, 11, 2, 9, 0)


@tagged("crm_full_followup")
class TestFollowupAndReclaim(CrmFullCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.pool_new_leads = True  # the reclaim runs where the pool is on

    def _claimed_lead(self):
        with freeze_time(START), patch.object(self.env.cr, "now", lambda: START):
            lead = self.env["crm.lead"].create(
                {"name": "Reclaim me", "partner_id": self.contact.id, "user_id": self.user_sales.id}
            )
            lead.flush_recordset()  # stored computes (date_open) run now, inside the frozen time
        return lead

    def test_followup_feeds_dates_next_step_and_lifecycle(self):
        lead = self.env["crm.lead"].create(
            {"name": "MES", "type": "lead", "partner_id": self.contact.id}
        )
        followup = self.env["crm.followup"].create(
            {
                "lead_id": lead.id,
                "channel": "visit",
                "date": START,
                "summary": "现场拜访，客户关心交付周期",
                "next_step": "发送报价",
                "next_date": date(2026, 11, 5),
                "user_id": self.user_sales.id,
            }
        )
        self.assertEqual(followup.partner_id, self.company_partner)
        self.assertEqual(lead.last_followup_date, START)
        self.assertEqual(self.company_partner.last_followup_date, START)
        self.assertEqual(self.company_partner.lifecycle_stage_id.code, "engaged")
        move = self.company_partner.lifecycle_history_ids.sorted("id")[-1]
        self.assertEqual(move.cause, followup, "the follow-up is the recorded cause")
        activity = lead.activity_ids.filtered(lambda activity: activity.summary == "发送报价")
        self.assertEqual(
            (activity.user_id, activity.date_deadline), (self.user_sales, date(2026, 11, 5))
        )

    def test_owner_warned_once_then_lead_returns_to_pool(self):
        lead = self._claimed_lead()
        self.assertEqual(lead.pool_reclaim_date, START + timedelta(days=7))
        Lead = self.env["crm.lead"]
        with freeze_time(START + timedelta(days=5, hours=1)):
            Lead._cron_pool_reclaim()
            Lead._cron_pool_reclaim()
            self.assertEqual(lead.pool_days_to_reclaim, 1)
        warnings = lead.activity_ids.filtered(lambda activity: activity.user_id == self.user_sales)
        self.assertEqual(len(warnings), 1, "warned once however often the cron runs")
        with freeze_time(START + timedelta(days=7, hours=1)):
            self.assertIn(lead, Lead._cron_pool_reclaim())
        self.assertTrue(lead.in_pool)
        self.assertFalse(lead.user_id)
        self.assertEqual(lead.previous_user_id, self.user_sales)
        self.assertEqual(lead.pool_log_ids.sorted("id")[-1].action, "release")

    def test_followup_resets_the_reclaim_clock(self):
        lead = self._claimed_lead()
        self.env["crm.followup"].create(
            {"lead_id": lead.id, "date": START + timedelta(days=6), "summary": "电话跟进"}
        )
        self.assertEqual(lead.pool_reclaim_date, START + timedelta(days=13))
        with freeze_time(START + timedelta(days=8)):
            self.assertNotIn(lead, self.env["crm.lead"]._cron_pool_reclaim())
        self.assertFalse(lead.in_pool)

    def test_won_leads_are_exempt(self):
        lead = self._claimed_lead()
        lead.action_set_won()
        self.assertFalse(lead.pool_reclaim_date)
        with freeze_time(START + timedelta(days=30)):
            self.assertNotIn(lead, self.env["crm.lead"]._cron_pool_reclaim())
        self.assertEqual(lead.user_id, self.user_sales)
