# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .test_customer_health import HealthCommon

MONDAY = datetime(2026, 3, 2, 6, 0)


@tagged("post_install", "-at_install", "customer_360", "customer_360_care")
class TestCareRuleHealthDrop(HealthCommon):
    """The health-drop care rule on real snapshots: the weekly recompute
    writes them, the daily care cron reads them.

    Score of these customers = (20*100 + 20*100 + 30*S) / 70, S the sentiment
    points (no invoice, no ticket, no CSAT): good 100, neutral 79, poor 57.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.falling = cls._customer("Falling Leaf Ltd", health_csm_sentiment="good")
        cls.steady = cls._customer("Steady Rock Co", health_csm_sentiment="good")
        cls.rule = cls.env["customer.care.rule"].create(
            {
                "name": "Health fell",
                "trigger": "health_drop",
                "health_drop_points": 15,
                "window_days": 30,
                "activity_summary": "Call about the health drop",
                "partner_domain": f"[('id', 'in', {(cls.falling | cls.steady).ids})]",
            }
        )

    def _week(self, week):
        """The weekly recompute (the health cron) on Monday of ``week``."""
        with freeze_time(MONDAY + timedelta(weeks=week)):
            self.env["res.partner"]._cron_health_recompute()

    def _care_cron(self, week, day=0):
        with freeze_time(MONDAY + timedelta(weeks=week, days=day, hours=2)):
            self.env["customer.care.rule"]._cron_run_care_rules()

    def _logs(self):
        # searched: the care cron inserts its logs in SQL
        return self.env["customer.care.log"].search([("rule_id", "=", self.rule.id)])

    def _rule_activities(self, partner):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", partner.id),
                ("summary", "=", self.rule.activity_summary),
            ]
        )

    def test_one_action_per_fall(self):
        self._week(0)
        self._care_cron(0)
        self.assertEqual((self.falling.health_score, self.steady.health_score), (100, 100))
        self.assertFalse(self._logs(), "no history, no drop")

        self.falling.health_csm_sentiment = "neutral"
        self._week(1)
        self.assertEqual((self.falling.health_score, self.steady.health_score), (79, 100))
        self._care_cron(1)
        self._care_cron(1, day=1)
        self.assertEqual(self._logs().partner_id, self.falling)
        self.assertEqual(self._logs().occurrence_date, date(2026, 3, 9))
        self.assertEqual(self._logs().state, "done")
        self.assertEqual(len(self._rule_activities(self.falling)), 1)

        # Regression: the next weeks' snapshots are still 21 under the best
        # of 30 days; each one used to be a new occurrence, one call a week.
        for week in (2, 3, 4):
            self._week(week)
            self.assertEqual(self.falling.health_score, 79)
            self._care_cron(week)
        self.assertEqual(len(self._logs()), 1)
        self.assertEqual(len(self._rule_activities(self.falling)), 1)
        self.assertFalse(self._rule_activities(self.steady), "a steady score is no drop")

        # Once the fall has left the 30 days, a new fall is a new occurrence.
        self._week(5)
        self._care_cron(5)
        self.assertEqual(len(self._logs()), 1)
        self.falling.health_csm_sentiment = "poor"
        self._week(6)
        self.assertEqual(self.falling.health_score, 57)
        self._care_cron(6)
        self._care_cron(6, day=3)
        self.assertEqual(
            self._logs().sorted("occurrence_date").mapped("occurrence_date"),
            [date(2026, 3, 9), date(2026, 4, 13)],
        )
        self.assertEqual(len(self._rule_activities(self.falling)), 2)
        self.assertFalse(self._logs().filtered(lambda log: log.partner_id == self.steady))

    def test_recovery_then_fall_again(self):
        """Up again in between: the second fall is its own occurrence."""
        self._week(0)
        self.falling.health_csm_sentiment = "neutral"
        self._week(1)
        self._care_cron(1)
        self.falling.health_csm_sentiment = "good"
        self._week(2)
        self._care_cron(2)
        self.falling.health_csm_sentiment = "neutral"
        self._week(3)
        self._care_cron(3)
        self.assertEqual(
            self._logs().sorted("occurrence_date").mapped("occurrence_date"),
            [date(2026, 3, 9), date(2026, 3, 23)],
        )
        self.assertEqual(len(self._rule_activities(self.falling)), 2)

    def test_new_rule_does_not_act_on_an_old_fall(self):
        """A fall that began before the rule's look-back is history."""
        self._week(0)
        self.falling.health_csm_sentiment = "neutral"
        self._week(1)
        self._week(2)
        self.rule.window_days = 3
        self._care_cron(2)
        self.assertFalse(self._logs(), "the fall began on 9 March, 7 days before")
        self.rule.window_days = 10
        self._care_cron(2)
        self.assertEqual(self._logs().occurrence_date, date(2026, 3, 9))

    def test_rule_acts_in_its_own_company_only(self):
        """Regression: health drops were read across companies, so a rule
        called the owners of another company's customers."""
        other = self.env["res.company"].create({"name": "Other Care Co"})
        self.falling.company_id = self.env.company
        other_rule = self.rule.copy({"company_id": other.id, "activity_summary": "Other"})
        self._week(0)
        self.falling.health_csm_sentiment = "neutral"
        self._week(1)
        self._care_cron(1)
        self.assertEqual(self._logs().partner_id, self.falling)
        self.assertFalse(
            self.env["customer.care.log"].search([("rule_id", "=", other_rule.id)]),
            "a customer of this company is not the other company's",
        )
