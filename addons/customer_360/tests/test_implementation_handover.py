# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon


class HandoverCommon(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        sales = "crm_full.crm_full_group_user"
        cls.sales_a = new_test_user(cls.env, "ho_sales_a", groups=sales, name="交付销售甲")
        cls.sales_b = new_test_user(cls.env, "ho_sales_b", groups=sales, name="交付销售乙")
        cls.agent = new_test_user(
            cls.env, "ho_agent", groups="service_desk.service_desk_group_user", name="实施顾问"
        )
        cls.portal = new_test_user(cls.env, "ho_portal", groups="base.group_portal")
        Partner = cls.env["res.partner"]
        cls.account = Partner.create(
            {
                "name": "宁波海纳制造有限公司",
                "is_company": True,
                "user_id": cls.sales_a.id,
                "comment": "<p>机房在二楼</p>",
            }
        )
        cls.contact = Partner.create(
            {
                "name": "钱工",
                "parent_id": cls.account.id,
                "function": "IT 主管",
                "phone": "0574-1234",
            }
        )
        cls.product = cls.env["product.product"].create(
            {"name": "MES 实施服务", "type": "service", "list_price": 30000}
        )
        cls.open_ticket = cls.env["service.desk.ticket"].create(
            {"name": "扫码枪无法连接", "partner_id": cls.contact.id}
        )
        cls.order = cls._order()
        cls.order.action_confirm()

    @classmethod
    def _order(cls, **vals):
        return cls.env["sale.order"].create(
            {
                "partner_id": cls.account.id,
                "user_id": cls.sales_a.id,
                "note": "<p>上线日期：三月底</p>",
                "order_line": [
                    Command.create({"product_id": cls.product.id, "product_uom_qty": 2}),
                ],
                **vals,
            }
        )


@tagged("post_install", "-at_install", "customer_360", "customer_360_handover")
class TestImplementationHandover(HandoverCommon):
    def test_handover_creates_ticket_with_context(self):
        self.order.with_user(self.sales_a).action_handover_implementation()
        order = self.order.sudo()
        ticket = order.implementation_ticket_id
        self.assertTrue(ticket)
        self.assertEqual(ticket.sale_order_id, self.order)
        self.assertEqual(
            ticket.category_id, self.env.ref("customer_360.service_desk_category_implementation")
        )
        self.assertEqual(ticket.partner_id, self.account)
        body = str(ticket.description)
        for text in ("钱工", "IT 主管", "MES 实施服务", "上线日期", "机房在二楼", "扫码枪无法连接"):
            self.assertIn(text, body)
        self.assertIn(ticket.number, self.order.with_user(self.sales_a).implementation_status)
        self.assertTrue(self.order.implementation_date)
        self.assertIn(ticket.number, self.order.message_ids[0].body)
        # the customer's timeline shows the hand-off
        self.env.flush_all()
        line = self.env["customer.timeline"].search(
            [("partner_id", "=", self.account.id), ("kind", "=", "handover")]
        )
        self.assertEqual((line.res_model, line.res_id), ("sale.order", self.order.id))

    def test_agent_opens_ticket_from_order(self):
        self.order.action_handover_implementation()
        ticket = self.order.implementation_ticket_id
        self.assertEqual(ticket.with_user(self.agent).name, ticket.name)
        action = self.order.action_view_implementation_ticket()
        self.assertEqual((action["res_model"], action["res_id"]), (ticket._name, ticket.id))

    def test_refused_on_draft_cancelled_and_twice(self):
        Ticket = self.env["service.desk.ticket"]
        count = Ticket.search_count([])
        draft = self._order()
        with self.assertRaises(UserError):
            draft.with_user(self.sales_a).action_handover_implementation()
        cancelled = self._order()
        cancelled.action_cancel()
        with self.assertRaises(UserError):
            cancelled.with_user(self.sales_a).action_handover_implementation()
        self.assertEqual(Ticket.search_count([]), count)
        self.order.with_user(self.sales_a).action_handover_implementation()
        with self.assertRaises(UserError):
            self.order.with_user(self.sales_a).action_handover_implementation()
        self.assertEqual(Ticket.search_count([]), count + 1)
        self.assertFalse(draft.implementation_date)

    def test_project_when_installed(self):
        if "project.project" not in self.env:
            self.skipTest("Odoo's Project app is not installed in this database")
        self.order.action_handover_implementation()
        project_rec = self.env["project.project"].browse(self.order.implementation_project_id)
        self.assertEqual(project_rec.partner_id, self.account)
        self.assertEqual(project_rec.task_ids.mapped("name"), ["MES 实施服务"])


@tagged("post_install", "-at_install", "customer_360", "customer_360_handover")
class TestImplementationHandoverAdversary(HandoverCommon):
    def test_other_salesperson_and_portal_cannot_hand_over(self):
        count = self.env["service.desk.ticket"].search_count([])
        with self.assertRaises(AccessError):
            self.order.with_user(self.sales_b).action_handover_implementation()
        with self.assertRaises(AccessError):
            self.order.with_user(self.portal).action_handover_implementation()
        self.assertEqual(self.env["service.desk.ticket"].search_count([]), count)
        self.assertFalse(self.order.implementation_date)

    def test_links_cannot_be_forged(self):
        order = self.order.with_user(self.sales_a)
        with self.assertRaises(AccessError):
            order.write({"implementation_date": "2026-01-01 00:00:00"})
        with self.assertRaises(AccessError):
            order.write({"implementation_ticket_id": self.open_ticket.id})
        with self.assertRaises(AccessError):
            self.open_ticket.with_user(self.agent).write({"sale_order_id": self.order.id})
        self.assertFalse(self.open_ticket.sale_order_id)

    def test_salesperson_reads_no_ticket(self):
        self.order.action_handover_implementation()
        ticket = self.order.implementation_ticket_id
        with self.assertRaises(AccessError):
            ticket.with_user(self.sales_a).read(["name"])
