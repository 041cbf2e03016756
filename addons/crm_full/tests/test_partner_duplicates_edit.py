# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import Form, new_test_user, tagged

from .test_partner_duplicates import VALID, PartnerDuplicatesCommon


@tagged("crm_full_duplicates")
class TestPartnerDuplicatesOnEdit(PartnerDuplicatesCommon):
    """Regression: the 撞单 check ran on create and import only, so a customer saved
    without contact details and completed later was never compared."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_other = new_test_user(
            cls.env, "cf_dup_edit", groups="crm_full.crm_full_group_user"
        )

    def _new(self, name="深圳新客户有限公司", **vals):
        partner = self.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "country_id": self.cn.id,
                "user_id": self.user_other.id,
                **vals,
            }
        )
        self.assertFalse(partner.partner_duplicate_of_id)
        return partner

    def _notes(self):
        return self.original.activity_ids.filtered(lambda act: "撞单" in act.summary)

    def test_each_edited_key_flags_and_tells_the_owner(self):
        cases = {
            "phone": {"phone": "0086 138 1234 5678"},
            "mobile": {"mobile": "13812345678"},
            "email": {"email": " it@XINGCHEN.example.cn"},
            "credit code": {"company_registry": VALID.lower()},
        }
        for key, vals in cases.items():
            with self.subTest(key=key):
                partner = self._new(name=f"新客户 {key}")
                partner.with_user(self.user_other).write(vals)
                self.assertEqual(partner.partner_duplicate_of_id, self.original)
        notes = self._notes()
        self.assertEqual(len(notes), 4)
        self.assertEqual(notes.user_id, self.user_sales, "the owner is told")
        self.assertIn("edited by", notes[0].summary)
        self.assertIn(self.user_other.name, notes[0].summary)

    def test_form_edit_flags_once(self):
        partner = self._new()
        with Form(partner.with_user(self.user_manager)) as form:
            form.email = "it@xingchen.example.cn"
        self.assertEqual(partner.partner_duplicate_of_id, self.original)
        self.assertEqual(len(self._notes()), 1)
        # Same key written again, another key of the same customer, other fields:
        # the owner was told already.
        partner.email = "IT@Xingchen.example.cn"
        partner.phone = "138 1234 5678"
        partner.website = "https://xingchen.example.cn"
        self.assertEqual(len(self._notes()), 1)

    def test_edit_matching_nobody_clears_the_flag(self):
        partner = self._new(phone="13900000000")
        partner.write({"mobile": "+86 138 1234 5678"})
        self.assertEqual(partner.partner_duplicate_of_id, self.original)
        partner.write({"mobile": False})
        self.assertFalse(partner.partner_duplicate_of_id, "the match went away, so did the flag")
        partner.write({"mobile": "138-1234-5678"})
        self.assertEqual(partner.partner_duplicate_of_id, self.original, "flagged again")
        partner.partner_duplicate_of_id = False  # say a manager cleared it
        partner.write({"phone": "139 0000 0000"})
        self.assertFalse(partner.partner_duplicate_of_id, "same key: nothing to check again")

    def test_original_edited_away_clears_the_flag(self):
        partner = self._new()
        partner.write({"mobile": "+86 138 1234 5678"})
        self.assertEqual(partner.partner_duplicate_of_id, self.original)
        self.original.write({"phone": "+86 139 8765 4321"})
        self.assertFalse(partner.partner_duplicate_of_id, "the original's phone changed")

    def test_credit_code_on_a_company_flags_it_not_its_contacts(self):
        company = self._new()
        contacts = self.env["res.partner"].create(
            [{"name": f"联系人 {i}", "parent_id": company.id} for i in range(3)]
        )
        company.company_registry = VALID
        self.assertEqual(contacts.mapped("company_registry"), [VALID] * 3, "Odoo syncs it")
        self.assertEqual(company.partner_duplicate_of_id, self.original)
        self.assertFalse(contacts.partner_duplicate_of_id)
        self.assertEqual(len(self._notes()), 1, "one note for the company, none per contact")

    def test_users_and_own_contacts_are_no_duplicates(self):
        self.user_other.phone = "+86 138 1234 5678"
        self.assertFalse(self.user_other.partner_id.partner_duplicate_of_id)
        contact = self.env["res.partner"].create({"name": "陈静", "parent_id": self.original.id})
        contact.email = "it@xingchen.example.cn"
        self.assertFalse(contact.partner_duplicate_of_id, "a contact of the same company")
        self.assertFalse(self._notes())

    def test_import_that_updates_rows_flags_them(self):
        partners = self._new(name="甲公司") | self._new(name="乙公司")
        result = self.env["res.partner"].load(
            [".id", "email"],
            [[str(partners[0].id), "it@xingchen.example.cn"], [str(partners[1].id), "b@x.cn"]],
        )
        self.assertFalse(result["messages"])
        self.assertEqual(partners[0].partner_duplicate_of_id, self.original)
        self.assertFalse(partners[1].partner_duplicate_of_id)
