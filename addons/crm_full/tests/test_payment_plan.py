# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common_accounting import ensure_chart_of_accounts
from .common_order import CrmFullOrderCommon


@tagged("crm_full_payment_plan")
class TestPaymentPlan(CrmFullOrderCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ensure_chart_of_accounts(cls.env)
        cls.template = cls.env["crm.payment.plan.template"].create(
            {
                "name": "30/60/10",
                "line_ids": [
                    Command.create({"sequence": 1, "name": "Deposit", "percentage": 30}),
                    Command.create(
                        {"sequence": 2, "name": "Delivery", "percentage": 60, "days": 30}
                    ),
                    Command.create(
                        {"sequence": 3, "name": "Acceptance", "percentage": 10, "days": 90}
                    ),
                ],
            }
        )

    def _confirmed_order(self, amount=1000.0):
        # Confirmation sets the order date: the plan runs from 1 March 2030.
        with freeze_time("2030-03-01 09:00:00"):
            order = self._new_order(amount, payment_plan_template_id=self.template.id)
            order.action_confirm()
            order.action_generate_payment_plan()
        return order

    def _pay(self, invoice, amount):
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"amount": amount})._create_payments()

    def test_plan_from_template(self):
        order = self._confirmed_order(1000.01)
        plan = order.payment_plan_ids
        self.assertEqual(plan.mapped("name"), ["Deposit", "Delivery", "Acceptance"])
        self.assertEqual(plan.mapped("amount"), [300.0, 600.01, 100.0])
        self.assertEqual(
            plan.mapped("due_date"), [date(2030, 3, 1), date(2030, 3, 31), date(2030, 5, 30)]
        )
        self.assertAlmostEqual(sum(plan.mapped("amount")), 1000.01)
        self.assertEqual(set(plan.mapped("state")), {"planned"})

    def test_two_partial_payments_allocated_oldest_first(self):
        order = self._confirmed_order(1000.0)
        invoice = order._create_invoices()
        invoice.action_post()
        self._pay(invoice, 400.0)
        deposit, delivery, acceptance = order.payment_plan_ids
        self.assertEqual((deposit.received, deposit.state), (300.0, "paid"))
        self.assertEqual((delivery.received, delivery.state), (100.0, "partial"))
        self.assertEqual((acceptance.received, acceptance.state), (0.0, "planned"))

        self._pay(invoice, 550.0)
        self.assertEqual(order.payment_plan_ids.mapped("received"), [300.0, 600.0, 50.0])
        self.assertEqual(order.payment_plan_ids.mapped("state"), ["paid", "paid", "partial"])
        self.assertEqual(order.payment_plan_received, 950.0)
        self.assertEqual(acceptance.residual, 50.0)

    def test_credit_note_reduces_received(self):
        order = self._confirmed_order(1000.0)
        invoice = order._create_invoices()
        invoice.action_post()
        self._pay(invoice, 1000.0)
        self.assertEqual(order.payment_plan_received, 1000.0)
        refund = invoice._reverse_moves([{"ref": "partial refund"}])
        refund.invoice_line_ids.price_unit = 200.0
        refund.action_post()
        self._pay(refund, 200.0)
        self.assertEqual(order.payment_plan_received, 800.0)
        self.assertEqual(order.payment_plan_ids[2].state, "planned")

    def test_negative_instalment_refused(self):
        order = self._confirmed_order(1000.0)
        with self.assertRaises(ValidationError) as caught:
            order.write(
                {
                    "payment_plan_ids": [
                        Command.update(order.payment_plan_ids[0].id, {"percentage": -30}),
                        Command.update(order.payment_plan_ids[1].id, {"percentage": 120}),
                    ]
                }
            )
        self.assertIn("negative", str(caught.exception))
        self.assertEqual(order.payment_plan_ids.mapped("percentage"), [30, 60, 10])

    def test_plan_total_must_match_order_total(self):
        order = self._new_order(1000.0)
        with self.assertRaises(ValidationError) as caught:
            order.write(
                {
                    "payment_plan_ids": [
                        Command.create({"name": "A", "due_date": "2030-04-01", "percentage": 50}),
                        Command.create({"name": "B", "due_date": "2030-05-01", "percentage": 40}),
                    ]
                }
            )
        self.assertIn("adds up to", str(caught.exception))
        self.assertFalse(
            self.env["crm.payment.plan"].search([("order_id", "=", order.id)]),
            "nothing half-written",
        )
        # Fixed amounts and percentages can mix when they add up.
        order.write(
            {
                "payment_plan_ids": [
                    Command.create({"name": "A", "due_date": "2030-04-01", "percentage": 50}),
                    Command.create(
                        {
                            "name": "B",
                            "due_date": "2030-05-01",
                            "value_type": "amount",
                            "amount": 500.0,
                        }
                    ),
                ]
            }
        )
        self.assertEqual(order.payment_plan_ids.mapped("amount"), [500.0, 500.0])
        # One instalment changed on its own breaks the total: refused.
        with self.assertRaises(ValidationError) as caught:
            order.payment_plan_ids[1].amount = 400.0
        self.assertIn("adds up to", str(caught.exception))

    def test_overdue_reminded_once(self):
        order = self._confirmed_order(1000.0)
        summary = "Overdue payment: Deposit"
        cron = self.env["crm.payment.plan"]._cron_remind_overdue
        for day in ("2030-03-05 08:00:00", "2030-03-06 08:00:00"):
            with freeze_time(day):
                cron()
        deposit = order.payment_plan_ids[0]
        self.assertEqual(deposit.state, "overdue")
        self.assertEqual(order.payment_plan_ids[1].state, "planned")
        todos = order.activity_ids.filtered(lambda a: a.summary == summary)
        self.assertEqual(len(todos), 1, "one reminder per instalment, however often the cron runs")
        self.assertEqual(todos.user_id, self.user_sales)
        # Rescheduled and overdue again: a new occurrence, a new reminder.
        deposit.due_date = date(2030, 3, 8)
        with freeze_time("2030-03-10 08:00:00"):
            cron()
        self.assertEqual(len(order.activity_ids.filtered(lambda a: a.summary == summary)), 2)

    def test_overdue_reminder_skips_cancelled_and_paid_orders(self):
        """Regression (issue 14): the overdue reminder chased cancelled orders; paid
        ones must stay quiet too."""
        cancelled = self._confirmed_order(1000.0)
        cancelled._action_cancel()
        settled = self._confirmed_order(1000.0)
        invoice = settled._create_invoices()
        invoice.action_post()
        self._pay(invoice, invoice.amount_total)
        live = self._confirmed_order(1000.0)
        with freeze_time("2030-06-05 08:00:00"):
            self.env["crm.payment.plan"]._cron_remind_overdue()
        summary = "Overdue payment"
        for order, expected in ((cancelled, 0), (settled, 0), (live, 3)):
            with self.subTest(order=order.name):
                todos = order.activity_ids.filtered(lambda a: a.summary.startswith(summary))
                self.assertEqual(len(todos), expected)

    def test_plan_visibility(self):
        order = self._confirmed_order(1000.0)
        plan = order.payment_plan_ids
        other_sales = new_test_user(
            self.env, "cf_sales_other", groups="crm_full.crm_full_group_user"
        )
        Plan = self.env["crm.payment.plan"]
        self.assertEqual(Plan.with_user(self.user_sales).search([("id", "in", plan.ids)]), plan)
        self.assertFalse(Plan.with_user(other_sales).search([("id", "in", plan.ids)]))
        self.assertEqual(Plan.with_user(self.user_finance).search([("id", "in", plan.ids)]), plan)
        with self.assertRaises(AccessError):
            plan[0].with_user(self.user_finance).write({"name": "Changed by finance"})
