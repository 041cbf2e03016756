# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_isolation import CrmFullIsolationCommon


@tagged("crm_full_security")
class TestIsolationRules(CrmFullIsolationCommon):
    """Salespeople do not reach each other's customers, whatever they create."""

    def _readable(self, user, partner):
        return partner.with_user(user).has_access("read")

    # ------------------------------------------------------------
    # WHO READS A CUSTOMER
    # ------------------------------------------------------------
    def test_customer_readers_by_role(self):
        expected = {
            self.sales_a: False,
            self.sales_b: True,
            self.leader_a: False,
            self.manager: True,
            self.employee: True,  # Odoo: partners are shared outside sales
            self.odoo_own: False,  # Odoo's "Own Documents Only" is restricted too
            self.odoo_all: True,
            self.sales_other_company: False,
        }
        for user, readable in expected.items():
            for partner in (self.customer_b, self.contact_b):
                with self.subTest(user=user.login, partner=partner.name):
                    self.assertEqual(self._readable(user, partner), readable)
        self.assertTrue(self._readable(self.leader_a, self.customer_a), "the led team's")
        self.assertFalse(self._readable(self.sales_b, self.customer_a))

    def test_odoo_own_documents_salesperson_is_restricted(self):
        Partner = self.env["res.partner"].with_user(self.odoo_own)
        self.assertFalse(Partner.search([("id", "in", (self.customer_a | self.customer_b).ids)]))
        with self.assertRaises(AccessError):
            Partner.browse(self.customer_b.id).read(["name"])
        mine = Partner.create({"name": "自有客户有限公司", "is_company": True})
        self.assertEqual(mine.read(["name"])[0]["name"], "自有客户有限公司")

    def test_second_company_salesperson_does_not_see_first_company(self):
        Partner = self.env["res.partner"].with_user(self.sales_other_company)
        unowned_a = self.env["res.partner"].create(
            {"name": "总部无人客户", "is_company": True, "company_id": self.env.company.id}
        )
        with self.assertRaises(AccessError):
            Partner.browse(unowned_a.id).read(["name"])
        with self.assertRaises(AccessError):
            self.env["crm.lead"].with_user(self.sales_other_company).browse(self.lead_a.id).read(
                ["name"]
            )

    # ------------------------------------------------------------
    # CREATING ONE'S WAY IN
    # ------------------------------------------------------------
    def test_lead_on_colleague_customer_refused(self):
        Lead = self.env["crm.lead"].with_user(self.sales_a)
        with self.assertRaises(AccessError):
            Lead.create(
                {"name": "抢单", "partner_id": self.customer_b.id, "user_id": self.sales_a.id}
            )
        with self.assertRaises(AccessError):
            Lead.browse(self.lead_a.id).write({"partner_id": self.customer_b.id})
        self.assertFalse(self._readable(self.sales_a, self.customer_b))
        own = Lead.create({"name": "自己的", "partner_id": self.customer_a.id})
        self.assertEqual(own.partner_id, self.customer_a)

    def test_child_contact_under_colleague_customer_refused(self):
        Partner = self.env["res.partner"].with_user(self.sales_a)
        with self.assertRaises(AccessError):
            Partner.create(
                {"name": "卧底", "parent_id": self.customer_b.id, "user_id": self.sales_a.id}
            )
        mine = Partner.create({"name": "李四", "parent_id": self.customer_a.id})
        with self.assertRaises(AccessError):
            mine.write({"parent_id": self.customer_b.id})
        self.assertFalse(self._readable(self.sales_a, self.customer_b))

    def test_cannot_create_customer_for_a_colleague(self):
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.sales_a).create(
                {"name": "送给乙", "is_company": True, "user_id": self.sales_b.id}
            )
        # The team leader may file one for a member.
        partner = (
            self.env["res.partner"]
            .with_user(self.leader_a)
            .create({"name": "组员客户", "is_company": True, "user_id": self.sales_a.id})
        )
        self.assertEqual(partner.user_id, self.sales_a)

    def test_pool_lead_customer_read_not_taken(self):
        """The customer of a pool lead is readable to claimers, not editable."""
        released = self.env["res.partner"].create(
            {"name": "重庆退回客户有限公司", "is_company": True, "user_id": self.sales_b.id}
        )
        self.env.company.pool_new_leads = True
        pool_lead = self.env["crm.lead"].create(
            {"name": "公海线索", "partner_id": released.id, "user_id": False}
        )
        self.assertTrue(pool_lead.in_pool)
        partner = released.with_user(self.sales_a)
        self.assertEqual(partner.name, released.name)
        with self.assertRaises(AccessError):
            partner.write({"user_id": self.sales_a.id})
        with self.assertRaises(AccessError):
            self.env["crm.lead"].with_user(self.sales_a).create(
                {"name": "借壳", "partner_id": released.id, "user_id": self.sales_a.id}
            )
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.sales_a).create(
                {"name": "借壳联系人", "parent_id": released.id}
            )

    def test_held_lead_on_colleague_customer_stays_workable(self):
        """A lead handed over (claimed, reassigned) shows and edits its customer."""
        self.lead_b.sudo().user_id = self.sales_a
        lead = self.lead_b.with_user(self.sales_a)
        self.assertEqual(lead.partner_id.name, self.customer_b.name)
        lead.write({"email_from": "buyer@yifang.example.cn"})
        followup = (
            self.env["crm.followup"]
            .with_user(self.sales_a)
            .create(
                {
                    "lead_id": lead.id,
                    "partner_id": self.customer_b.id,
                    "summary": "电话沟通",
                }
            )
        )
        self.assertEqual(followup.partner_id, self.customer_b)

    # ------------------------------------------------------------
    # FOLLOW-UPS, PREVIEW, PAYMENT PLANS, HISTORY
    # ------------------------------------------------------------
    def test_followup_on_colleague_lead_or_customer_refused(self):
        Followup = self.env["crm.followup"].with_user(self.sales_a)
        for vals in (
            {"lead_id": self.lead_b.id},
            {"partner_id": self.customer_b.id},
            {"lead_id": self.lead_a.id, "user_id": self.sales_b.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                Followup.create({"summary": "冒名", "user_id": self.sales_a.id, **vals})
        own = Followup.create({"lead_id": self.lead_a.id, "summary": "拜访"})
        with self.assertRaises(AccessError):
            own.write({"lead_id": self.lead_b.id})
        self.assertFalse(self.lead_b.followup_ids)
        theirs = self.env["crm.followup"].create(
            {"lead_id": self.lead_b.id, "summary": "乙方跟进", "user_id": self.sales_b.id}
        )
        self.assertFalse(theirs.with_user(self.sales_a).has_access("read"))
        self.assertTrue(own.with_user(self.leader_a).has_access("read"), "the leader's team")
        led = (
            self.env["crm.followup"]
            .with_user(self.leader_a)
            .create({"lead_id": self.lead_a.id, "summary": "组长跟进"})
        )
        self.assertEqual(led.partner_id, self.customer_a)

    def test_assignment_preview_needs_the_lead(self):
        Preview = self.env["crm.assignment.preview"].with_user(self.sales_a)
        with self.assertRaises(AccessError):
            Preview.create({"lead_id": self.lead_b.id})
        preview = Preview.create({"lead_id": self.lead_a.id})
        self.assertTrue(preview.explanation)

    def test_payment_plan_on_colleague_order_leaks_nothing(self):
        product = self.env["product.product"].create({"name": "实施服务", "list_price": 8888})
        order = self.env["sale.order"].create(
            {
                "name": "SO-SECRET-42",
                "partner_id": self.customer_b.id,
                "user_id": self.sales_b.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        with self.assertRaises(AccessError) as caught:
            self.env["crm.payment.plan"].with_user(self.sales_a).create(
                {"order_id": order.id, "name": "试探", "due_date": "2030-01-01", "percentage": 7}
            )
        message = str(caught.exception)
        for leak in ("SO-SECRET-42", "8888", "8,888", "7"):
            self.assertNotIn(leak, message)

    def test_lifecycle_history_follows_the_customer(self):
        self.customer_b._lifecycle_advance("engaged")
        self.customer_a._lifecycle_advance("engaged")
        History = self.env["crm.lifecycle.history"]
        self.assertFalse(
            History.with_user(self.sales_a).search([("partner_id", "=", self.customer_b.id)])
        )
        self.assertTrue(
            History.with_user(self.sales_a).search([("partner_id", "=", self.customer_a.id)])
        )
        self.assertTrue(
            History.with_user(self.leader_a).search([("partner_id", "=", self.customer_a.id)])
        )
        self.assertEqual(
            len(
                History.with_user(self.manager).search(
                    [("partner_id", "in", (self.customer_a | self.customer_b).ids)]
                )
            ),
            2,
        )
        with self.assertRaises(AccessError):
            History.with_user(self.manager).create(
                {
                    "partner_id": self.customer_a.id,
                    "new_stage_id": self.customer_a.lifecycle_stage_id.id,
                }
            )
