# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import new_test_user, tagged

from .common import CrmFullCommon
from .test_partner_duplicates import VALID


@tagged("crm_full_duplicates")
class TestLeadFlagsFollowTheCustomer(CrmFullCommon):
    """Regression (issue 15): a lead keys on its customer's credit code (and name, when
    the lead has none of its own), and Odoo copies the customer's e-mail and phone onto
    it by computes; the 撞单 link was only re-checked when the lead itself was written,
    so editing the customer left a stale flag (or missed a new match) until someone
    edited the lead."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_other = new_test_user(
            cls.env, "cf_dup_rename", groups="crm_full.crm_full_group_user"
        )
        cls.env.company.pool_new_leads = True
        cls.env["crm.assignment.rule"].search([]).active = False
        cls.original = cls.env["crm.lead"].create(
            {
                "name": "云帆 ERP",
                "partner_name": "宁波样本测试科技有限公司",
                "user_id": cls.user_sales.id,
            }
        )

    def _customer(self, name, **vals):
        return self.env["res.partner"].create({"name": name, "is_company": True, **vals})

    def _lead(self, customer):
        return self.env["crm.lead"].create(
            {"name": "展会线索", "partner_id": customer.id, "user_id": False}
        )

    def test_customer_email_change_clears_the_flag_of_its_lead(self):
        self.original.email_from = "it@ningbo-sample.example.cn"
        customer = self._customer("温州全新贸易有限公司", email="IT@ningbo-sample.example.cn")
        lead = self._lead(customer)
        self.assertEqual(lead.duplicate_of_id, self.original)
        # Odoo copies the customer's new address onto the lead by a compute, not a write
        customer.write({"email": "it@wenzhou.example.cn"})
        self.assertEqual(lead.email_from, "it@wenzhou.example.cn")
        self.assertFalse(lead.duplicate_of_id)

    def test_customer_credit_code_change_flags_its_lead_and_tells_the_owner(self):
        self.original.partner_id = self._customer(
            "宁波样本测试科技有限公司", company_registry=VALID
        )
        customer = self._customer("温州全新贸易有限公司")
        lead = self._lead(customer)
        self.assertFalse(lead.duplicate_of_id)
        customer.with_user(self.user_other).write({"company_registry": VALID})
        self.assertEqual(lead.duplicate_of_id, self.original)
        notes = self.original.message_ids.filtered(lambda message: "撞单" in (message.body or ""))
        self.assertEqual(len(notes), 1)

    def test_renamed_customer_of_the_original_clears_the_duplicates_flag(self):
        customer = self._customer("宁波样本测试科技有限公司")
        self.original.write({"partner_id": customer.id, "partner_name": False})
        duplicate = self.env["crm.lead"].create(
            {"name": "来电", "partner_name": "宁波样本测试科技", "user_id": False}
        )
        self.assertEqual(duplicate.duplicate_of_id, self.original)
        customer.write({"name": "温州全新贸易有限公司"})
        self.assertFalse(duplicate.duplicate_of_id)

    def test_edited_lead_is_flagged_against_an_earlier_one_only(self):
        lead = self.env["crm.lead"].create({"name": "来电", "user_id": False})
        lead.write({"partner_name": "宁波样本测试科技有限公司"})
        self.assertEqual(lead.duplicate_of_id, self.original)
        # the earlier lead edited to match a later one is not made its duplicate
        later = self.env["crm.lead"].create(
            {"name": "官网", "partner_name": "温州全新贸易", "user_id": self.user_sales.id}
        )
        self.original.write({"partner_name": "温州全新贸易有限公司"})
        self.assertFalse(self.original.duplicate_of_id)
        self.assertFalse(lead.duplicate_of_id, "the old match went away")
        self.assertTrue(later)
