# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import BaseCase, new_test_user, tagged

from ..tools.dedup_keys import company_key, email_key, phone_key
from .common import CrmFullCommon


@tagged("crm_full_duplicates")
class TestDedupeKeys(BaseCase):
    def test_company_names_ignore_legal_forms(self):
        self.assertEqual(company_key("杭州云帆科技有限公司"), company_key("杭州云帆科技"))
        self.assertEqual(
            company_key("上海启明精密制造股份有限公司"), company_key("上海启明精密制造")
        )
        self.assertEqual(company_key("Nordwind Trading GmbH"), company_key("nordwind trading"))
        self.assertEqual(company_key("ACME Co., Ltd."), company_key("Acme"))
        self.assertNotEqual(
            company_key("杭州云帆科技有限公司"), company_key("杭州云帆物流有限公司")
        )
        self.assertEqual(company_key("Costco"), "costco", "a Latin legal form is a whole word")
        self.assertFalse(company_key("有限公司"))

    def test_phones_and_emails(self):
        self.assertEqual(phone_key("+86 139-0571-2201"), "+8613905712201")
        self.assertEqual(phone_key("0086 13905712201"), "+8613905712201")
        self.assertEqual(phone_key("+86 571 8888 1201"), "+8657188881201")
        self.assertFalse(phone_key("123"))
        self.assertEqual(email_key(" Chen.Jing@Yunfan.example.cn "), "chen.jing@yunfan.example.cn")
        self.assertFalse(email_key("not an address"))


@tagged("crm_full_duplicates")
class TestDuplicateLeads(CrmFullCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_other = new_test_user(
            cls.env, "cf_dup_other", groups="crm_full.crm_full_group_user"
        )
        cls.env.company.pool_new_leads = True
        # With a rule active a duplicate goes straight to the original's owner
        # (test_pool_assignment_gaps); here it waits in the pool.
        cls.env["crm.assignment.rule"].search([]).active = False
        cls.original = cls.env["crm.lead"].create(
            {
                "name": "云帆 ERP",
                "partner_name": "宁波样本测试科技有限公司",
                "mobile": "13700000042",
                "user_id": cls.user_sales.id,
            }
        )

    def test_same_company_name_is_flagged_and_owner_told(self):
        lead = self.env["crm.lead"].create(
            {"name": "展会线索", "partner_name": "宁波样本测试科技 Co., Ltd.", "user_id": False}
        )
        self.assertEqual(lead.duplicate_of_id, self.original)
        note = self.original.message_ids.filtered(lambda message: "撞单" in (message.body or ""))
        self.assertEqual(len(note), 1)
        self.assertIn(self.user_sales.partner_id, note.partner_ids)

    def test_same_mobile_with_country_code_is_flagged(self):
        lead = self.env["crm.lead"].create(
            {"name": "来电", "phone": "+86 137-0000-0042", "user_id": False}
        )
        self.assertEqual(lead.duplicate_of_id, self.original)

    def test_same_credit_code_is_flagged(self):
        self.original.partner_id = self.env["res.partner"].create(
            {"name": "云帆", "is_company": True, "company_registry": "91330200MA2K000429"}
        )
        other = self.env["res.partner"].create(
            {"name": "Yunfan Tech", "is_company": True, "company_registry": "91330200ma2k000429"}
        )
        lead = self.env["crm.lead"].create(
            {"name": "API", "partner_id": other.id, "user_id": False}
        )
        self.assertEqual(lead.duplicate_of_id, self.original)

    def test_unrelated_lead_is_not_flagged(self):
        lead = self.env["crm.lead"].create(
            {"name": "新客户", "partner_name": "苏州恒通物流有限公司", "user_id": False}
        )
        self.assertFalse(lead.duplicate_of_id)

    def test_other_salesperson_cannot_claim_a_duplicate(self):
        lead = self.env["crm.lead"].create(
            {"name": "展会线索", "partner_name": "宁波样本测试科技", "user_id": False}
        )
        self.assertTrue(lead.in_pool)
        with self.assertRaisesRegex(UserError, "duplicates a lead"):
            lead._pool_claim(self.user_other)
        self.assertTrue(lead.in_pool)
        lead._pool_claim(self.user_sales)
        self.assertEqual(lead.user_id, self.user_sales)
