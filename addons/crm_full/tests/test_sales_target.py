# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, freeze_time, new_test_user, tagged

from .common import CrmFullCommon


@tagged("crm_full_report")
class TestSalesTarget(CrmFullCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env["crm.team"].create({"name": "华东销售部"})
        cls.Target = cls.env["crm.sales.target"]

    def _target(self, **vals):
        return self.Target.create(
            {
                "user_id": self.user_sales.id,
                "period_type": "month",
                "date_from": date(2026, 3, 1),
                **vals,
            }
        )

    def test_period_end_follows_the_period_type(self):
        form = Form(self.Target)
        form.user_id = self.user_sales
        form.date_from = date(2026, 1, 1)
        form.period_type = "quarter"
        self.assertEqual(form.date_to, date(2026, 3, 31))
        form.period_type = "year"
        self.assertEqual(form.date_to, date(2026, 12, 31))
        form.period_type = "month"
        form.date_from = date(2026, 2, 1)
        self.assertEqual(form.date_to, date(2026, 2, 28))
        target = form.save()
        self.assertEqual((target.date_from, target.date_to), (date(2026, 2, 1), date(2026, 2, 28)))

    def test_bad_targets_are_refused(self):
        cases = [
            ({"team_id": self.team.id}, "exactly one"),
            ({"user_id": False}, "exactly one"),
            ({"date_to": date(2026, 2, 1)}, "ends (2026-02-01) before it starts (2026-03-01)"),
            ({"target_amount_won": -1}, "cannot be negative"),
            ({"target_amount_collected": -0.01}, "cannot be negative"),
        ]
        for vals, message in cases:
            with self.subTest(vals=vals), self.assertRaises(ValidationError) as caught:
                self._target(**vals)
            self.assertIn(message, str(caught.exception))
        self.assertFalse(self.Target.search([("date_from", "=", date(2026, 3, 1))]))

    def test_target_without_owner_is_refused(self):
        """Regression (issue 14): created with neither salesperson nor team, as the form
        does when both stay empty, a target was accepted: the owner check only ran when
        one of the two was written."""
        with self.assertRaises(ValidationError) as caught:
            self.Target.create({"period_type": "month", "date_from": date(2026, 3, 1)})
        self.assertIn("exactly one", str(caught.exception))
        form = Form(self.Target)
        form.date_from = date(2026, 3, 1)
        form.target_amount_won = 1000
        with self.assertRaises(ValidationError):
            form.save()

    def test_achieved_and_completion(self):
        target = self._target(target_amount_won=200000)
        team_target = self._target(user_id=False, team_id=self.team.id, target_amount_won=100000)
        lead = self.env["crm.lead"].create(
            {
                "name": "ERP 二期",
                "type": "opportunity",
                "user_id": self.user_sales.id,
                "team_id": self.team.id,
                "expected_revenue": 50000,
            }
        )
        with freeze_time(datetime(2026, 3, 15, 10, 0)):
            lead.action_set_won()
        # won in April: outside the March targets
        april = lead.copy({"expected_revenue": 99999})
        with freeze_time(datetime(2026, 4, 2, 10, 0)):
            april.action_set_won()
        self.env.invalidate_all()
        self.assertEqual(target.amount_won, 50000)
        self.assertAlmostEqual(target.completion_won, 25.0)
        self.assertEqual(team_target.amount_won, 50000)
        self.assertAlmostEqual(team_target.completion_won, 50.0)
        self.assertEqual(target.completion_collected, 0.0, "no collection target: no ratio")

    def test_salesperson_reads_own_targets_only(self):
        other = self.user_manager
        mine = self._target()
        theirs = self._target(user_id=other.id)
        as_sales = self.Target.with_user(self.user_sales)
        self.assertEqual(as_sales.search([("id", "in", (mine | theirs).ids)]), mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.user_sales).read(["target_amount_won"])
        with self.assertRaises(AccessError):
            mine.with_user(self.user_sales).write({"target_amount_won": 1})
        self.assertEqual(
            self.Target.with_user(other).search([("id", "in", (mine | theirs).ids)]),
            mine | theirs,
        )

    def test_team_leader_reads_the_team_targets(self):
        leader = new_test_user(self.env, "cf_leader", groups="crm_full.crm_full_group_user")
        self.team.write({"user_id": leader.id, "member_ids": [Command.link(self.user_sales.id)]})
        member_target = self._target()
        team_target = self._target(user_id=False, team_id=self.team.id)
        outsider_target = self._target(user_id=self.user_manager.id)
        targets = member_target | team_target | outsider_target
        self.assertEqual(
            self.Target.with_user(leader).search([("id", "in", targets.ids)]),
            member_target | team_target,
        )
        self.assertEqual(
            self.Target.with_user(self.user_sales).search([("id", "in", targets.ids)]),
            member_target | team_target,
            "a member reads their own and their team's target",
        )
