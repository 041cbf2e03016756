# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import ValidationError
from odoo.tests import BaseCase, tagged

from ..tools.dedup_keys import company_key, phone_key, registry_key, uscc_problem
from .common import CrmFullCommon
from .dedup_key_cases import (
    COMPANY_NO_KEY,
    COMPANY_PAIRS,
    PHONE_NO_KEY,
    PHONE_PAIRS,
    USCC_PROBLEMS,
    USCC_SAME,
    VALID_USCC,
)


@tagged("crm_full_duplicates")
class TestDedupKeyTables(BaseCase):
    """Table-driven: realistic pairs of how one customer, or two, are written."""

    def test_phone_pairs(self):
        self.assertGreaterEqual(len(PHONE_PAIRS), 60)
        for a, b, same, region in PHONE_PAIRS:
            with self.subTest(a=a, b=b, region=region):
                key_a, key_b = phone_key(a, region), phone_key(b, region)
                self.assertTrue(key_a and key_b, "both are complete numbers")
                self.assertTrue(key_a.startswith("+"), "E.164")
                if same:
                    self.assertEqual(key_a, key_b)
                else:
                    self.assertNotEqual(key_a, key_b)

    def test_phones_that_are_no_key(self):
        for number in PHONE_NO_KEY:
            with self.subTest(number=number):
                self.assertFalse(phone_key(number, "CN"))
        self.assertFalse(phone_key(None))

    def test_unknown_region_falls_back_to_china(self):
        self.assertEqual(phone_key("0571-88881234", None), "+8657188881234")
        self.assertEqual(phone_key("0571-88881234", "XX"), "+8657188881234")

    def test_number_that_is_none_at_home_is_read_as_chinese(self):
        self.assertEqual(phone_key("13700000042", "US"), "+8613700000042")
        self.assertEqual(phone_key("(312) 555-0123", "US"), "+13125550123", "home first")
        self.assertFalse(phone_key("8888-1234", "US"))

    def test_company_pairs(self):
        self.assertGreaterEqual(len(COMPANY_PAIRS), 30)
        for a, b, same in COMPANY_PAIRS:
            with self.subTest(a=a, b=b):
                key_a, key_b = company_key(a), company_key(b)
                self.assertTrue(key_a and key_b)
                if same:
                    self.assertEqual(key_a, key_b)
                else:
                    self.assertNotEqual(key_a, key_b)

    def test_company_names_that_are_no_key(self):
        for name in COMPANY_NO_KEY:
            with self.subTest(name=name):
                self.assertFalse(company_key(name))

    def test_credit_codes(self):
        for code in USCC_SAME:
            with self.subTest(code=code):
                self.assertEqual(registry_key(code), VALID_USCC)
                self.assertIsNone(uscc_problem(code))
        for code, problem in USCC_PROBLEMS:
            with self.subTest(code=code):
                self.assertEqual(uscc_problem(code), problem)


@tagged("crm_full_duplicates")
class TestDedupKeysOnRecords(CrmFullCommon):
    """Leads, partners and the stored keys use the one normalisation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["crm.assignment.rule"].search([]).active = False
        cls.cn = cls.env.ref("base.cn")
        cls.gb = cls.env.ref("base.uk")

    def test_lead_and_partner_share_keys(self):
        partner = self.env["res.partner"].create(
            {
                "name": "云帆科技（杭州）有限公司",
                "is_company": True,
                "country_id": self.cn.id,
                "phone": "＋８６ ５７１ ８８８８ １２３４ 转 12",
                "company_registry": "9135-0100-M000-100Y43",
            }
        )
        lead = self.env["crm.lead"].create(
            {
                "name": "来电",
                "partner_name": "杭州云帆科技有限公司",
                "phone": "0571-88881234",
                "country_id": self.cn.id,
                "user_id": self.user_sales.id,
            }
        )
        self.assertEqual(partner.dedupe_phone, "+8657188881234")
        self.assertEqual(lead.dedupe_phone, partner.dedupe_phone)
        self.assertEqual(lead.dedupe_company, partner.dedupe_company)
        self.assertEqual(partner.dedupe_registry, VALID_USCC)

    def test_default_region_is_the_country(self):
        british = self.env["res.partner"].create(
            {"name": "Nordwind Ltd", "country_id": self.gb.id, "phone": "020 7946 0958"}
        )
        chinese = self.env["res.partner"].create(
            {"name": "北风", "country_id": self.cn.id, "phone": "020 7946 0958"}
        )
        self.assertEqual(british.dedupe_phone, "+442079460958")
        self.assertEqual(chinese.dedupe_phone, "+862079460958")
        chinese.country_id = self.gb
        self.assertEqual(chinese.dedupe_phone, british.dedupe_phone, "recomputed")

    def test_credit_code_region_must_be_digits(self):
        with self.assertRaisesRegex(ValidationError, "positions 3 to 8"):
            self.env["res.partner"].create(
                {
                    "name": "坏代码有限公司",
                    "is_company": True,
                    "country_id": self.cn.id,
                    "company_registry": "913A0100M000100Y43",
                }
            )

    def test_lead_link_clears_when_the_match_goes_away(self):
        original = self.env["crm.lead"].create(
            {"name": "原线索", "mobile": "13700000099", "user_id": self.user_sales.id}
        )
        lead = self.env["crm.lead"].create(
            {"name": "撞单", "phone": "+86 137 0000 0099", "user_id": False}
        )
        self.assertEqual(lead.duplicate_of_id, original)
        lead.phone = "+86 137 0000 0098"
        self.assertFalse(lead.duplicate_of_id)

    def test_rekey_recomputes_old_keys_and_clears_stale_flags(self):
        """What the 18.0.1.1.0 migration does to a database keyed the old way."""
        original = self.env["res.partner"].create(
            {"name": "甲方有限公司", "is_company": True, "phone": "0571-88881234"}
        )
        other = self.env["res.partner"].create(
            {"name": "乙方有限公司", "is_company": True, "phone": "0755-88881234"}
        )
        lead_a = self.env["crm.lead"].create(
            {"name": "A", "mobile": "13700000111", "user_id": self.user_sales.id}
        )
        lead_b = self.env["crm.lead"].create({"name": "B", "mobile": "13700000112"})
        self.env.flush_all()
        # The old keys: digits only, so a flag was set on a "match" that is none.
        self.env.cr.execute(
            "UPDATE res_partner SET dedupe_phone = '88881234', partner_duplicate_of_id = %s "
            "WHERE id = %s",
            [original.id, other.id],
        )
        self.env.cr.execute(
            "UPDATE crm_lead SET dedupe_mobile = '13700000111', duplicate_of_id = %s WHERE id = %s",
            [lead_a.id, lead_b.id],
        )
        self.env.invalidate_all()
        self.env["res.partner"]._dedupe_rekey_all()
        self.env["crm.lead"]._dedupe_rekey_all()
        self.assertEqual(other.dedupe_phone, "+8675588881234")
        self.assertEqual(original.dedupe_phone, "+8657188881234")
        self.assertFalse(other.partner_duplicate_of_id)
        self.assertEqual(lead_b.dedupe_mobile, "+8613700000112")
        self.assertFalse(lead_b.duplicate_of_id)
