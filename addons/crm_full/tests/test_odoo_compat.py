# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's own flows that our additions must not break (issue 13, causes 3 and 4)."""

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common_order import CrmFullOrderCommon


@tagged("crm_full_odoo_compat")
class TestOdooCompat(CrmFullOrderCommon):
    def test_salesperson_without_email_can_win(self):
        self.env.company.won_order_product_id = self.product
        seller = new_test_user(self.env, "cf_no_mail", groups="crm_full.crm_full_group_user")
        seller.partner_id.email = False
        lead = self.env["crm.lead"].create(
            {
                "name": "Won by phone",
                "type": "opportunity",
                "user_id": seller.id,
                "partner_id": self.company_partner.id,
            }
        )
        lead.with_user(seller).action_set_won()
        self.assertTrue(lead.stage_id.is_won)
        self.assertEqual(len(lead.order_ids), 1)
        self.assertIn(lead.order_ids.name, lead.message_ids[0].body)

    def test_public_confirmation_todo_comes_from_the_salesperson(self):
        self.env.company.invoice_activity_user_id = self.user_finance
        self.user_sales.partner_id.email = "sales@example.com"
        order = self._new_order(5000)
        public = self.env.ref("base.public_user")
        order.with_user(public).sudo().action_confirm()
        todo = order.activity_ids.filtered(lambda a: a.summary == "Issue the invoice")
        self.assertEqual(todo.user_id, self.user_finance)
        self.assertEqual(todo.create_uid, self.user_sales, "never the public user")

    def test_duplicate_contact_leaves_the_partner_thread_alone(self):
        original = self.env["res.partner"].create(
            {"name": "Original", "email": "same@example.com", "user_id": self.user_sales.id}
        )
        messages = original.message_ids
        duplicate = self.env["res.partner"].create({"name": "Copy", "email": "same@example.com"})
        self.assertEqual(duplicate.partner_duplicate_of_id, original)
        self.assertEqual(original.message_ids, messages)
        self.assertEqual(original.activity_ids.user_id, self.user_sales)

    def test_link_checks_take_records_as_odoo_does(self):
        """Odoo's own code writes many2one values as records (crm's multi-company tests)."""
        customer = self.env["res.partner"].create({"name": "Own", "user_id": self.user_sales.id})
        lead = self.env["crm.lead"].create({"name": "Lead", "user_id": self.user_sales.id})
        lead.with_user(self.user_sales).write({"partner_id": customer.with_user(self.user_sales)})
        self.assertEqual(lead.partner_id, customer)
        foreign = self.env["res.partner"].create(
            {"name": "Theirs", "user_id": self.user_manager.id}
        )
        with self.assertRaises(AccessError):
            lead.with_user(self.user_sales).write({"partner_id": foreign})
