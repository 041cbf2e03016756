# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import csv
import io
import json

from openpyxl import load_workbook

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged

SALES = "crm_full.crm_full_group_user,base.group_allow_export"


@tagged("post_install", "-at_install", "crm_full_audit")
class TestExportAuditHttp(HttpCase):
    """Odoo's export routes as a salesperson: the customer list must not leave with them
    (数据归属于企业). Before issue 17 "Export all" sent a domain that covered every
    customer a salesperson can read (the pool's, unowned companies), and nothing was logged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_a = new_test_user(cls.env, "cfeh_a", groups=SALES, tz="Asia/Shanghai")
        cls.user_b = new_test_user(cls.env, "cfeh_b", groups=SALES, tz="Asia/Shanghai")
        cls.customers_a = cls.env["res.partner"].create(
            [{"name": f"甲导出{i}", "is_company": True, "user_id": cls.user_a.id} for i in range(2)]
        )
        cls.customer_b = cls.env["res.partner"].create(
            {"name": "乙导出", "is_company": True, "user_id": cls.user_b.id}
        )
        cls.unowned = cls.env["res.partner"].create({"name": "无主导出", "is_company": True})

    def _export(self, route, ids=False, domain=None, fields=("name",), **params):
        data = {
            "model": "res.partner",
            "fields": [{"name": name, "label": name, "type": "char"} for name in fields],
            "ids": ids,
            "domain": domain or [],
            "import_compat": True,
            "context": {},
            **params,
        }
        return self.url_open(
            route, data={"data": json.dumps(data), "csrf_token": http.Request.csrf_token(self)}
        )

    def _names(self, response):
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        return {row[0] for row in rows[1:]}

    def _logs(self, user):
        return self.env["crm.export.log"].search([("user_id", "=", user.id)])

    def test_export_all_gives_only_own_customers(self):
        """B's "Export all" over everything named 导出 yields B's customer only, logged."""
        self.authenticate("cfeh_b", "cfeh_b")
        response = self._export("/web/export/csv", domain=[("name", "like", "导出")])
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self._names(response), {"乙导出"})
        log = self._logs(self.user_b)
        self.assertEqual(
            (log.res_model, log.record_count, log.field_names), ("res.partner", 1, "name")
        )

    def test_grouped_export_all_gives_only_own_customers(self):
        """The grouped "Export all" reads each group by its own domain: narrowed too."""
        self.authenticate("cfeh_b", "cfeh_b")
        response = self._export(
            "/web/export/xlsx",
            domain=[("name", "like", "导出")],
            import_compat=False,
            groupby=["user_id"],
        )
        self.assertEqual(response.status_code, 200)
        sheet = load_workbook(io.BytesIO(response.content)).active
        cells = {str(cell.value) for row in sheet.iter_rows() for cell in row}
        self.assertIn("乙导出", cells)
        self.assertFalse({"甲导出0", "甲导出1", "无主导出"} & cells)
        self.assertEqual(self._logs(self.user_b).record_count, 1)

    def test_selected_ids_of_others_refused(self):
        """B sends A's customer ids: refused, no data in the answer, nothing logged."""
        self.authenticate("cfeh_b", "cfeh_b")
        with self.assertLogs("odoo.addons.web.controllers.export", "ERROR"):
            response = self._export("/web/export/xlsx", ids=self.customers_a.ids)
        self.assertEqual(response.status_code, 500)
        self.assertNotIn("甲导出", response.text)
        self.assertFalse(self._logs(self.user_b))

    def test_export_all_as_admin_is_logged(self):
        self.authenticate("admin", "admin")
        response = self._export("/web/export/xlsx", domain=[("name", "like", "导出")])
        self.assertEqual(response.status_code, 200)
        log = self._logs(self.env.ref("base.user_admin"))
        self.assertEqual(log.record_count, 4)

    def test_tour_salesperson_export_is_logged(self):
        """A zh_CN salesperson exports their customers from the list; the log has it."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.user_a.lang = "zh_CN"
        # Odoo's own download helper sends a "token" its 18 export route does not take
        with self.assertLogs("odoo.http", "WARNING"):
            self.start_tour(
                "/odoo/action-crm_full.res_partner_action_lifecycle?view_type=list",
                "crm_full_export_audit_tour",
                login="cfeh_a",
            )
        log = self._logs(self.user_a)
        self.assertEqual(log.res_model, "res.partner")
        self.assertGreaterEqual(log.record_count, 1)
