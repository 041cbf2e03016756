# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import CrmFullCommon


@tagged("crm_full_report")
class TestLeaderboardVisibility(CrmFullCommon):
    """Regression: every salesperson read the whole company's leaderboard, other teams'
    won and collected amounts and targets included."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = "crm_full.crm_full_group_user"
        cls.a1, cls.a2, cls.b1, cls.leader = (
            new_test_user(cls.env, login, groups=groups)
            for login in ("cf_lb_a1", "cf_lb_a2", "cf_lb_b1", "cf_lb_leader")
        )
        cls.team_a = cls.env["crm.team"].create(
            {
                "name": "华东销售",
                "user_id": cls.leader.id,
                "member_ids": [Command.set((cls.a1 | cls.a2).ids)],
            }
        )
        cls.team_b = cls.env["crm.team"].create(
            {"name": "华南销售", "member_ids": [Command.set(cls.b1.ids)]}
        )
        cls._won(cls.a1, cls.team_a, 1000)
        cls._won(cls.a2, cls.team_a, 2000)
        cls._won(cls.a2, False, 300)  # a row of a teammate outside any team
        cls._won(cls.leader, cls.team_a, 500)
        cls._won(cls.b1, cls.team_b, 4000)
        cls.env["crm.sales.target"].create(
            {"team_id": cls.team_b.id, "date_from": date.today(), "target_amount_won": 9000}
        )
        cls.env.flush_all()

    @classmethod
    def _won(cls, user, team, amount):
        lead = cls.env["crm.lead"].create(
            {
                "name": f"{user.name} {amount}",
                "type": "opportunity",
                "user_id": user.id,
                "expected_revenue": amount,
            }
        )
        lead.team_id = team
        lead.action_set_won()

    def _board(self, user):
        """{(salesperson, team): won amount} of the rows ``user`` reads, on our teams."""
        ours = self.a1 | self.a2 | self.b1 | self.leader
        rows = (
            self.env["crm.report.leaderboard"]
            .with_user(user)
            .search(
                [
                    "|",
                    ("user_id", "in", ours.ids),
                    ("team_id", "in", (self.team_a | self.team_b).ids),
                ]
            )
        )
        return {
            (row.user_id.login or False, row.team_id.name or False): row.won_amount
            for row in rows.sudo()
            if row.won_amount
        }, rows

    def test_salesperson_ranks_against_their_team(self):
        board, rows = self._board(self.a1)
        self.assertEqual(
            board,
            {
                ("cf_lb_a1", "华东销售"): 1000,
                ("cf_lb_a2", "华东销售"): 2000,
                ("cf_lb_a2", False): 300,
                ("cf_lb_leader", "华东销售"): 500,
            },
        )
        self.assertNotIn(self.team_b, rows.team_id, "nor the other team's target")
        board, rows = self._board(self.b1)
        self.assertEqual(board, {("cf_lb_b1", "华南销售"): 4000})
        self.assertAlmostEqual(
            sum(rows.mapped("target_amount_won")), 9000, 2, "their own team's target"
        )

    def test_leader_sees_the_led_team_and_manager_everything(self):
        board, _rows = self._board(self.leader)
        self.assertEqual(
            set(board),
            {
                ("cf_lb_a1", "华东销售"),
                ("cf_lb_a2", "华东销售"),
                ("cf_lb_a2", False),
                ("cf_lb_leader", "华东销售"),
            },
        )
        board, _rows = self._board(self.user_manager)
        self.assertEqual(board[("cf_lb_b1", "华南销售")], 4000)
        self.assertEqual(len(board), 5)

    def test_grouped_totals_follow_the_rule(self):
        Board = self.env["crm.report.leaderboard"].with_user(self.a1)
        by_team = dict(
            Board._read_group(
                [("team_id", "in", (self.team_a | self.team_b).ids)],
                ["team_id"],
                ["won_amount:sum"],
            )
        )
        self.assertEqual(by_team, {self.team_a: 3500})
