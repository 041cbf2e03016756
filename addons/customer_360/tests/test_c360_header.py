# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, timedelta

from odoo import fields
from odoo.tests import freeze_time, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

TODAY = date(2026, 6, 15)


@tagged("post_install", "-at_install", "customer_360")
@freeze_time("2026-06-15 10:00:00")
class TestC360Header(AccountTestInvoicingCommon):
    """Issue 14: the manager's header figures (overdue, SLA breaches, last
    interaction, live status, orders, invoices) and their click-through."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.groups_id |= cls.env.ref("customer_360.customer_360_group_manager")
        cls.env.user.groups_id |= cls.env.ref("service_desk.service_desk_group_manager")
        cls.env.user.groups_id |= cls.env.ref("crm_full.crm_full_group_manager")
        Partner = cls.env["res.partner"]
        cls.account, cls.other = Partner.create(
            [
                {"name": "杭州云帆科技有限公司", "is_company": True},
                {"name": "深圳华锐电子有限公司", "is_company": True},
            ]
        )
        cls.contact = Partner.create({"name": "王芳", "parent_id": cls.account.id})
        no_tax = cls.env["account.tax"]

        def invoice(partner, due, amount, post=True, move_type="out_invoice"):
            move = cls.init_invoice(
                move_type, partner, invoice_date="2026-01-01", amounts=[amount], taxes=no_tax
            )
            move.invoice_date_due = due
            if post:
                move.action_post()
            return move

        cls.overdue = invoice(cls.contact, "2026-05-31", 1000)  # a contact's: the account's
        invoice(cls.account, "2026-07-31", 400)  # not due yet
        invoice(cls.account, "2026-05-01", 999, post=False)  # draft
        invoice(cls.account, "2026-01-31", 50, move_type="out_refund")
        invoice(cls.other, "2026-05-31", 7)
        cls.tickets = cls.env["service.desk.ticket"].create(
            [{"name": name, "partner_id": cls.contact.id} for name in ("新断", "旧断", "好")]
        )
        policy = cls.env["service.desk.sla.policy"].create({"name": "测试", "active": False})
        target = cls.env["service.desk.sla.target"].create({"policy_id": policy.id, "hours": 4})
        now = datetime(2026, 6, 15, 10, 0)
        cls.env["service.desk.sla.status"].sudo().create(
            [
                {"ticket_id": ticket.id, "target_id": target.id, "breached": breached}
                | {"deadline": now - timedelta(days=days), "state": "breached"}
                for ticket, breached, days in zip(
                    cls.tickets, (True, True, False), (10, 200, 1), strict=True
                )
            ]
        )

    def test_overdue_and_invoices(self):
        for partner in (self.account, self.contact):
            self.assertEqual(partner.c360_amount_overdue, 1000, "due before today, posted only")
            self.assertEqual(partner.c360_invoice_count, 3, "posted invoices and credit notes")
        self.assertEqual(self.other.c360_amount_overdue, 7)
        action = self.contact.action_c360_open_overdue()
        self.assertEqual(self.env["account.move"].search(action["domain"]), self.overdue)
        action = self.account.action_c360_open_invoices()
        self.assertEqual(len(self.env["account.move"].search(action["domain"])), 3)

    def test_sla_breaches_of_the_last_90_days(self):
        self.assertEqual(self.account.c360_sla_breach_count, 1, "200 days ago is too old")
        action = self.account.action_c360_open_sla_breaches()
        self.assertEqual(self.env["service.desk.ticket"].search(action["domain"]), self.tickets[0])

    def test_orders_count_and_list(self):
        product = self.env["product.product"].create({"name": "伺服电机", "list_price": 10})
        Order = self.env["sale.order"]
        orders = Order.create(
            [
                {"partner_id": partner.id, "order_line": [(0, 0, {"product_id": product.id})]}
                for partner in (self.contact, self.account, self.account)
            ]
        )
        orders[2]._action_cancel()
        self.assertEqual(self.account.c360_order_count, 2)
        self.assertEqual(Order.search(self.contact.action_c360_open_orders()["domain"]), orders[:2])

    def test_last_interaction_is_the_latest_source(self):
        opened = datetime(2026, 6, 1, 10, 0)
        # create_date is the transaction's time, which freeze_time leaves alone
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE service_desk_ticket SET create_date = %s WHERE id = ANY(%s)",
            [opened, self.tickets.ids],
        )
        self.env.invalidate_all()
        self.assertEqual(self.account.c360_last_interaction_kind, "ticket")
        self.assertEqual(self.account.c360_last_interaction, opened)
        later = fields.Datetime.now() + timedelta(hours=1)
        self.contact.message_post(
            body="客户来电", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.env["mail.message"].sudo().search(
            [("model", "=", "res.partner"), ("res_id", "=", self.contact.id)]
        ).write({"date": later})
        note_date = later + timedelta(hours=1)
        note = self.account.message_post(body="内部备注", subtype_xmlid="mail.mt_note")
        note.sudo().date = note_date
        self.env.invalidate_all()
        self.assertEqual(
            self.contact.c360_last_interaction, later, "an internal note is no contact"
        )
        self.assertEqual(self.contact.c360_last_interaction_kind, "message")
        self.assertFalse(self.other.c360_last_interaction)

    def test_live_status_history_action(self):
        self.account._lifecycle_set_status({"at_risk": self.account})
        action = self.contact.action_c360_open_status_history()
        moves = self.env["crm.lifecycle.history"].search(action["domain"])
        self.assertEqual(moves.mapped("new_status"), ["at_risk"])

    def test_figures_cost_one_query_each_for_any_number_of_customers(self):
        many = self.env["res.partner"].create(
            [{"name": f"客户 {i}", "is_company": True} for i in range(20)]
        )
        names = [
            "c360_amount_overdue",
            "c360_sla_breach_count",
            "c360_order_count",
            "c360_invoice_count",
            "c360_last_interaction",
        ]

        def queries(partners):
            self.env.invalidate_all()
            partners.fetch(["commercial_partner_id"])
            before = self.env.cr.sql_log_count
            for partner in partners:
                for name in names:
                    partner[name]
            return self.env.cr.sql_log_count - before

        few = (self.account | self.other).with_env(self.env)
        queries(few)  # warm the access-rule caches
        self.assertEqual(queries(few), queries(few | many), "flat in the number of customers")
