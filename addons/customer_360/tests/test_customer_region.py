# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 17 part 6: customers, revenue, pipeline, tickets and health by province."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon

SALES = "sales_team.group_sale_salesman,customer_360.customer_360_group_user"


@tagged("post_install", "-at_install", "customer_360")
class TestCustomerRegionReport(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales_a = new_test_user(cls.env, "c360_region_a", groups=SALES)
        cls.sales_b = new_test_user(cls.env, "c360_region_b", groups=SALES)
        cls.manager = new_test_user(
            cls.env, "c360_region_mgr", groups="customer_360.customer_360_group_manager"
        )
        Partner = cls.env["res.partner"]
        cls.zhejiang = cls.env.ref("base.state_cn_ZJ")
        cls.guangdong = cls.env.ref("base.state_cn_GD")
        cls.hz, cls.sz, cls.nowhere = Partner.create(
            [
                {
                    "name": "杭州测试科技",
                    "is_company": True,
                    "state_id": cls.zhejiang.id,
                    "city": "杭州",
                    "user_id": cls.sales_a.id,
                },
                {
                    "name": "深圳测试电子",
                    "is_company": True,
                    "state_id": cls.guangdong.id,
                    "city": "深圳",
                    "user_id": cls.sales_b.id,
                },
                {"name": "无地址客户", "is_company": True, "user_id": cls.sales_a.id},
            ]
        )
        contact = Partner.create({"name": "王芳", "parent_id": cls.hz.id})
        Lead = cls.env["crm.lead"]
        won_stage = cls.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        Lead.create(
            [
                {"name": "扩容", "type": "opportunity", "partner_id": contact.id,
                 "expected_revenue": 50000},
                {"name": "已赢", "type": "opportunity", "partner_id": cls.hz.id,
                 "expected_revenue": 9000, "stage_id": won_stage.id},
                {"name": "已丢", "type": "opportunity", "partner_id": cls.hz.id,
                 "expected_revenue": 7000, "active": False},
                {"name": "线索", "type": "lead", "partner_id": cls.nowhere.id},
            ]
        )  # fmt: skip
        cls._invoice(contact, 1200)
        cls._invoice(cls.hz, 300, move_type="out_refund")
        solved = cls.env["service.desk.stage"].search([("is_done", "=", True)], limit=1)
        cls.env["service.desk.ticket"].create(
            [
                {"name": "断网", "partner_id": cls.sz.id},
                {"name": "卡纸", "partner_id": cls.sz.id},
                {"name": "已解决", "partner_id": cls.sz.id, "stage_id": solved.id},
            ]
        )
        cls.hz.sudo().write({"health_score": 80, "health_state": "green"})
        cls.sz.sudo().write({"health_score": 40, "health_state": "red"})
        cls.nowhere.sudo().write({"health_score": 0, "health_state": "unknown"})
        cls.customers = cls.hz | cls.sz | cls.nowhere

    @classmethod
    def _invoice(cls, partner, amount, move_type="out_invoice"):
        move = cls.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "invoice_date": "2026-03-01",
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Service", "quantity": 1, "price_unit": amount, "tax_ids": []}
                    )
                ],
            }
        )
        move.action_post()

    def _rows(self, user=None):
        Report = self.env["customer.region.report"]
        if user:
            Report = Report.with_user(user)
        return Report.search([("partner_id", "in", self.customers.ids)])

    def test_figures_per_customer(self):
        rows = {row.partner_id: row for row in self._rows()}
        self.assertEqual(set(rows), set(self.customers))
        hz, sz, nowhere = rows[self.hz], rows[self.sz], rows[self.nowhere]
        self.assertEqual((hz.state_id, hz.city), (self.zhejiang, "杭州"))
        self.assertEqual(hz.revenue, 900.0, "invoice less refund, untaxed")
        self.assertEqual(hz.pipeline, 50000.0, "open opportunities only")
        self.assertEqual(sz.open_ticket_count, 2, "solved tickets are not open")
        self.assertEqual((hz.health_score, sz.health_score), (80.0, 40.0))
        self.assertFalse(nowhere.state_id)
        self.assertFalse(nowhere.health_score, "no score yet is not a score of 0")

    def test_by_province_sorted_as_the_graph(self):
        groups = self.env["customer.region.report"]._read_group(
            [("partner_id", "in", self.customers.ids)],
            ["state_id"],
            ["customer_count:sum", "revenue:sum", "open_ticket_count:sum", "health_score:avg"],
        )
        figures = {state: rest for state, *rest in groups}
        self.assertEqual(figures[self.zhejiang], [1, 900.0, 0, 80.0])
        self.assertEqual(figures[self.guangdong], [1, 0.0, 2, 40.0])
        self.assertEqual(figures[self.env["res.country.state"]][0], 1, "no province: its own bar")

    def test_salesperson_sees_own_customers_manager_all(self):
        self.assertEqual(self._rows(self.sales_a).partner_id, self.hz | self.nowhere)
        self.assertEqual(self._rows(self.sales_b).partner_id, self.sz)
        self.assertEqual(self._rows(self.manager).partner_id, self.customers)

    def test_other_company_rows_are_hidden(self):
        other = self.env["res.company"].create({"name": "Region Other Co"})
        self.env["service.desk.ticket"].create(
            {"name": "别家", "partner_id": self.hz.id, "company_id": other.id}
        )
        rows = self._rows(self.manager)
        self.assertNotIn(other, rows.company_id)
        self.assertEqual(len(rows.filtered(lambda r: r.partner_id == self.hz)), 1)
        self.assertIn(other, self._rows().with_context(allowed_company_ids=[other.id]).company_id)

    def test_adversaries_cannot_read_or_write(self):
        plain = new_test_user(
            self.env, "c360_region_plain", groups="sales_team.group_sale_salesman"
        )
        portal = new_test_user(self.env, "c360_region_portal", groups="base.group_portal")
        for user in (plain, portal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["customer.region.report"].with_user(user).search([])
        row = self._rows(self.manager)[:1]
        with self.assertRaises(AccessError):
            row.with_user(self.manager).write({"revenue": 1})
        with self.assertRaises(AccessError):
            row.with_user(self.manager).unlink()


@tagged("post_install", "-at_install", "customer_360_ui")
class TestCustomerRegionUi(HttpCase):
    def test_manager_opens_region_report_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["crm_full", "service_desk", "customer_360", "web", "base"], ["zh_CN"], overwrite=True
        )
        new_test_user(
            self.env,
            "c360_region_zh",
            groups="customer_360.customer_360_group_manager,crm_full.crm_full_group_manager",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        # a customer of its own: the tour also runs without demo data
        customer = self.env["res.partner"].create(
            {
                "name": "杭州导览科技",
                "is_company": True,
                "state_id": self.env.ref("base.state_cn_ZJ").id,
                "city": "杭州",
            }
        )
        self.env["service.desk.ticket"].create({"name": "导览", "partner_id": customer.id})
        self.start_tour("/odoo", "customer_360_region_tour", login="c360_region_zh")
