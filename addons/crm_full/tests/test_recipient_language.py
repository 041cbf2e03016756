# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Cron reminders in the recipient's language (issue 14): they were English for
a salesperson working in Chinese, because crons run as OdooBot."""

from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common_order import CrmFullOrderCommon

START = datetime(2026, 11, 2, 9, 0)


def load_zh(env):
    env["res.lang"]._activate_lang("zh_CN")
    env["ir.module.module"]._load_module_terms(["crm_full"], ["zh_CN"], overwrite=True)


@tagged("crm_full_recipient_language")
class TestRecipientLanguage(CrmFullOrderCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_zh(cls.env)
        cls.env.company.pool_new_leads = True  # the reclaim runs where the pool is on
        cls.template = cls.env["crm.payment.plan.template"].create(
            {
                "name": "30/70",
                "line_ids": [
                    Command.create({"sequence": 1, "name": "Deposit", "percentage": 30}),
                    Command.create({"sequence": 2, "name": "Rest", "percentage": 70, "days": 30}),
                ],
            }
        )
        cls.sales_en = new_test_user(
            cls.env, "cf_sales_en", groups="crm_full.crm_full_group_user", lang="en_US"
        )
        cls.user_sales.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})

    def _lead(self, user):
        with freeze_time(START), patch.object(self.env.cr, "now", lambda: START):
            lead = self.env["crm.lead"].create(
                {"name": "Reclaim me", "partner_id": self.contact.id, "user_id": user.id}
            )
            lead.flush_recordset()
        return lead

    def test_reclaim_warning_in_owner_language(self):
        zh, en = self._lead(self.user_sales), self._lead(self.sales_en)
        with freeze_time(START + timedelta(days=5, hours=1)):
            self.env["crm.lead"]._cron_pool_reclaim()
        self.assertEqual(zh.activity_ids.summary, "请及时跟进，否则将失去该线索")
        self.assertEqual(en.activity_ids.summary, "Follow up or lose the lead")

    def test_overdue_payment_in_salesperson_language(self):
        with freeze_time("2030-03-01 09:00:00"):
            order = self._new_order(1000.0, payment_plan_template_id=self.template.id)
            order.action_confirm()
            order.action_generate_payment_plan()
        with freeze_time("2030-03-05 08:00:00"):
            self.env["crm.payment.plan"]._cron_remind_overdue()
        todo = order.activity_ids.filtered(lambda a: a.user_id == self.user_sales)
        self.assertIn("回款逾期", todo.summary)
        self.assertNotIn("Overdue", todo.summary)
