# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from datetime import datetime

from openpyxl import load_workbook

from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon

from ..tools.local_dates import company_today

GROUPS = "crm_full.crm_full_group_user"
# 2026-11-30 17:30 UTC is 1 December 01:30 in Shanghai: December's
LATE_NIGHT = datetime(2026, 11, 30, 17, 30)


@tagged("crm_full_audit")
class TestActivityReport(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_id.tz = "Asia/Shanghai"
        cls.leader = new_test_user(cls.env, "cfa_leader", groups=GROUPS)
        cls.user_a = new_test_user(cls.env, "cfa_a", groups=GROUPS)
        cls.user_b = new_test_user(cls.env, "cfa_b", groups=GROUPS)
        cls.manager = new_test_user(
            cls.env, "cfa_manager", groups="crm_full.crm_full_group_manager"
        )
        cls.team_a = cls.env["crm.team"].create(
            {
                "name": "华东一组",
                "user_id": cls.leader.id,
                "crm_team_member_ids": [Command.create({"user_id": cls.user_a.id})],
            }
        )
        cls.team_b = cls.env["crm.team"].create(
            {"name": "华南组", "crm_team_member_ids": [Command.create({"user_id": cls.user_b.id})]}
        )
        cls.customer_a = cls.env["res.partner"].create(
            {"name": "甲公司", "is_company": True, "user_id": cls.user_a.id}
        )
        cls.customer_a2 = cls.env["res.partner"].create(
            {"name": "甲二公司", "is_company": True, "user_id": cls.user_a.id}
        )
        cls.customer_b = cls.env["res.partner"].create(
            {"name": "乙公司", "is_company": True, "user_id": cls.user_b.id}
        )
        cls.lead_a = cls.env["crm.lead"].create(
            {
                "name": "甲商机",
                "user_id": cls.user_a.id,
                "team_id": cls.team_a.id,
                "partner_id": cls.customer_a.id,
            }
        )
        Followup = cls.env["crm.followup"]
        Followup.create(
            [
                {
                    "lead_id": cls.lead_a.id,
                    "user_id": cls.user_a.id,
                    "channel": channel,
                    "date": LATE_NIGHT,
                    "summary": "拜访",
                }
                for channel in ("visit", "call", "call")
            ]
            + [
                {
                    "partner_id": cls.customer_b.id,
                    "user_id": cls.user_b.id,
                    "channel": "wechat",
                    "date": LATE_NIGHT,
                    "summary": "微信沟通",
                }
            ]
        )
        cls.Report = cls.env["crm.report.activity"]

    def _rows(self, user, env_user=None, **domain):
        Report = self.Report.with_user(env_user) if env_user else self.Report
        self.env.flush_all()
        return Report.search(
            [("user_id", "=", user.id), *[(key, "=", value) for key, value in domain.items()]]
        )

    def test_followups_by_channel_on_the_local_day(self):
        """Four follow-ups at 01:30 Shanghai time fall on 1 December, by channel and team."""
        row = self._rows(self.user_a, date="2026-12-01")
        self.assertEqual(len(row), 1)
        self.assertEqual(row.team_id, self.team_a)
        self.assertEqual(
            (row.followup_count, row.visit_count, row.call_count, row.wechat_count),
            (3, 1, 2, 0),
        )
        self.assertEqual(row.customers_touched, 1, "three follow-ups, one customer")
        self.assertFalse(self._rows(self.user_a, date="2026-11-30"))
        row_b = self._rows(self.user_b, date="2026-12-01")
        self.assertEqual((row_b.wechat_count, row_b.team_id), (1, self.team_b))

    def test_portfolio_on_today(self):
        """Owned customers, and those not touched for N days, are on today's row."""
        today = company_today(self.env.company)
        row = self._rows(self.user_a, date=today)
        self.assertEqual(row.customers_owned, 2)
        # the followed-up customer was touched at the end of November 2026
        days_since = (today - LATE_NIGHT.date()).days
        self.env.company.activity_untouched_days = days_since + 10
        row = self._rows(self.user_a, date=today)
        self.assertEqual(row.customers_untouched, 1, "甲二公司 never followed up")
        self.env.company.activity_untouched_days = 1
        self.env.invalidate_all()
        if days_since > 1:
            self.assertEqual(self._rows(self.user_a, date=today).customers_untouched, 2)

    def test_quotations_and_approvals(self):
        order = self.env["sale.order"].create(
            {"partner_id": self.customer_a.id, "user_id": self.user_a.id, "team_id": self.team_a.id}
        )
        order.with_user(self.user_a).sudo().message_post(
            body="报价单", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        order.with_user(self.user_a).sudo().message_post(
            body="再发一次", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        order.with_user(self.user_a).sudo().message_post(
            body="内部备注", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        marked = self.env["sale.order"].create(
            {"partner_id": self.customer_a2.id, "user_id": self.user_a.id, "state": "sent"}
        )
        self.env["crm.approval.request"].create(
            [
                {
                    "order_id": order.id,
                    "rule_id": rule.id,
                    "requested_by_id": self.user_a.id,
                    "request_date": LATE_NIGHT,
                }
                for rule in self.env["crm.approval.rule"].search([], limit=2)
            ]
        )
        rows = self._rows(self.user_a)
        self.assertEqual(
            sum(rows.mapped("quotation_count")), 2, "each order once; notes are not sent"
        )
        self.assertEqual(sum(rows.mapped("approval_count")), 1, "one order, however many steps")
        self.assertEqual(self._rows(self.user_a, date="2026-12-01").approval_count, 1)
        self.assertEqual(marked.state, "sent")

    def test_record_rules(self):
        """Salespeople see their own rows, the leader the team's, managers all."""
        everyone = self.user_a | self.user_b
        seen_by = {}
        for user in (self.user_a, self.user_b, self.leader, self.manager):
            self.env.flush_all()
            rows = self.Report.with_user(user).search([("user_id", "in", everyone.ids)])
            seen_by[user] = rows.user_id
        self.assertEqual(seen_by[self.user_a], self.user_a)
        self.assertEqual(seen_by[self.user_b], self.user_b)
        self.assertEqual(seen_by[self.leader], self.user_a, "team A's rows, not team B's")
        self.assertEqual(seen_by[self.manager], everyone)

    def test_other_company_hidden(self):
        other = self.env["res.company"].create({"name": "深圳分公司"})
        self.env["crm.followup"].create(
            {
                "partner_id": self.customer_b.id,
                "user_id": self.user_b.id,
                "channel": "visit",
                "summary": "x",
                "company_id": other.id,
            }
        )
        self.env.flush_all()
        rows = self.Report.with_user(self.manager).search([("user_id", "=", self.user_b.id)])
        self.assertNotIn(other, rows.company_id)
        self.assertIn(other, self.Report.search([("user_id", "=", self.user_b.id)]).company_id)

    def test_excel_export(self):
        """The Excel file holds the reader's rows, with Chinese headers for a zh_CN reader."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["crm_full"], ["zh_CN"], overwrite=True)
        Report = self.Report.with_user(self.user_b).with_context(lang="zh_CN")
        self.env.flush_all()
        _name, content = Report._xlsx_export([("date", "=", "2026-12-01")])
        sheet = load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet.max_row, 2, "header and B's own row only")
        headers = [cell.value for cell in sheet[1]]
        self.assertIn("拜访", headers)
        self.assertIn("微信", headers)

    def test_grouped_by_team(self):
        self.env.flush_all()
        groups = self.Report.with_user(self.manager)._read_group(
            [("date", "=", "2026-12-01")], ["team_id"], ["followup_count:sum"]
        )
        totals = dict(groups)
        self.assertEqual(totals[self.team_a], 3)
        self.assertEqual(totals[self.team_b], 1)

    def test_untouched_ignores_contacts_and_users(self):
        """Only customer accounts count as owned, not their contacts."""
        self.env["res.partner"].create(
            {"name": "联系人", "parent_id": self.customer_a.id, "user_id": self.user_a.id}
        )
        today = company_today(self.env.company)
        self.assertEqual(self._rows(self.user_a, date=today).customers_owned, 2)
