# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common_order import CrmFullOrderCommon


@tagged("crm_full_contract")
class TestContractRenewal(CrmFullOrderCommon):
    """Contracts on orders, the renewal cron, renewal states and the lifecycle (issue 17)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.renewal_lead_days = 60
        cls.user_sales_b = new_test_user(
            cls.env, "cf_sales_b", groups="crm_full.crm_full_group_user"
        )
        cls.company_partner.user_id = cls.user_sales
        cls.contract_b_partner = cls.env["res.partner"].create(
            {"name": "乙方客户", "is_company": True, "user_id": cls.user_sales_b.id}
        )

    def _at(self, day):
        """Freeze the clock (and the transaction's) at noon of ``day``."""
        moment = datetime.combine(day, datetime.min.time()).replace(hour=4)
        frozen = freeze_time(moment)
        frozen.start()
        self.addCleanup(frozen.stop)
        cr_patch = patch.object(self.env.cr, "now", lambda: moment)
        cr_patch.start()
        self.addCleanup(cr_patch.stop)

    def _contract(self, amount=1000.0, start=date(2026, 1, 1), end=date(2026, 12, 31), **vals):
        user = vals.pop("user", self.user_sales)
        order = self._new_order(amount, user=user, contract_start=start, contract_end=end, **vals)
        order.action_confirm()
        return order

    # ------------------------------------------------------------
    # Bad input
    # ------------------------------------------------------------
    def test_contract_that_ends_before_it_starts_is_refused(self):
        count = self.env["sale.order"].search_count([])
        for start, end in (
            (date(2026, 6, 1), date(2026, 5, 31)),
            (date(2026, 6, 1), date(2026, 6, 1)),
        ):
            with self.subTest(start=start, end=end), self.assertRaises(ValidationError):
                self._new_order(1000.0, contract_start=start, contract_end=end)
        with self.assertRaises(ValidationError):
            self._new_order(1000.0, contract_end=date(2026, 6, 1))
        self.assertEqual(self.env["sale.order"].search_count([]), count, "nothing written")
        order = self._new_order(
            1000.0, contract_start=date(2026, 1, 1), contract_end=date(2026, 12, 31)
        )
        with self.assertRaises(ValidationError):
            order.contract_end = date(2025, 12, 31)
        self.assertEqual(order.contract_end, date(2026, 12, 31))

    def test_renewal_lead_days_must_be_sensible(self):
        with self.assertRaises(ValidationError):
            self.env.company.renewal_lead_days = -1

    def test_a_contract_cannot_renew_itself(self):
        order = self._contract()
        with self.assertRaises(ValidationError):
            order.renewal_of_id = order

    # ------------------------------------------------------------
    # States and the cron
    # ------------------------------------------------------------
    def test_cron_opens_one_renewal_opportunity(self):
        self._at(date(2026, 6, 1))
        order = self._contract(1500.0)
        self.assertEqual(order.renewal_state, "running")
        self.env["sale.order"]._cron_renewal()
        self.assertFalse(order.renewal_lead_ids, "not due yet: no opportunity")

        self._at(date(2026, 11, 2))  # 59 days before the end
        self.env["sale.order"]._cron_renewal()
        self.env["sale.order"]._cron_renewal()
        self.assertEqual(order.renewal_state, "due")
        lead = order.renewal_lead_ids
        self.assertEqual(len(lead), 1, "run twice: one opportunity")
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.user_id, self.user_sales)
        self.assertEqual(lead.expected_revenue, 1500.0)
        self.assertEqual(lead.partner_id, self.company_partner)
        self.assertEqual(lead.date_deadline, date(2026, 12, 31))

        lead.action_set_lost()
        self.env["sale.order"]._cron_renewal()
        self.assertEqual(
            len(order.with_context(active_test=False).renewal_lead_ids), 1, "opened once, even lost"
        )

    def test_owner_falls_back_to_the_customer_owner(self):
        self._at(date(2026, 12, 1))
        order = self._contract()
        order.sudo().user_id = False
        self.env["sale.order"]._cron_renewal()
        self.assertEqual(order.renewal_lead_ids.user_id, self.user_sales)

    def test_ended_contract_is_lost_once_its_opportunity_is(self):
        self._at(date(2026, 12, 1))
        order = self._contract()
        self.env["sale.order"]._cron_renewal()
        lead = order.renewal_lead_ids
        self._at(date(2027, 1, 5))
        self.env["sale.order"]._cron_renewal()
        self.assertEqual(order.renewal_state, "due", "its salesperson is still on it")
        lead.action_set_lost()
        self.assertEqual(order.renewal_state, "lost")

    def test_no_renewal_type_has_no_renewal(self):
        self._at(date(2026, 12, 1))
        order = self._contract(renewal_type="none")
        self.env["sale.order"]._cron_renewal()
        self.assertEqual(order.renewal_state, "none")
        self.assertFalse(order.renewal_lead_ids)

    def test_renewal_from_the_opportunity_renews_and_makes_a_repeat_customer(self):
        self._at(date(2026, 12, 1))
        order = self._contract(1000.0)
        self.env["sale.order"]._cron_renewal()
        lead = order.renewal_lead_ids
        successor = self._new_order(
            1200.0,
            opportunity_id=lead.id,
            contract_start=date(2027, 1, 1),
            contract_end=date(2027, 12, 31),
        )
        self.assertEqual(successor.renewal_of_id, order, "linked from the opportunity")
        self.assertEqual(order.renewal_state, "due", "a quotation renews nothing yet")
        successor.action_confirm()
        self.assertEqual(order.renewal_state, "renewed")
        self.assertEqual(successor.renewal_state, "running")
        self.assertEqual(self.company_partner.lifecycle_stage_id.code, "repeat")
        move = self.env["crm.lifecycle.history"].search(
            [("partner_id", "=", self.company_partner.id), ("new_stage_id.code", "=", "repeat")]
        )
        self.assertEqual(move.cause, successor)
        self.assertEqual(move.reason, "Contract renewal")
        # cancelling the renewal takes the renewal back
        successor._action_cancel()
        self.assertEqual(order.renewal_state, "due")

    def test_automatic_contract_gets_its_draft_successor_once(self):
        self._at(date(2026, 12, 1))
        order = self._contract(renewal_type="automatic")
        self.env["sale.order"]._cron_renewal()
        self.assertFalse(order.renewed_by_ids, "not on its end date yet")
        self._at(date(2026, 12, 31))
        self.env["sale.order"]._cron_renewal()
        self.env["sale.order"]._cron_renewal()
        successor = order.renewed_by_ids
        self.assertEqual(len(successor), 1)
        self.assertEqual(successor.state, "draft")
        self.assertEqual(successor.contract_start, date(2027, 1, 1))
        self.assertEqual(successor.contract_end, date(2027, 12, 31))
        self.assertEqual(successor.opportunity_id, order.renewal_lead_ids)
        self.assertEqual(successor.user_id, self.user_sales)
        successor.action_confirm()
        self.assertEqual(order.renewal_state, "renewed")

    # ------------------------------------------------------------
    # Customer, report, security
    # ------------------------------------------------------------
    def test_customer_shows_its_contracts(self):
        self._at(date(2026, 12, 1))
        self._contract(end=date(2027, 3, 31))
        soonest = self._contract(end=date(2027, 1, 31))
        partner = self.company_partner.with_user(self.user_sales)
        self.assertEqual(partner.contract_count, 2)
        self.assertEqual(partner.next_renewal_date, date(2027, 1, 31))
        self.assertIn(soonest, partner.current_contract_ids)
        action = partner.action_view_contracts()
        self.assertEqual(
            self.env["sale.order"].search(action["domain"]), partner.current_contract_ids
        )

    def test_renewal_report_rates(self):
        self._at(date(2026, 12, 1))
        renewed = self._contract(1000.0, end=date(2026, 12, 20))
        self._contract(1000.0, end=date(2026, 12, 25))  # lost below
        self._contract(3000.0, user=self.user_sales_b, partner_id=self.contract_b_partner.id)
        self.env["sale.order"]._cron_renewal()
        self._new_order(1500.0, renewal_of_id=renewed.id).action_confirm()
        self._at(date(2027, 1, 5))
        self.env["crm.lead"].search([("renewal_of_order_id", "!=", False)]).filtered(
            lambda lead: lead.renewal_of_order_id != renewed
        ).filtered(lambda lead: lead.user_id == self.user_sales).action_set_lost()
        self.env["sale.order"]._cron_renewal()

        Report = self.env["crm.report.renewal"].with_user(self.user_manager)
        [group] = Report.read_group(
            [("user_id", "=", self.user_sales.id)],
            ["due_count:sum", "renewed_count:sum", "lost_count:sum", "renewal_rate:avg",
             "retention_rate:avg", "expiring_amount:sum", "renewed_amount:sum"],
            [],
        )  # fmt: skip
        self.assertEqual(
            (group["due_count"], group["renewed_count"], group["lost_count"]), (2, 1, 1)
        )
        self.assertAlmostEqual(group["renewal_rate"], 50.0)
        self.assertAlmostEqual(group["retention_rate"], 75.0)  # 1,500 of 2,000
        ours = [("partner_id", "in", (self.company_partner | self.contract_b_partner).ids)]
        self.assertEqual(len(Report.search(ours)), 3)

        # salesperson B sees their own row only, and none of A's renewals
        mine = self.env["crm.report.renewal"].with_user(self.user_sales_b).search([])
        self.assertEqual(mine.user_id, self.user_sales_b)
        a_leads = (
            self.env["crm.lead"]
            .with_user(self.user_sales_b)
            .search([("renewal_of_order_id", "in", (renewed | mine.order_id).ids)])
        )
        self.assertFalse(a_leads.filtered(lambda lead: lead.sudo().user_id == self.user_sales))

    def test_derived_renewal_fields_refuse_users(self):
        self._at(date(2026, 12, 1))
        order = self._contract()
        self.env["sale.order"]._cron_renewal()
        with self.assertRaises(AccessError):
            order.with_user(self.user_sales).write({"renewal_state": "renewed"})
        with self.assertRaises(AccessError):
            order.renewal_lead_ids.with_user(self.user_sales).write({"renewal_of_order_id": False})
        with self.assertRaises(AccessError):
            self.env["crm.lead"].with_user(self.user_sales).create(
                {"name": "假续约", "renewal_of_order_id": order.id}
            )
        self.assertEqual(order.renewal_state, "due")

    def test_cannot_claim_to_renew_a_colleagues_contract(self):
        self._at(date(2026, 12, 1))
        other = self._contract(user=self.user_sales_b, partner_id=self.contract_b_partner.id)
        with self.assertRaises(AccessError):
            self._new_order(1000.0, renewal_of_id=other.id)
        mine = self._new_order(1000.0)
        with self.assertRaises(AccessError):
            mine.write({"renewal_of_id": other.id})
        self.assertFalse(mine.renewal_of_id)
