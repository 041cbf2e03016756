# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager
from datetime import datetime, timedelta
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time, tagged, users

from .common import CrmFullCommon
from .common_accounting import ensure_chart_of_accounts

T0 = datetime(2027, 1, 4, 9, 0)


@tagged("crm_full_lifecycle")
class TestLifecycleStatus(CrmFullCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ensure_chart_of_accounts(cls.env)
        cls.product = cls.env["product.product"].create(
            {"name": "ERP 授权", "list_price": 1000.0, "invoice_policy": "order"}
        )
        cls.cron = cls.env.ref("crm_full.ir_cron_crm_lifecycle_status")

    @contextmanager
    def _at(self, when):
        with freeze_time(when), patch.object(self.env.cr, "now", lambda: when):
            yield
            self.env.flush_all()

    def _order(self, partner=None):
        order = self.env["sale.order"].create(
            {
                "partner_id": (partner or self.contact).id,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )
        order.action_confirm()
        return order

    def _status_moves(self, partner=None):
        history = (partner or self.company_partner).lifecycle_history_ids
        return history.filtered(lambda move: move.axis == "status").sorted("id")

    def _run_cron(self):
        # The runner calls the batch method again while work remains; so do we.
        for _i in range(10):
            if not self.env["res.partner"]._cron_lifecycle_status(batch_size=500):
                break

    def test_whole_journey_stage_forward_status_churned_then_won_back(self):
        """Stage only moves forward through the journey; status carries the bad news."""
        partner = self.company_partner
        with self._at(T0):
            self.env["crm.lead"].create(
                {"name": "官网咨询", "type": "lead", "partner_id": self.contact.id}
            )
            self.env["crm.followup"].create(
                {"partner_id": partner.id, "summary": "首次电话沟通", "date": T0}
            )
            self.env["crm.lead"].create(
                {"name": "ERP 项目", "type": "opportunity", "partner_id": self.contact.id}
            )
            first = self._order()
            self.assertEqual(partner.lifecycle_stage_id.code, "customer")
            self.assertEqual(partner.lifecycle_status, "active")
            invoice = first._create_invoices()
            invoice.action_post()
            self.assertEqual(partner.lifecycle_stage_id.code, "delivery")
            partner._lifecycle_advance("service")  # customer_360's hook for a first ticket
        stage_moves = partner.lifecycle_history_ids.filtered(lambda m: m.axis == "stage")
        self.assertEqual(
            stage_moves.sorted("id").mapped("new_stage_id.code"),
            ["reached", "engaged", "opportunity", "customer", "delivery", "service"],
        )
        self.assertEqual(stage_moves.sorted("id")[3].cause, first)

        for days, expected in ((59, "active"), (61, "at_risk"), (121, "dormant"), (366, "churned")):
            with self._at(T0 + timedelta(days=days)):
                self._run_cron()
                self.assertEqual(partner.lifecycle_status, expected, f"after {days} days")
                self.assertEqual(partner.lifecycle_stage_id.code, "service", "never backward")
        # A courtesy call does not win a churned customer back; an order does.
        with self._at(T0 + timedelta(days=367)):
            self.env["crm.followup"].create({"partner_id": partner.id, "summary": "回访"})
        with self._at(T0 + timedelta(days=368)):
            self._run_cron()
            self.assertEqual(partner.lifecycle_status, "churned")
            second = self._order()
            self.assertEqual(partner.lifecycle_status, "won_back")
            self.assertEqual(partner.lifecycle_stage_id.code, "repeat")
        with self._at(T0 + timedelta(days=369)):
            self._run_cron()
            self.assertEqual(partner.lifecycle_status, "won_back", "won back shows for a while")

        moves = self._status_moves()
        self.assertEqual(
            moves.mapped("new_status"), ["active", "at_risk", "dormant", "churned", "won_back"]
        )
        self.assertEqual(
            moves.mapped("old_status"), [False, "active", "at_risk", "dormant", "churned"]
        )
        self.assertEqual(moves[0].cause, first)
        self.assertEqual(moves[1].cause, self.cron, "the cron is the recorded cause")
        self.assertEqual(moves[-1].cause, second)
        self.assertEqual(moves[-1].date, T0 + timedelta(days=368))
        stages = partner.lifecycle_history_ids.filtered(lambda m: m.axis == "stage")
        self.assertEqual(stages.sorted("id")[-1].cause, second)

        with self._at(T0 + timedelta(days=368 + 91)):
            self._run_cron()
            self.assertEqual(partner.lifecycle_status, "at_risk")

    def test_cron_batches_each_customer_once_a_day(self):
        with self._at(T0):
            others = self.env["res.partner"].create(
                [{"name": f"客户 {i}", "is_company": True} for i in range(5)]
            )
            others._lifecycle_advance("reached")
        batches = []
        with self._at(T0 + timedelta(days=400)):
            while batch := self.env["res.partner"]._cron_lifecycle_status(batch_size=3):
                batches.append(batch)
                self.assertLess(len(batches), 50, "the cron must run out of work")
        seen = self.env["res.partner"].concat(*batches)
        self.assertTrue(all(len(batch) <= 3 for batch in batches))
        self.assertEqual(len(seen), len(set(seen.ids)), "nobody twice in a day")
        self.assertLessEqual(others, seen)
        self.assertEqual(set(others.mapped("lifecycle_status")), {"churned"})

    def _cron_queries(self, count, day):
        with self._at(T0):
            partners = self.env["res.partner"].create(
                [{"name": f"批量 {count}-{i}", "is_company": True} for i in range(count)]
            )
            partners._lifecycle_advance("reached")
        self.env.invalidate_all()
        with self._at(T0 + timedelta(days=day)):
            return self._count_cron_queries(partners)

    def _count_cron_queries(self, partners):
        start = self.env.cr.sql_log_count
        done = self.env["res.partner"]._cron_lifecycle_status(batch_size=1000)
        self.env.flush_all()
        # the database's own customers (demo data) may move too: these are the test's
        self.assertLessEqual(partners, done)
        self.assertEqual(set(partners.mapped("lifecycle_status")), {"at_risk"})
        return self.env.cr.sql_log_count - start

    def test_status_query_count_flat(self):
        """A batch costs the same number of queries for 5 customers or 50."""
        small = self._cron_queries(5, 70)
        big = self._cron_queries(50, 71)
        self.assertLessEqual(big, small + 2, f"{small} queries for 5, {big} for 50")

    def test_set_status_hook_for_health_scores(self):
        other = self.env["res.partner"].create({"name": "北京客户", "is_company": True})
        moved = self.env["res.partner"]._lifecycle_set_status(
            {"at_risk": self.contact, "active": other}, cause=self.product
        )
        self.assertEqual(moved, self.company_partner | other)
        self.assertEqual(self.company_partner.lifecycle_status, "at_risk", "contacts roll up")
        self.assertEqual(self._status_moves().cause, self.product)
        again = self.env["res.partner"]._lifecycle_set_status({"at_risk": self.company_partner})
        self.assertFalse(again, "no change, no history")
        self.company_partner.sudo().write({"lifecycle_status": "won_back"})
        self.env["res.partner"]._lifecycle_set_status({"active": self.company_partner})
        self.assertEqual(self.company_partner.lifecycle_status, "won_back")
        with self.assertRaises(UserError):
            self.env["res.partner"]._lifecycle_set_status({"happy": other})

    def test_thresholds_must_grow(self):
        with self.assertRaises(ValidationError):
            self.env.company.lifecycle_dormant_days = 30

    # ------------------------------------------------------------
    # Manual moves
    # ------------------------------------------------------------
    @users("cf_manager")
    def test_manager_moves_stage_backward_with_reason(self):
        partner = self.company_partner.with_env(self.env)
        self.company_partner.sudo()._lifecycle_advance("customer")
        wizard = Form(
            self.env["crm.lifecycle.move"].with_context(
                active_model="res.partner", active_ids=partner.ids
            )
        )
        wizard.stage_id = self._stage("opportunity").with_env(self.env)
        wizard.reason = "订单已取消，退回商机阶段"
        wizard.save().action_confirm()
        self.assertEqual(partner.lifecycle_stage_id.code, "opportunity")
        move = partner.lifecycle_history_ids.sorted("id")[-1]
        self.assertEqual(
            (move.old_stage_id.code, move.new_stage_id.code, move.reason, move.user_id),
            ("customer", "opportunity", "订单已取消，退回商机阶段", self.user_manager),
        )

    @users("cf_manager")
    def test_manual_move_needs_a_reason(self):
        with self.assertRaises(UserError):
            self.company_partner.with_env(self.env)._lifecycle_set_stage(
                self._stage("repeat"), "  "
            )
        self.assertFalse(self.company_partner.lifecycle_stage_id)

    @users("cf_sales")
    def test_salesperson_cannot_move_stage(self):
        partner = self.company_partner.with_env(self.env)
        with self.assertRaises(AccessError):
            partner._lifecycle_set_stage(self._stage("repeat"), "客户要求")
        with self.assertRaises(AccessError):
            self.env["crm.lifecycle.move"].create(
                {"partner_ids": partner.ids, "stage_id": self._stage("repeat").id, "reason": "x"}
            )
        with self.assertRaises(AccessError):
            partner.write({"lifecycle_stage_id": self._stage("repeat").id})
        self.assertFalse(partner.lifecycle_stage_id)
