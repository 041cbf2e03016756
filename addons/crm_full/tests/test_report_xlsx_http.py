# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
import json

from openpyxl import load_workbook
from werkzeug.urls import url_encode

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.crm_full.report.crm_report_xlsx import XLSX_MIMETYPE


@tagged("post_install", "-at_install", "crm_full_report")
class TestReportXlsxDownload(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = "crm_full.crm_full_group_user"
        cls.user_sales = new_test_user(cls.env, "cfx_sales", groups=groups)
        cls.user_other = new_test_user(cls.env, "cfx_other", groups=groups)
        cls.leads = cls.env["crm.lead"].create(
            [
                {
                    "name": name,
                    "type": "opportunity",
                    "user_id": user.id,
                    "expected_revenue": 1000,
                    "probability": 50,
                }
                for name, user in (("Mine", cls.user_sales), ("Theirs", cls.user_other))
            ]
        )

    def _download(self, model, domain):
        query = url_encode({"domain": json.dumps(domain)})
        return self.url_open(f"/crm_full/report/xlsx/{model}?{query}")

    def test_download_reads_as_the_user(self):
        """Record rules apply to the file: a salesperson gets only their own rows."""
        self.authenticate("cfx_sales", "cfx_sales")
        response = self._download("crm.report.forecast", [("lead_id", "in", self.leads.ids)])
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], XLSX_MIMETYPE)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        sheet = load_workbook(io.BytesIO(response.content)).active
        self.assertEqual(sheet.max_row, 2, "header and the salesperson's own opportunity")
        self.assertEqual(sheet["B2"].value, "Mine")

    def test_only_report_models_are_exported(self):
        self.authenticate("cfx_sales", "cfx_sales")
        self.assertEqual(self._download("res.partner", []).status_code, 404)
        self.assertEqual(self._download("no.such.model", []).status_code, 404)
        response = self.url_open("/crm_full/report/xlsx/crm.report.forecast?domain=oops")
        self.assertEqual(response.status_code, 400)
