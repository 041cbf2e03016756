# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from stdnum.cn.uscc import calc_check_digit as check_char

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..tools.dedup_keys import uscc_problem
from .common import CrmFullCommon

VALID = "91350100M000100Y43"  # the standard's own example


class PartnerDuplicatesCommon(CrmFullCommon):
    """An existing Chinese customer owned by the salesperson, to collide with."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cn = cls.env.ref("base.cn")
        cls.original = cls.env["res.partner"].create(
            {
                "name": "苏州星辰软件有限公司",
                "is_company": True,
                "country_id": cls.cn.id,
                "company_registry": VALID,
                "phone": "+86 138-1234-5678",
                "email": "IT@xingchen.example.cn",
                "user_id": cls.user_sales.id,
            }
        )


@tagged("crm_full_duplicates")
class TestPartnerDuplicates(PartnerDuplicatesCommon):
    def test_credit_code_check_digit(self):
        self.assertIsNone(uscc_problem(VALID))
        self.assertEqual(check_char(VALID[:17]), "3")
        self.assertEqual(uscc_problem(VALID[:17] + "4"), "check")
        self.assertEqual(uscc_problem("91350100M00010"), "length")
        self.assertEqual(uscc_problem("91350100M000100I43"), "character")

    def test_wrong_credit_code_refused_for_chinese_company(self):
        with self.assertRaisesRegex(ValidationError, "check character"):
            self.env["res.partner"].create(
                {
                    "name": "错码公司",
                    "is_company": True,
                    "country_id": self.cn.id,
                    "company_registry": VALID[:17] + "4",
                }
            )
        with self.assertRaisesRegex(ValidationError, "18 characters"), self.env.cr.savepoint():
            self.original.company_registry = "9135"
        self.original.invalidate_recordset()
        self.assertEqual(self.original.company_registry, VALID)
        # Other countries keep their own registry formats.
        other = self.env["res.partner"].create(
            {
                "name": "Nordwind GmbH",
                "country_id": self.env.ref("base.de").id,
                "company_registry": "HRB 12345",
            }
        )
        self.assertEqual(other.company_registry, "HRB 12345")

    def test_each_key_flags_and_links_to_the_original(self):
        cases = {
            "registry": {"name": "Xingchen Soft", "company_registry": VALID.lower()},
            "phone": {"name": "王五", "mobile": "0086 13812345678"},
            "email": {"name": "Help desk", "email": " it@XINGCHEN.example.cn"},
            "company": {"name": "苏州星辰软件 Co., Ltd."},
        }
        for key, vals in cases.items():
            with self.subTest(key=key):
                partner = self.env["res.partner"].create(
                    {"is_company": True, "country_id": self.cn.id, **vals}
                )
                self.assertEqual(partner.partner_duplicate_of_id, self.original)
        todos = self.original.activity_ids.filtered(lambda act: "撞单" in act.summary)
        self.assertEqual(len(todos), 4)
        self.assertEqual(todos.user_id, self.user_sales, "the owner is told")
        self.assertFalse(
            self.original.message_ids.filtered(lambda msg: "撞单" in (msg.body or "")),
            "the customer's thread is left alone",
        )

    def test_import_flags_duplicates_and_own_contacts_are_not(self):
        result = self.env["res.partner"].load(
            ["name", "is_company", "email"],
            [["星辰软件科技", "1", "it@xingchen.example.cn"], ["新客户", "1", "new@x.cn"]],
        )
        self.assertFalse(result["messages"])
        imported = self.env["res.partner"].browse(result["ids"])
        self.assertEqual(imported.mapped("partner_duplicate_of_id"), self.original)
        contact = self.env["res.partner"].create(
            {"name": "陈静", "parent_id": self.original.id, "email": "it@xingchen.example.cn"}
        )
        self.assertFalse(contact.partner_duplicate_of_id, "a contact of the same company")
