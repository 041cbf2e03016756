# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The demo database tells a Chinese company's story with a year of history.

Runs where the four addons were installed with their demo data (skipped without):
a demo in USD, on Brussels hours, with Odoo's English leads in the pool or all its
history dated today is what this test refuses."""

import unittest
from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged

PERSONAS = (
    "crm_full.user_zhangwei_demo",
    "crm_full.user_liuyang_demo",
    "crm_full.user_zhaomin_demo",
    "service_desk.user_sunlei_demo",
    "service_desk.user_zhouting_demo",
)
# A year of history, whatever day the demo is installed.
HISTORY_DAYS = 300


@tagged("post_install", "-at_install", "customer_360")
class TestDemoData(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env["ir.module.module"]._get("customer_360").demo:
            raise unittest.SkipTest("installed without demo data")
        cls.company = cls.env.ref("base.main_company")
        cls.today = fields.Date.today()

    def test_company_is_chinese(self):
        self.assertEqual(self.company.currency_id, self.env.ref("base.CNY"))
        self.assertEqual(self.company.country_id, self.env.ref("base.cn"))
        self.assertIn("有限公司", self.company.name)
        tax = self.company.account_sale_tax_id
        self.assertEqual((tax.amount_type, tax.amount, tax.type_tax_use), ("percent", 13, "sale"))
        # what a new order line gets, not only the setting
        product = self.env["product.product"].create({"name": "Demo check", "type": "consu"})
        self.assertEqual(product.taxes_id, tax)

    def test_people_work_on_beijing_time_in_chinese(self):
        users = self.env.ref("base.user_admin") | self.env.ref("base.user_demo")
        personas = self.env["res.users"].browse(self.env.ref(xmlid).id for xmlid in PERSONAS)
        self.assertEqual(set((users | personas).mapped("tz")), {"Asia/Shanghai"})
        self.assertEqual(set(personas.mapped("lang")), {"zh_CN"})
        self.assertEqual(self.env.ref("base.user_admin").lang, "en_US")
        calendars = self.env["service.desk.team"].search([]).resource_calendar_id
        self.assertEqual(
            set((calendars | self.company.resource_calendar_id).mapped("tz")), {"Asia/Shanghai"}
        )

    def test_business_hours_know_this_years_public_holidays(self):
        calendar = self.company.resource_calendar_id
        year = fields.Date.today().year
        loaded = calendar.leave_ids.filtered(lambda leave: leave.cn_holiday_year == year)
        self.assertTrue(loaded, "the demo loads the Chinese public holidays")
        self.assertFalse(calendar.sd_holiday_alert)

    def test_both_languages_installed(self):
        self.assertEqual(
            set(self.env["res.lang"].search([]).mapped("code")) & {"en_US", "zh_CN"},
            {"en_US", "zh_CN"},
        )
        # terms of the modules installed before the demo's own, too
        stage = self.env.ref("crm.stage_lead1")
        self.assertNotEqual(
            stage.with_context(lang="zh_CN").name, stage.with_context(lang="en_US").name
        )

    def test_pool_holds_our_chinese_leads_only(self):
        pool = self.env["crm.lead"].search([("in_pool", "=", True)])
        self.assertGreaterEqual(len(pool), 3)
        xmlids = pool.get_external_id()
        for lead in pool:
            self.assertTrue(xmlids[lead.id].startswith("crm_full."), lead.name)
        self.assertFalse(pool.team_id - self.env.ref("crm_full.team_east_china_demo"))

    def _assert_spans_a_year(self, label, dates):
        dates = [fields.Date.to_date(date) for date in dates if date]
        self.assertTrue(dates, f"no {label}")
        self.assertLessEqual(min(dates), self.today - timedelta(days=HISTORY_DAYS), label)
        self.assertGreaterEqual(max(dates), self.today - timedelta(days=60), label)
        self.assertGreaterEqual(len({(d.year, d.month) for d in dates}), 6, f"{label}: months")

    def test_history_spans_a_year(self):
        ours = self.env["res.partner"].search(
            [("id", "child_of", self.env.ref("crm_full.partner_qiming_demo").ids)]
        ) | self.env["res.partner"].search(
            [("country_id.code", "=", "CN"), ("is_company", "=", True)]
        )
        env = self.env
        self._assert_spans_a_year(
            "lifecycle history",
            env["crm.lifecycle.history"].search([("partner_id", "in", ours.ids)]).mapped("date"),
        )
        self._assert_spans_a_year("follow-ups", env["crm.followup"].search([]).mapped("date"))
        self._assert_spans_a_year(
            "won deals",
            env["crm.lead"]
            .search([("stage_id.is_won", "=", True), ("partner_id", "in", ours.ids)])
            .mapped("date_closed"),
        )
        self._assert_spans_a_year(
            "confirmed orders",
            env["sale.order"]
            .search([("state", "=", "sale"), ("partner_id", "in", ours.ids)])
            .mapped("date_order"),
        )
        invoices = env["account.move"].search(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("partner_id", "in", ours.ids),
            ]
        )
        self._assert_spans_a_year("invoices", invoices.mapped("invoice_date"))
        self._assert_spans_a_year(
            "payments",
            env["account.payment"].search([("partner_id", "in", ours.ids)]).mapped("date"),
        )
        tickets = env["service.desk.ticket"].search([])
        self._assert_spans_a_year("tickets", tickets.mapped("create_date"))
        self._assert_spans_a_year(
            "SLA events", env["service.desk.sla.event"].search([]).mapped("date")
        )
        self._assert_spans_a_year(
            "ratings",
            env["rating.rating"]
            .search([("res_model", "=", "service.desk.ticket"), ("consumed", "=", True)])
            .mapped("write_date"),
        )
        self._assert_spans_a_year(
            "NPS answers", env["customer.nps.response"].search([]).mapped("date_answered")
        )
        snapshots = env["customer.health.snapshot"].search([("partner_id", "in", ours.ids)])
        self._assert_spans_a_year("health snapshots", snapshots.mapped("date"))
        # one a week: a customer's line has no holes
        weeks = snapshots.filtered(
            lambda s: s.partner_id == self.env.ref("crm_full.partner_yunfan_demo")
        )
        self.assertGreaterEqual(len(weeks), 50)

    def test_a_renewal_is_coming_up(self):
        """云帆 renewed, 星河 lapsed, 启明's licence is due: 刘洋 has its renewal (issue 17)."""
        ref = self.env.ref
        self.assertEqual(
            ref("crm_full.sale_order_yunfan_support_2025_demo").renewal_state, "renewed"
        )
        self.assertEqual(ref("crm_full.sale_order_xinghe_licence_demo").renewal_state, "lost")
        due = ref("crm_full.sale_order_qiming_licence_demo")
        self.assertEqual(due.renewal_state, "due")
        self.assertEqual(due.renewal_lead_ids.user_id, ref("crm_full.user_liuyang_demo"))
        self.assertEqual(due.renewal_lead_ids.expected_revenue, due.amount_untaxed)
        self.assertIn("续约", due.renewal_lead_ids.name, "named in liuyang's language")
        self.assertEqual(ref("crm_full.partner_qiming_demo").next_renewal_date, due.contract_end)
