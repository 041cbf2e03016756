# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Dates on the company's or the user's calendar, not UTC's (issue 15).

Everything happens at 01:30 in Shanghai, which is 17:30 UTC the day before."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from ..tools import local_dates
from .common_accounting import ensure_chart_of_accounts
from .common_order import CrmFullOrderCommon

SHANGHAI_0130 = "2026-11-30 17:30:00"  # UTC of 1 December 2026, 01:30 in Shanghai


@tagged("crm_full_payment_plan", "crm_full_local_dates")
class TestLocalDates(CrmFullOrderCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ensure_chart_of_accounts(cls.env)
        cls.env.company.partner_id.tz = "Asia/Shanghai"
        cls.user_sales.tz = "Asia/Shanghai"
        cls.template = cls.env["crm.payment.plan.template"].create(
            {
                "name": "Deposit now, rest in 30 days",
                "line_ids": [
                    Command.create({"sequence": 1, "name": "Deposit", "percentage": 30}),
                    Command.create({"sequence": 2, "name": "Rest", "percentage": 70, "days": 30}),
                ],
            }
        )

    def test_company_time_zone_rule(self):
        company = self.env.company
        self.assertEqual(local_dates.company_tz(company).zone, "Asia/Shanghai")
        company.partner_id.tz = False
        admin = self.env.ref("base.user_admin")
        admin.tz = "Europe/Paris"
        self.assertEqual(local_dates.company_tz(company).zone, "Europe/Paris")
        admin.tz = False
        self.assertEqual(local_dates.company_tz(company).zone, "UTC")

    def test_plan_of_a_quotation_at_0130_is_due_today_not_overdue(self):
        with freeze_time(SHANGHAI_0130):
            order = self._new_order(1000.0, payment_plan_template_id=self.template.id)
            order.action_generate_payment_plan()
            plan = order.payment_plan_ids
            self.assertEqual(plan.mapped("due_date"), [date(2026, 12, 1), date(2026, 12, 31)])
            self.assertEqual(set(plan.mapped("state")), {"planned"})
            # the reminder cron agrees, whoever runs it
            self.env["crm.payment.plan"].sudo()._cron_remind_overdue()
            self.assertEqual(set(plan.mapped("state")), {"planned"})
        with freeze_time("2026-12-01 16:30:00"):  # 00:30 on 2 December in Shanghai
            self.env["crm.payment.plan"].sudo()._cron_remind_overdue()
            self.assertEqual(plan.mapped("state"), ["overdue", "planned"])

    def test_december_target_and_report_take_an_order_of_1_december_0130(self):
        target = self.env["crm.sales.target"].create(
            {
                "user_id": self.user_sales.id,
                "period_type": "month",
                "date_from": date(2026, 12, 1),
                "target_amount_won": 1000,
            }
        )
        lead = self.env["crm.lead"].create(
            {
                "name": "Won at 01:30",
                "type": "opportunity",
                "user_id": self.user_sales.id,
                "expected_revenue": 500,
            }
        )
        with freeze_time(SHANGHAI_0130):
            lead.action_set_won()
            order = self._new_order(
                800.0, partner_id=self.env["res.partner"].create({"name": "First-time buyer"}).id
            )
            order.action_confirm()
        self.assertEqual(order.date_order, datetime(2026, 11, 30, 17, 30))
        self.env.invalidate_all()
        self.assertEqual(target.amount_won, 500)
        Report = self.env["crm.report.leaderboard"]
        rows = Report._read_group(
            [("user_id", "=", self.user_sales.id), ("company_id", "=", self.env.company.id)],
            ["date:month"],
            ["won_amount:sum", "new_customer_count:sum"],
        )
        by_month = {month: (won, new) for month, won, new in rows}
        self.assertEqual(by_month.get(date(2026, 12, 1)), (500, 1))
        self.assertNotIn(date(2026, 11, 1), by_month)
