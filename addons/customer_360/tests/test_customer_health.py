# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.crm_full.tools.local_dates import company_today


def bands(*pairs):
    return [
        Command.create({"threshold": threshold, "points": points}) for threshold, points in pairs
    ]


class HealthCommon(BaseCommon):
    """A small health model whose arithmetic is easy to do by hand:

    overdue ratio   payment    w 20  lower  0→100, 0.25→50, 0.5→20      skip
    open tickets    service    w 20  lower  0→100, 2→70, 5→40           skip
    CSAT            service    w 30  higher 4.5→100, 3.5→70, 2.5→40     skip
    CSM sentiment   sentiment  w 30  higher 3→100, 2→50, 1→0            neutral
    overdue days    payment    w 0   knock-out at >= 90 days: cap 30
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["customer.health.model"].search([]).active = False
        cls.owner = new_test_user(cls.env, "c360_owner", groups="sales_team.group_sale_salesman")
        cls.csm = new_test_user(cls.env, "c360_csm", groups="customer_360.customer_360_group_user")
        cls.model = cls.env["customer.health.model"].create(
            {
                "name": "Test profile",
                "sequence": 5,
                "red_exit_score": 60,
                "component_ids": [
                    Command.create(
                        {
                            "name": "Overdue ratio",
                            "metric": "overdue_ratio",
                            "group": "payment",
                            "weight": 20,
                            "direction": "lower_better",
                            "band_ids": bands((0, 100), (0.25, 50), (0.5, 20)),
                        }
                    ),
                    Command.create(
                        {
                            "name": "Open tickets",
                            "metric": "open_tickets_weighted",
                            "group": "service",
                            "weight": 20,
                            "direction": "lower_better",
                            "band_ids": bands((0, 100), (2, 70), (5, 40)),
                        }
                    ),
                    Command.create(
                        {
                            "name": "CSAT",
                            "metric": "csat",
                            "group": "service",
                            "weight": 30,
                            "direction": "higher_better",
                            "band_ids": bands((4.5, 100), (3.5, 70), (2.5, 40)),
                        }
                    ),
                    Command.create(
                        {
                            "name": "CSM sentiment",
                            "metric": "csm_sentiment",
                            "group": "sentiment",
                            "weight": 30,
                            "direction": "higher_better",
                            "missing_policy": "neutral",
                            "band_ids": bands((3, 100), (2, 50), (1, 0)),
                        }
                    ),
                    Command.create(
                        {
                            "name": "Oldest overdue invoice",
                            "metric": "overdue_days_max",
                            "group": "payment",
                            "weight": 0,
                            "direction": "lower_better",
                            "knockout": True,
                            "knockout_threshold": 90,
                            "knockout_cap": 30,
                            "band_ids": bands((0, 100)),
                        }
                    ),
                ],
            }
        )
        cls.done_stage = cls.env["service.desk.stage"].search([("is_done", "=", True)], limit=1)

    @classmethod
    def _customer(cls, name, **vals):
        return cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "customer_rank": 1,
                "user_id": cls.owner.id,
                "csm_user_id": cls.csm.id,
                **vals,
            }
        )

    @classmethod
    def _ticket(cls, partner, priority="1"):
        return cls.env["service.desk.ticket"].create(
            {"name": "Help", "partner_id": partner.id, "priority": priority}
        )

    def _invoice(self, partner, amount, invoice_date):
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": invoice_date,
                "invoice_payment_term_id": False,
                "invoice_date_due": invoice_date,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Service", "quantity": 1, "price_unit": amount, "tax_ids": []}
                    )
                ],
            }
        )
        invoice.action_post()
        self.assertEqual(invoice.invoice_date_due, invoice_date)
        return invoice

    def _care_activities(self, partner):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", partner.id),
                ("activity_type_id", "=", self.ref("customer_360.mail_activity_type_health_care")),
            ]
        )


@tagged("post_install", "-at_install", "customer_360", "customer_360_health")
class TestHealthScore(HealthCommon):
    def test_score_from_hand_computed_values(self):
        """A: 0 overdue (100), one normal ticket = 1 (70), no CSAT (skipped),
        sentiment good (100): coverage 70/100, score 6400/70 = 91.4 → 91."""
        good = self._customer("Good Ltd", health_csm_sentiment="good")
        self._ticket(good)
        good._health_recompute()
        self.assertEqual(good.health_model_id, self.model)
        self.assertEqual(good.health_score, 91)
        self.assertEqual(good.health_state, "green")
        self.assertAlmostEqual(good.health_coverage, 0.7)
        lines = {line["name"]: line for line in good.health_detail["lines"]}
        self.assertIsNone(lines["CSAT"]["points"], "a skipped measure scores nothing")
        self.assertEqual(lines["Open tickets"]["points"], 70)
        self.assertAlmostEqual(lines["Open tickets"]["contribution"], 20.0)  # 20 * 70 / 70
        self.assertAlmostEqual(lines["CSM sentiment"]["contribution"], 42.9)  # 30 * 100 / 70
        # groups: payment 100 (the 0-weight measure counts nothing), service 70
        # (CSAT skipped), sentiment 100
        self.assertEqual(
            good.health_detail["groups"], {"payment": 100.0, "service": 70.0, "sentiment": 100.0}
        )
        self.assertFalse(good.health_cap_reason)
        self.assertIn("CSM sentiment", good.health_detail_html)
        self.assertFalse(self._care_activities(good))

    def test_knockout_caps_score_and_says_why(self):
        """B: overdue 1,000 of 2,000 open = 0.5 (20), one urgent ticket = 4
        (40), CSAT 3 (40), sentiment missing → neutral 50 (not coverage):
        (400 + 800 + 1200 + 1500) / 100 = 39, capped at 30 by the invoice
        100 days overdue."""
        late = self._customer("Late Payer Co")
        today = company_today(self.env.company)  # health counts days on the company's calendar
        self._invoice(late, 1000, today - timedelta(days=100))
        self._invoice(late, 1000, today)
        ticket = self._ticket(late, priority="3")
        self.env["rating.rating"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("service.desk.ticket"),
                "res_id": ticket.id,
                "partner_id": late.id,
                "rating": 3,
                "consumed": True,
            }
        )
        late._health_recompute()
        self.assertAlmostEqual(late.health_coverage, 0.7)
        self.assertEqual(late.health_detail["cap"], 30)
        # service (800 + 1200) / 50 = 40, payment 400 / 20 = 20, sentiment neutral 50
        self.assertEqual(
            late.health_detail["groups"], {"payment": 20.0, "service": 40.0, "sentiment": 50.0}
        )
        self.assertEqual(late.health_score, 30)
        self.assertEqual(late.health_state, "red")
        self.assertIn("Oldest overdue invoice is 100", late.health_cap_reason)
        self.assertIn("30", late.health_cap_reason)
        self.assertEqual(
            self._care_activities(late).user_id, self.owner | self.csm, "owner and CSM alerted"
        )

    def test_low_coverage_is_unknown(self):
        """C has only the always-known measures (40 of 100) and a neutral
        sentiment that is no real value: unknown, no number, no alert."""
        quiet = self._customer("Quiet GmbH")
        quiet._health_recompute()
        self.assertEqual(quiet.health_state, "unknown")
        self.assertFalse(quiet.health_score)
        self.assertAlmostEqual(quiet.health_coverage, 0.4)
        self.assertFalse(self._care_activities(quiet))

    def test_profile_by_lifecycle_stage(self):
        """A newer customer gets the onboarding profile placed before."""
        stage = self.env.ref("crm_full.lifecycle_stage_customer")
        onboarding = self.model.copy(
            {"name": "Onboarding", "sequence": 1, "lifecycle_stage_ids": [Command.set(stage.ids)]}
        )
        new = self._customer("New Co", lifecycle_stage_id=stage.id)
        old = self._customer(
            "Old Co", lifecycle_stage_id=self.ref("crm_full.lifecycle_stage_repeat")
        )
        (new | old)._health_recompute()
        self.assertEqual(new.health_model_id, onboarding)
        self.assertEqual(old.health_model_id, self.model)

    def test_sentiment_expires(self):
        partner = self._customer(
            "Expired Co",
            health_csm_sentiment="poor",
            health_csm_sentiment_expiry=fields.Date.today() - timedelta(days=1),
        )
        self._ticket(partner)
        partner._health_recompute()
        lines = {line["name"]: line for line in partner.health_detail["lines"]}
        self.assertIsNone(lines["CSM sentiment"]["value"])
        self.assertEqual(lines["CSM sentiment"]["points"], 50, "missing → neutral")

    def test_weights_summing_to_zero(self):
        with self.assertRaisesRegex(ValidationError, "summing to zero"):
            self.env["customer.health.model"].create(
                {
                    "name": "Broken",
                    "component_ids": [
                        Command.create({"name": "A", "metric": "csat", "weight": 0}),
                        Command.create({"name": "B", "metric": "overdue_ratio", "weight": 0}),
                    ],
                }
            )
        with self.assertRaisesRegex(ValidationError, "summing to zero"), self.env.cr.savepoint():
            self.model.component_ids.weight = 0
        self.env.invalidate_all()
        self.assertEqual(self.model.total_weight, 100, "nothing half-written")

    def test_recompute_button_and_cron(self):
        partner = self._customer("Button Co", health_csm_sentiment="good")
        partner.with_user(self.csm).action_health_recompute()
        self.assertEqual(partner.health_state, "green")
        other = self._customer("Cron Co", health_csm_sentiment="good")
        self.assertGreaterEqual(self.env["res.partner"]._cron_health_recompute(batch_size=3), 1)
        self.assertEqual(other.health_state, "green")
        self.assertEqual(
            self.env["res.partner"]._cron_health_recompute(batch_size=3),
            0,
            "customers computed today are not claimed again",
        )


@tagged("post_install", "-at_install", "customer_360", "customer_360_health")
class TestHealthTransitions(HealthCommon):
    """Score of these customers = (20*100 + 20*T + 30*S) / 70, T the ticket
    points, S the sentiment points (no invoice, no CSAT)."""

    def _at(self, day, partner):
        moment = datetime(2026, 3, 2, 6, 0) + timedelta(days=day)  # a Monday
        with freeze_time(moment):
            partner._health_recompute()

    def test_alert_once_with_hysteresis(self):
        partner = self._customer("Border AG", health_csm_sentiment="good")
        urgent = self._ticket(partner, "3") | self._ticket(partner, "3")  # T: 8 → 0
        self._at(0, partner)  # (2000 + 0 + 3000) / 70 = 71
        self.assertEqual((partner.health_score, partner.health_state), (71, "yellow"))
        self.assertFalse(self._care_activities(partner))

        partner.health_csm_sentiment = "neutral"  # (2000 + 1500) / 70 = 50
        self._at(7, partner)
        self.assertEqual((partner.health_score, partner.health_state), (50, "red"))
        self.assertEqual(len(self._care_activities(partner)), 2, "owner and CSM, once")
        self.assertEqual(partner.lifecycle_status, "at_risk", "red drives the live status")
        self._at(7, partner)
        self._at(8, partner)
        self.assertEqual(len(self._care_activities(partner)), 2, "no second alert while red")

        urgent.stage_id = self.done_stage  # T: 0 → 100; S poor: 4000 / 70 = 57
        partner.health_csm_sentiment = "poor"
        self._at(14, partner)
        self.assertEqual(partner.health_score, 57)
        self.assertEqual(partner.health_state, "red", "57 is not above the exit score 60")
        self.assertEqual(len(self._care_activities(partner)), 2)

        partner.health_csm_sentiment = "neutral"  # (2000 + 2000 + 1500) / 70 = 79
        self._at(21, partner)
        self.assertEqual((partner.health_score, partner.health_state), (79, "green"))
        self.assertFalse(partner.health_alerted, "recovered: the next fall alerts again")
        self.assertEqual(partner.lifecycle_status, "active")
        status_moves = partner.lifecycle_history_ids.filtered(lambda move: move.axis == "status")
        self.assertEqual(status_moves.sorted("id").mapped("new_status")[-2:], ["at_risk", "active"])

        self._ticket(partner, "3")  # T: 4 → 40; S poor: 2800 / 70 = 40
        partner.health_csm_sentiment = "poor"
        self._at(28, partner)
        self.assertEqual((partner.health_score, partner.health_state), (40, "red"))
        self.assertEqual(len(self._care_activities(partner)), 4)
        self.assertEqual(partner.health_trend, 40 - 71, "against the snapshot 4 weeks ago")
        self.assertEqual(partner.health_trend_arrow, "down")
        self.assertEqual(len(partner.health_snapshot_ids), 5, "one snapshot per week")

    def test_sharp_drop_alerts_once(self):
        partner = self._customer("Falling Star Ltd", health_csm_sentiment="good")
        self._at(0, partner)  # 7000 / 70 = 100
        self.assertEqual(partner.health_score, 100)
        partner.health_csm_sentiment = "neutral"  # 5500 / 70 = 79: still green
        self._at(7, partner)
        self.assertEqual((partner.health_score, partner.health_state), (79, "green"))
        activities = self._care_activities(partner)
        self.assertEqual(len(activities), 2, "21 points lost in a week")
        self.assertIn("dropped", activities[0].summary)
        self._at(14, partner)
        self.assertEqual(len(self._care_activities(partner)), 2)
        self.assertEqual(partner.health_trend_arrow, "flat", "no snapshot 4 weeks back yet")


@tagged("post_install", "-at_install", "customer_360", "customer_360_health")
class TestHealthLifecycle(HealthCommon):
    def test_first_ticket_moves_to_service(self):
        customer = self._customer(
            "Fresh Co", lifecycle_stage_id=self.ref("crm_full.lifecycle_stage_customer")
        )
        loyal = self._customer(
            "Loyal Co", lifecycle_stage_id=self.ref("crm_full.lifecycle_stage_repeat")
        )
        contact = self.env["res.partner"].create({"name": "Li Lei", "parent_id": customer.id})
        self.env["service.desk.ticket"].create(
            [
                {"name": "First", "partner_id": contact.id},
                {"name": "Other", "partner_id": loyal.id},
            ]
        )
        self.assertEqual(
            customer.lifecycle_stage_id, self.env.ref("crm_full.lifecycle_stage_service")
        )
        self.assertEqual(loyal.lifecycle_stage_id, self.env.ref("crm_full.lifecycle_stage_repeat"))
        move = self.env["crm.lifecycle.history"].search(
            [("partner_id", "=", customer.id), ("new_stage_id.code", "=", "service")]
        )
        self.assertEqual(move.cause._name, "service.desk.ticket")


@tagged("post_install", "-at_install", "customer_360", "customer_360_health")
class TestHealthPerformance(HealthCommon):
    def _customers(self, count, tag):
        partners = self.env["res.partner"].create(
            [{"name": f"{tag} {i}", "is_company": True, "customer_rank": 1} for i in range(count)]
        )
        self.env["service.desk.ticket"].create(
            [{"name": "Q", "partner_id": partner.id} for partner in partners]
        )
        self.env["crm.followup"].create(
            [{"partner_id": partner.id, "summary": "Call"} for partner in partners]
        )
        return partners

    def test_batch_query_count_is_flat(self):
        """Every metric of the default profile, 5 then 50 customers: the same
        number of queries (one per metric, not per customer)."""
        self.model.active = False
        self.env.ref("customer_360.customer_health_model_established").active = True
        small, large = self._customers(5, "Small"), self._customers(50, "Large")
        self._customers(3, "Warm")._health_recompute()
        counts = []
        for partners in (small, large):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            partners._health_recompute()
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1])
        # 30 + the company's time zone (its partner's, else the administrator's: up to
        # 3 reads once per run, after the test's invalidate_all; issue 15) + the
        # contract renewal metric's one query (issue 17)
        self.assertLess(counts[1], 34)
        self.assertTrue(all(large.mapped("health_state")))
