# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from datetime import date, datetime, timedelta
from unittest.mock import patch

from openpyxl import load_workbook

from odoo import Command
from odoo.tests import freeze_time, new_test_user, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

T0 = datetime(2026, 3, 2, 9, 0)
MARCH = [("date", ">=", date(2026, 3, 1)), ("date", "<=", date(2026, 3, 31))]


@tagged("post_install", "-at_install", "crm_full_report")
class TestSalesReports(AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False, mail_notrack=False))
        # the accounting persona of AccountTestInvoicingCommon also manages sales
        cls.env.user.groups_id += cls.env.ref("crm_full.crm_full_group_manager")
        company = cls.env.company
        groups = "crm_full.crm_full_group_user"
        cls.user_a = new_test_user(cls.env, "cfr_a", groups=groups, company_id=company.id)
        cls.user_b = new_test_user(cls.env, "cfr_b", groups=groups, company_id=company.id)
        cls.team = cls.env["crm.team"].create({"name": "华东销售部", "company_id": company.id})
        cls.zhejiang = cls.env.ref("base.state_cn_ZJ")
        cls.guangdong = cls.env.ref("base.state_cn_GD")
        cls.customer_zj = cls.env["res.partner"].create(
            {"name": "杭州云帆科技有限公司", "is_company": True, "state_id": cls.zhejiang.id}
        )
        cls.customer_gd = cls.env["res.partner"].create(
            {"name": "深圳华锐电子有限公司", "is_company": True, "state_id": cls.guangdong.id}
        )
        cls.stages = {
            xmlid: cls.env.ref(f"crm.{xmlid}")
            for xmlid in ("stage_lead1", "stage_lead2", "stage_lead3", "stage_lead4")
        }

    # ------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------

    def _lead(self, user, partner, **vals):
        return self.env["crm.lead"].create(
            {
                "name": f"{partner.name} 商机",
                "type": "opportunity",
                "user_id": user.id,
                "team_id": self.team.id,
                "partner_id": partner.id,
                **vals,
            }
        )

    def _won(self, user, partner, amount, when):
        lead = self._lead(user, partner, expected_revenue=amount)
        with freeze_time(when):
            lead.action_set_won()
        return lead

    def _invoice(self, user, partner, amount, move_type="out_invoice"):
        move = self.init_invoice(
            move_type, partner=partner, invoice_date=date(2026, 3, 20), amounts=[amount]
        )
        move.write({"invoice_user_id": user.id, "team_id": self.team.id})
        move.action_post()
        return move

    def _pay(self, move, amount=None):
        vals = {"payment_date": date(2026, 3, 25)}
        if amount is not None:
            vals["amount"] = amount
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=move.ids
        ).create(vals)._create_payments()

    def _confirmed_order(self, user, partner, when):
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": user.id,
                "team_id": self.team.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.product_a.id, "product_uom_qty": 1, "price_unit": 800}
                    )
                ],
            }
        )
        with freeze_time(when):
            order.action_confirm()
        return order

    def _flush_tracking(self):
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _move_stage(self, lead, xmlid, when):
        with freeze_time(when):
            lead.stage_id = self.stages[xmlid]
            self._flush_tracking()

    # ------------------------------------------------------------
    # leaderboard
    # ------------------------------------------------------------

    def test_leaderboard_won_collected_new_customers_and_completion(self):
        self._won(self.user_a, self.customer_zj, 50000, T0 + timedelta(days=3))
        self._won(self.user_a, self.customer_gd, 30000, T0 + timedelta(days=4))
        self._won(self.user_b, self.customer_gd, 20000, T0 + timedelta(days=5))
        self._won(self.user_b, self.customer_gd, 70000, datetime(2026, 4, 1, 9, 0))  # April
        lost = self._lead(self.user_a, self.customer_zj, expected_revenue=90000)
        lost.action_set_lost()
        self._lead(self.user_a, self.customer_zj, expected_revenue=90000)  # still open

        invoice_a = self._invoice(self.user_a, self.customer_zj, 10000)
        self._pay(invoice_a, 4000)  # partly paid: 4,000 collected
        invoice_b = self._invoice(self.user_b, self.customer_gd, 3000)
        self._pay(invoice_b)  # fully paid
        refund_a = self._invoice(self.user_a, self.customer_zj, 500, move_type="out_refund")
        self._pay(refund_a)  # paid back: counts negative
        self._invoice(self.user_b, self.customer_gd, 9999)  # unpaid: nothing collected

        self._confirmed_order(self.user_a, self.customer_zj, T0 + timedelta(days=1))
        self._confirmed_order(self.user_b, self.customer_zj, T0 + timedelta(days=8))  # repeat
        self._confirmed_order(self.user_b, self.customer_gd, T0 + timedelta(days=9))

        Target = self.env["crm.sales.target"]
        target_a = Target.create(
            {
                "user_id": self.user_a.id,
                "date_from": date(2026, 3, 1),
                "target_amount_won": 100000,
                "target_amount_collected": 7000,
            }
        )
        Target.create(
            {
                "team_id": self.team.id,
                "period_type": "quarter",
                "date_from": date(2026, 1, 1),
                "target_amount_won": 400000,
            }
        )
        self.env.flush_all()

        Board = self.env["crm.report.leaderboard"]
        domain = [*MARCH, ("company_id", "=", self.env.company.id)]
        measures = [
            "won_count:sum",
            "won_amount:sum",
            "collected_amount:sum",
            "new_customer_count:sum",
            "completion_won:avg",
            "completion_collected:avg",
        ]
        by_user = {
            user: rest
            for user, *rest in Board._read_group(
                [*domain, ("user_id", "!=", False)], ["user_id"], measures
            )
        }
        paid_b = invoice_b.amount_total_signed
        refund = refund_a.amount_total_signed  # negative
        self.assertLess(refund, 0)
        won_count, won, collected, new, completion_won, completion_collected = by_user[self.user_a]
        self.assertEqual((won_count, won, new), (2, 80000, 1))
        self.assertAlmostEqual(collected, 4000 + refund)
        self.assertAlmostEqual(completion_won, 80.0)
        self.assertAlmostEqual(completion_collected, 100.0 * (4000 + refund) / 7000)
        won_count, won, collected, new, completion_won, _cc = by_user[self.user_b]
        self.assertEqual(
            (won_count, won, new), (1, 20000, 1), "the repeat order is no new customer"
        )
        self.assertAlmostEqual(collected, paid_b)
        self.assertFalse(completion_won, "no target, no completion")

        by_team = Board._read_group(
            [*domain, ("team_id", "!=", False)],
            ["team_id"],
            ["won_amount:sum", "target_amount_won:sum", "completion_won:avg"],
        )
        [(team, won, target, completion)] = by_team
        self.assertEqual((team, won), (self.team, 100000))
        self.assertAlmostEqual(target, 400000 / 3, 2, "March holds a third of the Q1 target")
        self.assertAlmostEqual(completion, 75.0, 2)
        by_region = dict(
            Board._read_group(
                [*domain, ("state_id", "!=", False)], ["state_id"], ["won_amount:sum"]
            )
        )
        self.assertEqual(by_region, {self.zhejiang: 50000, self.guangdong: 50000})

        self.assertEqual(target_a.amount_won, 80000)
        self.assertAlmostEqual(target_a.amount_collected, 4000 + refund)
        self.assertAlmostEqual(target_a.completion_won, 80.0)

    # ------------------------------------------------------------
    # funnels
    # ------------------------------------------------------------

    def test_opportunity_funnel_from_stage_history(self):
        with freeze_time(T0), patch.object(self.env.cr, "now", lambda: T0):
            leads = [
                self._lead(self.user_a, self.customer_zj, stage_id=self.stages["stage_lead1"].id)
                for _i in range(3)
            ]
            self._flush_tracking()
        lead_a, lead_b, _lead_c = leads
        self._move_stage(lead_a, "stage_lead2", T0 + timedelta(days=2))
        self._move_stage(lead_a, "stage_lead3", T0 + timedelta(days=4))
        self._move_stage(lead_a, "stage_lead4", T0 + timedelta(days=6))
        self._move_stage(lead_b, "stage_lead3", T0 + timedelta(days=3))  # skips "Qualified"
        self._move_stage(lead_b, "stage_lead2", T0 + timedelta(days=5))  # and moves back
        self.assertEqual(len(lead_a.message_ids.tracking_value_ids), 3)

        rows = self.env["crm.report.stage.funnel"]._read_group(
            [("lead_id", "in", [lead.id for lead in leads])],
            ["stage_id"],
            ["reached_count:sum", "conversion_rate:avg", "days_to_reach:avg"],
        )
        funnel = {stage: rest for stage, *rest in rows}
        new, qualified, proposition, won = (self.stages[x] for x in sorted(self.stages))
        self.assertEqual(funnel[new][:2], [3, 100.0])
        self.assertEqual(funnel[qualified][0], 2)
        self.assertAlmostEqual(funnel[qualified][1], 200 / 3)
        self.assertAlmostEqual(funnel[qualified][2], 2.5)  # 2 days (A) and 3 days (B, skipped)
        self.assertEqual(funnel[proposition][:2], [2, 100.0])
        self.assertAlmostEqual(funnel[proposition][2], 3.5)
        self.assertEqual(funnel[won][:3], [1, 50.0, 6.0])

    def test_leaderboard_rank(self):
        """The leaderboard ranks salespeople by won amount: over the whole
        period when grouped by salesperson, within each month in the pivot."""
        self._won(self.user_a, self.customer_zj, 50000, T0 + timedelta(days=3))
        self._won(self.user_b, self.customer_gd, 20000, T0 + timedelta(days=5))
        self._won(self.user_b, self.customer_gd, 70000, datetime(2026, 4, 1, 9, 0))
        self._won(self.user_a, self.customer_gd, 10000, datetime(2026, 4, 2, 9, 0))
        self.env.flush_all()
        Board = self.env["crm.report.leaderboard"]
        domain = [
            ("user_id", "in", (self.user_a | self.user_b).ids),
            ("date", ">=", date(2026, 3, 1)),
            ("date", "<", date(2026, 5, 1)),
        ]
        by_user = Board._read_group(
            domain, ["user_id"], ["won_amount:sum", "won_rank:min"], order="won_rank:min"
        )
        self.assertEqual(
            by_user, [(self.user_b, 90000, 1), (self.user_a, 60000, 2)], "rank over both months"
        )
        by_month = Board._read_group(
            domain, ["user_id", "date:month"], ["won_rank:min"], order="date:month, won_rank:min"
        )
        self.assertEqual(
            [(user, month.month, rank) for user, month, rank in by_month],
            [(self.user_a, 3, 1), (self.user_b, 3, 2), (self.user_b, 4, 1), (self.user_a, 4, 2)],
        )
        (total,) = Board._read_group(domain, [], ["won_rank:min"])
        self.assertEqual(total, (1,))

    def test_lifecycle_funnel_from_history(self):
        Partner = self.env["res.partner"]
        journeys = {
            "甲": [("reached", 0), ("engaged", 1), ("opportunity", 3), ("customer", 10)],
            "乙": [("reached", 0), ("customer", 5)],
            "丙": [("reached", 0)],
        }
        partners = Partner
        for name, steps in journeys.items():
            partner = Partner.create({"name": f"{name}公司", "is_company": True})
            for code, day in steps:
                with freeze_time(T0 + timedelta(days=day)):
                    partner._lifecycle_advance(code)
            partners |= partner
        self.env.flush_all()
        rows = self.env["crm.report.lifecycle.funnel"]._read_group(
            [("partner_id", "in", partners.ids)],
            ["stage_id"],
            ["reached_count:sum", "conversion_rate:avg", "days_from_first:avg"],
        )
        funnel = {stage.code: rest for stage, *rest in rows}
        self.assertEqual(funnel["reached"][:2], [3, 100.0])
        self.assertEqual(funnel["engaged"][0], 2, "a skipped stage counts as reached")
        self.assertAlmostEqual(funnel["engaged"][2], 3.0)  # 1 day and 5 days
        self.assertEqual(funnel["customer"][:3], [2, 100.0, 7.5])
        self.assertEqual(funnel["delivery"][:2], [0, 0.0])
        self.assertNotIn("repeat", funnel, "nobody reached the stage before it")

    def test_lifecycle_funnel_days_from_back_dated_history(self):
        """Regression: "days from first stage" read 0.00 on every stage. A
        customer given its stage at creation (import, demo) had its journey
        start at its first recorded move, so every stage was reached "at once",
        and customers without any move averaged in as 0 days."""
        Partner, History = self.env["res.partner"], self.env["crm.lifecycle.history"].sudo()
        stage = {
            code: self.env["crm.lifecycle.stage"].search([("code", "=", code)])
            for code in ("reached", "engaged", "customer", "repeat")
        }
        imported, untracked, tracked = Partner.create(
            [{"name": name, "is_company": True} for name in ("导入公司", "无记录公司", "记录公司")]
        )
        # imported at "customer" on T0, moved to "repeat" a month later
        imported.sudo().write({"lifecycle_stage_id": stage["customer"].id})
        self.env.cr.execute(
            "UPDATE res_partner SET create_date = %s WHERE id = %s", [T0, imported.id]
        )
        History.create(
            {
                "partner_id": imported.id,
                "old_stage_id": stage["customer"].id,
                "new_stage_id": stage["repeat"].id,
                "date": T0 + timedelta(days=30),
            }
        )
        imported.sudo().write({"lifecycle_stage_id": stage["repeat"].id})
        untracked.sudo().write({"lifecycle_stage_id": stage["customer"].id})
        previous = False
        for code, day in (("reached", 0), ("engaged", 4), ("customer", 10)):
            History.create(
                {
                    "partner_id": tracked.id,
                    "old_stage_id": previous,
                    "new_stage_id": stage[code].id,
                    "date": T0 + timedelta(days=day),
                }
            )
            previous = stage[code].id
        tracked.sudo().write({"lifecycle_stage_id": stage["customer"].id})
        self.env.invalidate_all()
        self.env.flush_all()
        rows = self.env["crm.report.lifecycle.funnel"]._read_group(
            [("partner_id", "in", (imported | untracked | tracked).ids)],
            ["stage_id"],
            ["reached_count:sum", "days_from_first:avg"],
        )
        funnel = {stage.code: rest for stage, *rest in rows}
        self.assertEqual(funnel["reached"], [3, 0.0])
        self.assertEqual(funnel["engaged"], [3, 2.0], "4 days (tracked), 0 (imported)")
        self.assertEqual(funnel["customer"], [3, 5.0], "10 days (tracked), 0 (imported)")
        self.assertEqual(funnel["repeat"], [1, 30.0], "imported on T0, repeat a month later")
        untracked_rows = self.env["crm.report.lifecycle.funnel"].search(
            [("partner_id", "=", untracked.id), ("reached_count", "=", 1)]
        )
        self.assertEqual(len(untracked_rows), 4, "reached..customer all count as reached")
        self.env.cr.execute(
            "SELECT COUNT(*) FROM crm_report_lifecycle_funnel"
            " WHERE partner_id = %s AND days_from_first IS NOT NULL",
            [untracked.id],
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0, "no move recorded: no duration")

    # ------------------------------------------------------------
    # forecast and follow-up delay
    # ------------------------------------------------------------

    def _forecast_leads(self):
        return (
            self._lead(
                self.user_a,
                self.customer_zj,
                expected_revenue=100000,
                probability=40,
                date_deadline=date(2026, 4, 15),
            )
            | self._lead(
                self.user_a,
                self.customer_gd,
                expected_revenue=50000,
                probability=80,
                date_deadline=date(2026, 4, 20),
            )
            | self._lead(
                self.user_b,
                self.customer_gd,
                expected_revenue=10000,
                probability=10,
                date_deadline=date(2026, 5, 1),
            )
        )

    def test_forecast_weighted_by_probability(self):
        leads = self._forecast_leads()
        won = self._won(self.user_a, self.customer_zj, 1000, T0)
        self.env.flush_all()  # the report reads the tables
        rows = self.env["crm.report.forecast"]._read_group(
            [("lead_id", "in", (leads | won).ids)],
            ["date_deadline:month"],
            ["weighted_amount:sum", "expected_revenue:sum", "probability:avg", "__count"],
        )
        april, may = rows
        self.assertEqual(april[1:3], (80000, 150000))
        self.assertAlmostEqual(april[3], 100 * 80000 / 150000)
        self.assertEqual(april[4], 2)
        self.assertEqual(may[1:], (1000, 10000, 10.0, 1), "the won deal is not forecast")

    def test_forecast_sees_unflushed_writes(self):
        """Changing a probability and reading the forecast in the same
        transaction: the view's _depends flush the lead first."""
        lead = self._forecast_leads()[0]
        self.env.flush_all()
        lead.probability = 90  # in cache only
        [(weighted,)] = self.env["crm.report.forecast"]._read_group(
            [("lead_id", "=", lead.id)], [], ["weighted_amount:sum"]
        )
        self.assertEqual(weighted, 90000)

    def test_first_followup_delay(self):
        leads = [self._lead(user, self.customer_zj) for user in (self.user_a, self.user_b)]
        leads.append(self._lead(self.user_a, self.customer_gd))
        self.env.flush_all()
        created = leads[0].create_date
        Followup = self.env["crm.followup"]
        for lead, hours in ((leads[0], 5), (leads[0], 2), (leads[1], 10)):
            Followup.create(
                {
                    "lead_id": lead.id,
                    "date": created + timedelta(hours=hours),
                    "summary": "电话跟进",
                    "user_id": lead.user_id.id,
                }
            )
        self.env.flush_all()
        rows = self.env["crm.report.followup.delay"]._read_group(
            [("lead_id", "in", [lead.id for lead in leads])],
            ["user_id"],
            ["delay_hours:avg", "followed_up_count:sum", "__count"],
        )
        self.assertEqual(
            {user: rest for user, *rest in rows},
            {self.user_a: [2.0, 1, 2], self.user_b: [10.0, 1, 1]},
        )

    def test_salesperson_sees_own_report_rows(self):
        leads = self._forecast_leads()
        self.env.flush_all()
        Forecast = self.env["crm.report.forecast"].with_user(self.user_a)
        rows = Forecast.search([("lead_id", "in", leads.ids)])
        self.assertEqual(rows.user_id, self.user_a)
        self.assertEqual(len(rows), 2)

    # ------------------------------------------------------------
    # Excel export
    # ------------------------------------------------------------

    def _sheet(self, content):
        return load_workbook(io.BytesIO(content)).active

    def test_export_to_excel(self):
        leads = self._forecast_leads()
        Forecast = self.env["crm.report.forecast"].with_context(lang="en_US")
        action = Forecast.with_context(active_domain=[("lead_id", "in", leads.ids)]).browse()
        action = action.action_export_xlsx()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertTrue(action["url"].startswith("/crm_full/report/xlsx/crm.report.forecast?"))

        filename, content = Forecast._xlsx_export([("lead_id", "in", leads.ids)])
        self.assertTrue(filename.endswith(".xlsx"))
        sheet = self._sheet(content)
        headers = [cell.value for cell in sheet[1]]
        self.assertEqual(headers[:3], ["Expected Closing", "Opportunity", "Customer"])
        self.assertEqual(headers[-3:], ["Expected Revenue", "Probability (%)", "Weighted Amount"])
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertTrue(sheet["A1"].font.bold)
        first = [cell.value for cell in sheet[2]]
        self.assertEqual(first[0], datetime(2026, 4, 15))
        self.assertEqual(first[3], self.user_a.name)
        self.assertEqual(first[-3:], [100000, 0.4, 40000])
        self.assertEqual(sheet.cell(2, 8).number_format, "0.0%")
        self.assertEqual(sheet.cell(2, 9).number_format, "#,##0.00")
        self.assertEqual(sheet.max_row, 4)
        self.assertGreater(sheet.column_dimensions["B"].width, 8)

    def test_export_headers_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        field = self.env["ir.model.fields"]._get("crm.report.forecast", "weighted_amount")
        field.with_context(lang="zh_CN").field_description = "加权金额"
        self.env.registry.clear_cache()
        Forecast = self.env["crm.report.forecast"]
        leads = self._forecast_leads()
        _name, content = Forecast.with_context(lang="zh_CN")._xlsx_export(
            [("lead_id", "in", leads.ids)]
        )
        headers = [cell.value for cell in self._sheet(content)[1]]
        self.assertEqual(headers[-1], "加权金额")
        _name, content = Forecast.with_context(lang="en_US")._xlsx_export(
            [("lead_id", "in", leads.ids)]
        )
        self.assertEqual(self._sheet(content)["I1"].value, "Weighted Amount")

    def test_export_query_count_is_flat(self):
        """The export reads in batch: more rows, more salespeople, same queries."""
        few = self._forecast_leads()
        many = few | self._forecast_leads() | self._forecast_leads()
        other_user = new_test_user(self.env, "cfr_c", groups="crm_full.crm_full_group_user")
        many[-1].user_id = other_user
        self.env.flush_all()
        Forecast = self.env["crm.report.forecast"]

        def queries(leads):
            self.env.invalidate_all()
            self.env.registry.clear_cache()
            Forecast._xlsx_export([("lead_id", "in", leads.ids)])  # warm the caches
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Forecast._xlsx_export([("lead_id", "in", leads.ids)])
            return self.env.cr.sql_log_count - before

        baseline = queries(few)
        self.assertLessEqual(baseline, 14)  # 12, and 2 for the export log line (issue 17)
        self.assertEqual(queries(many), baseline)
