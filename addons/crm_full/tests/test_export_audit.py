# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon

SALES = "crm_full.crm_full_group_user,base.group_allow_export"


@tagged("crm_full_audit")
class TestExportAudit(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_a = new_test_user(cls.env, "cfe_a", groups=SALES, lang="en_US")
        cls.user_b = new_test_user(cls.env, "cfe_b", groups=SALES)
        cls.manager = new_test_user(
            cls.env, "cfe_manager", groups="crm_full.crm_full_group_manager,base.group_allow_export"
        )
        cls.director = new_test_user(
            cls.env, "cfe_director", groups="crm_full.crm_full_group_sales_director"
        )
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["crm_full"], ["zh_CN"], overwrite=True)
        cls.director.lang = "zh_CN"
        cls.customers_a = cls.env["res.partner"].create(
            [{"name": f"甲客户{i}", "is_company": True, "user_id": cls.user_a.id} for i in range(3)]
        )
        cls.customer_b = cls.env["res.partner"].create(
            {"name": "乙客户", "is_company": True, "user_id": cls.user_b.id}
        )
        cls.lead_a = cls.env["crm.lead"].create({"name": "A's lead", "user_id": cls.user_a.id})
        cls.lead_b = cls.env["crm.lead"].create({"name": "B's lead", "user_id": cls.user_b.id})
        cls.Log = cls.env["crm.export.log"]

    def _logs(self, user):
        return self.Log.search([("user_id", "=", user.id)])

    def test_export_is_logged(self):
        """Odoo's export writes who exported which model, how many and which fields."""
        customers = self.customers_a.with_user(self.user_a)
        customers.export_data(["name", "email", "phone"])
        log = self._logs(self.user_a)
        self.assertEqual(len(log), 1)
        self.assertEqual(log.res_model, "res.partner")
        self.assertEqual(log.record_count, 3)
        self.assertEqual(log.field_names, "name, email, phone")
        self.assertEqual(log.company_id, self.env.company)
        self.assertEqual(log.source, "export")

    def test_grouped_export_is_one_line(self):
        """A grouped export reads each group apart; the transaction keeps one line."""
        partners = self.customers_a.with_user(self.user_a)
        partners[0].export_data(["name"])
        partners[1:].export_data(["name"])
        log = self._logs(self.user_a)
        self.assertEqual(len(log), 1)
        self.assertEqual(log.record_count, 3)
        self.env.cr.precommit.clear()  # a new transaction: a new line
        partners.export_data(["name"])
        self.assertEqual(len(self._logs(self.user_a)), 2)

    def test_leads_and_orders_are_logged(self):
        self.lead_a.with_user(self.user_a).export_data(["name", "user_id"])
        order = self.env["sale.order"].create(
            {"partner_id": self.customers_a[0].id, "user_id": self.user_a.id}
        )
        order.with_user(self.user_a).export_data(["name"])
        self.assertEqual(
            sorted(self._logs(self.user_a).mapped("res_model")), ["crm.lead", "sale.order"]
        )

    def test_salesperson_cannot_export_others_records(self):
        """Adversary: B selects A's customers (ids over RPC): refused, nothing logged."""
        with self.assertRaises(AccessError):
            self.customers_a.with_user(self.user_b).export_data(["name"])
        # a readable but unowned company is not theirs to export either
        unowned = self.env["res.partner"].create({"name": "无主公司", "is_company": True})
        mixed = (self.customer_b | unowned).with_user(self.user_b)
        with self.assertRaises(AccessError):
            mixed.export_data(["name"])
        with self.assertRaises(AccessError):
            self.lead_a.with_user(self.user_b).export_data(["name"])
        self.assertFalse(self._logs(self.user_b))

    def test_scope_domain(self):
        """Salespeople are limited to their own records; managers are not."""
        Partner = self.env["res.partner"]
        self.assertIsNone(Partner.with_user(self.manager)._export_scope_domain())
        self.assertIsNone(Partner._export_scope_domain())  # superuser
        domain = Partner.with_user(self.user_b)._export_scope_domain()
        self.assertEqual(Partner.search([*domain, ("id", "in", self.customers_a.ids)]).ids, [])
        self.assertEqual(Partner.search([*domain, ("name", "=", "乙客户")]), self.customer_b)
        self.customers_a.with_user(self.manager).export_data(["name"])
        self.assertEqual(self._logs(self.manager).record_count, 3)

    def test_log_is_read_only(self):
        """Nobody writes the log: salespeople do not even read it, managers only read."""
        self.customers_a.with_user(self.user_a).export_data(["name"])
        log = self._logs(self.user_a)
        with self.assertRaises(AccessError):
            log.with_user(self.user_a).read(["record_count"])
        with self.assertRaises(AccessError):
            self.Log.with_user(self.user_a).create(
                {"user_id": self.user_b.id, "company_id": self.env.company.id, "res_model": "x"}
            )
        self.assertEqual(log.with_user(self.manager).record_count, 3)
        for operation in (
            lambda: log.with_user(self.manager).write({"record_count": 0}),
            lambda: log.with_user(self.manager).unlink(),
            lambda: self.Log.with_user(self.manager).create(
                {"user_id": self.manager.id, "company_id": self.env.company.id, "res_model": "x"}
            ),
        ):
            with self.assertRaises(AccessError):
                operation()
        self.assertEqual(log.record_count, 3)

    def test_threshold_notifies_director_once_per_day(self):
        """Over the daily limit the director gets one to-do in their language, not one per export."""
        self.env.company.export_daily_threshold = 4
        customers = self.customers_a.with_user(self.user_a)
        customers.export_data(["name"])
        self.assertFalse(self._logs(self.user_a).activity_ids, "3 records: under the limit")
        self.env.cr.precommit.clear()
        customers.export_data(["name", "email"])
        log = self._logs(self.user_a).filtered("threshold_notified")
        self.assertEqual(len(log), 1)
        activity = log.activity_ids.filtered(lambda act: act.user_id == self.director)
        self.assertEqual(len(activity), 1)
        self.assertIn("大量导出", activity.summary)
        self.assertIn("6", str(activity.note))
        self.env.cr.precommit.clear()
        customers.export_data(["phone"])
        self.assertEqual(
            len(
                self._logs(self.user_a).activity_ids.filtered(lambda a: a.user_id == self.director)
            ),
            1,
            "once per day and user",
        )
        # another user's exports are counted apart
        self.customer_b.with_user(self.user_b).export_data(["name"])
        self.assertFalse(self._logs(self.user_b).threshold_notified)

    def test_other_company_log_hidden(self):
        """A manager reads the log of their companies only."""
        other = self.env["res.company"].create({"name": "深圳分公司"})
        log = self.Log.create(
            {"user_id": self.user_b.id, "company_id": other.id, "res_model": "res.partner"}
        )
        self.assertNotIn(log, self.Log.with_user(self.manager).search([]))
        with self.assertRaises(AccessError):
            log.with_user(self.manager).read(["record_count"])

    def test_threshold_zero_never_notifies(self):
        self.env.company.export_daily_threshold = 0
        self.customers_a.with_user(self.user_a).export_data(["name"])
        self.assertFalse(self._logs(self.user_a).activity_ids)

    def test_bad_settings_refused(self):
        with self.assertRaises(ValidationError):
            self.env.company.export_daily_threshold = -1
        with self.assertRaises(ValidationError):
            self.env.company.activity_untouched_days = 0

    def test_report_excel_export_is_logged(self):
        Report = self.env["crm.report.activity"].with_user(self.manager)
        Report._xlsx_export([])
        log = self._logs(self.manager)
        self.assertEqual(log.source, "report")
        self.assertEqual(log.res_model, "crm.report.activity")


@tagged("crm_full_audit")
class TestPartnerTracking(TransactionCase):
    def test_sensitive_changes_are_tracked(self):
        """Owner, credit code, phone, mobile, e-mail: each change leaves a tracking value."""
        user = new_test_user(self.env, "cfe_owner", groups="crm_full.crm_full_group_user")
        partner = self.env["res.partner"].create({"name": "追踪公司", "is_company": True})
        self.env.cr.flush()  # tracking is written at commit time
        partner.write(
            {
                "user_id": user.id,
                "company_registry": "91330200MA2K000429",
                "phone": "0571-88886666",
                "mobile": "13800138000",
                "email": "track@example.com",
            }
        )
        self.env.flush_all()
        self.env.cr.flush()
        partner.invalidate_recordset(["message_ids"])
        tracked = partner.message_ids.tracking_value_ids.field_id.mapped("name")
        for name in ("user_id", "company_registry", "phone", "mobile", "email"):
            self.assertIn(name, tracked)
        self.assertTrue(self.env["res.partner"]._fields["lifecycle_stage_id"].tracking)
