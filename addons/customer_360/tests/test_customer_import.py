# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customers imported with Odoo's own import (base_import) meet crm_full's rules."""

from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.mail.tests.common import mail_new_test_user

VALID = "91350100M000100Y43"  # the standard's own example (GB 32100-2015)
BAD = VALID[:17] + "4"  # wrong check character
FIELDS = ["name", "is_company", "phone", "company_registry", "country_id"]
OPTIONS = {
    "has_headers": True,
    "separator": ",",
    "quoting": '"',
    "encoding": "utf-8",
    "date_format": "",
    "datetime_format": "",
    "float_thousand_separator": ",",
    "float_decimal_separator": ".",
    "import_skip_records": [],
    "import_set_empty_fields": [],
    "fallback_values": {},
    "name_create_enabled_fields": {},
}
DUPLICATE_ROW = "Yunfan Cloud Trading,1,138 0013 8000,,China"
BAD_ROW = f"Bad Code Industrial,1,,{BAD},China"
GOOD_ROW = f"Xingchen Software,1,+86 21 5555 0101,{VALID},China"


@tagged("post_install", "-at_install", "customer_360")
class TestCustomerImport(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner = mail_new_test_user(
            cls.env, login="c360_import_owner", groups="sales_team.group_sale_salesman"
        )
        cls.existing = cls.env["res.partner"].create(
            {
                "name": "杭州云帆科技有限公司",
                "is_company": True,
                "phone": "+86 13800138000",
                "user_id": cls.owner.id,
            }
        )
        cls.names = ("Yunfan Cloud Trading", "Bad Code Industrial", "Xingchen Software")

    def _import(self, rows, dryrun):
        csv = "\n".join([",".join(FIELDS), *rows]).encode()
        wizard = self.env["base_import.import"].create(
            {"res_model": "res.partner", "file": csv, "file_type": "text/csv"}
        )
        return wizard.execute_import(FIELDS, FIELDS, dict(OPTIONS), dryrun=dryrun)

    def _imported(self):
        return self.env["res.partner"].search([("name", "in", self.names)])

    def test_bad_credit_code_is_a_row_error_and_nothing_is_written(self):
        for dryrun in (True, False):
            result = self._import([DUPLICATE_ROW, BAD_ROW, GOOD_ROW], dryrun=dryrun)
            errors = [m for m in result["messages"] if m["type"] == "error"]
            # Odoo retries a failed batch row by row: the bad row gets its own
            # error; the batch's error, shown first, repeats the same message.
            self.assertIn(1, [error["record"] for error in errors], "the second data row")
            for error in errors:
                self.assertIn(BAD, error["message"])
                self.assertIn("check character", error["message"])
            self.assertFalse(result["ids"])
            self.assertFalse(self._imported(), "Odoo's import writes nothing while a row fails")

    def test_duplicate_is_flagged_linked_and_owner_told(self):
        dry = self._import([DUPLICATE_ROW, GOOD_ROW], dryrun=True)
        self.assertFalse(dry["messages"])
        self.assertEqual(len(dry["ids"]), 2)
        self.assertFalse(self._imported(), "a test import writes nothing")
        self.assertFalse(self.existing.activity_ids.filtered(lambda a: "撞单" in a.summary))

        result = self._import([DUPLICATE_ROW, GOOD_ROW], dryrun=False)
        self.assertFalse(result["messages"])
        duplicate, good = self.env["res.partner"].browse(result["ids"])
        self.assertEqual(duplicate.name, "Yunfan Cloud Trading")
        self.assertEqual(
            duplicate.partner_duplicate_of_id,
            self.existing,
            "the phone in another format is the same number",
        )
        self.assertFalse(good.partner_duplicate_of_id)
        self.assertEqual(good.company_registry, VALID)
        notice = self.existing.activity_ids.filtered(lambda a: "撞单" in a.summary)
        self.assertEqual(len(notice), 1)
        self.assertIn("Yunfan Cloud Trading", notice.summary)
        self.assertEqual(notice.user_id, self.owner, "a to-do for the owner, not a chatter note")
