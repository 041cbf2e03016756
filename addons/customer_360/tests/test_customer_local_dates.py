# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Care days, report months and CLV days on the company's calendar (issue 15).

At 01:30 on 1 December 2026 in Shanghai it is 17:30 UTC on 30 November."""

from datetime import date

from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon

from .test_customer_health import HealthCommon

SHANGHAI_0130 = "2026-11-30 17:30:00"


@tagged("post_install", "-at_install", "customer_360", "customer_360_care")
class TestCustomerLocalDates(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "上海客户关怀"})
        cls.company.partner_id.tz = "Asia/Shanghai"
        cls.env.user.company_ids |= cls.company
        cls.owner = new_test_user(
            cls.env, "local_owner", groups="sales_team.group_sale_salesman", tz="Asia/Shanghai"
        )
        Partner = cls.env["res.partner"]
        cls.account = Partner.create(
            {"name": "Lotus Trading", "is_company": True, "user_id": cls.owner.id}
        )
        cls.contact = Partner.create(
            {"name": "Li Na", "parent_id": cls.account.id, "birthday": date(1990, 12, 1)}
        )
        cls.product = cls.env["product.product"].create({"name": "Local widget"})

    def _order(self, partner, moment):
        return self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "company_id": self.company.id,
                "date_order": moment,
                "state": "sale",
                "order_line": [(0, 0, {"product_id": self.product.id, "price_unit": 100})],
            }
        )

    def test_birthday_rule_fires_on_the_local_birthday(self):
        rule = self.env["customer.care.rule"].create(
            {
                "name": "Birthday",
                "trigger": "birthday",
                "company_id": self.company.id,
                "partner_domain": f"[('id', '=', {self.contact.id})]",
                "user_id": self.env.user.id,
            }
        )
        with freeze_time("2026-11-30 15:30:00"):  # 23:30 on 30 November in Shanghai
            self.assertFalse(rule._run())
        with freeze_time(SHANGHAI_0130):
            logs = rule._run()
        self.assertEqual(logs.partner_id, self.contact)
        self.assertEqual(logs.occurrence_date, date(2026, 12, 1))

    def test_repurchase_report_puts_the_order_in_december(self):
        self._order(self.account, "2026-11-30 17:30:00")
        rows = self.env["customer.repurchase.report"].search(
            [("company_id", "=", self.company.id), ("period_type", "=", "month")]
        )
        self.assertEqual(rows.mapped("period_start"), [date(2026, 12, 1)])

    def test_clv_days_are_local(self):
        self._order(self.account, "2026-11-20 03:00:00")
        self._order(self.account, SHANGHAI_0130)
        with freeze_time("2026-11-30 18:00:00"):  # 02:00 on 1 December in Shanghai
            self.env["res.partner"]._cron_compute_clv(self.company)
        self.assertEqual(self.account.clv_last_order_date, date(2026, 12, 1))
        self.assertEqual(self.account.rfm_recency_days, 0, "ordered today, local time")


@tagged("post_install", "-at_install", "customer_360", "customer_360_health")
class TestHealthWeekLocal(HealthCommon):
    def test_snapshot_week_starts_on_the_local_monday(self):
        self.env.company.partner_id.tz = "Asia/Shanghai"
        partner = self._customer("Monday Early Ltd", health_csm_sentiment="good")
        with freeze_time("2026-03-01 17:30:00"):  # Monday 2 March, 01:30 in Shanghai
            partner._health_recompute()
        self.assertEqual(partner.health_snapshot_ids.mapped("date"), [date(2026, 3, 2)])
