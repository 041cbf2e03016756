# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}


class CrmSalesTarget(models.Model):
    """What a salesperson or a team should win and collect (回款) in a period.

    The achieved figures come from the leaderboard report, so a target and the
    leaderboard never disagree about what was won or collected.
    """

    _name = "crm.sales.target"
    _description = "Sales Target"
    _order = "date_from desc, id desc"

    user_id = fields.Many2one("res.users", "Salesperson", index=True)
    team_id = fields.Many2one("crm.team", "Sales Team", index=True)
    period_type = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")],
        "Period",
        required=True,
        default="month",
    )
    date_from = fields.Date(
        "From",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
    )
    date_to = fields.Date(
        "To",
        compute="_compute_date_to",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    target_amount_won = fields.Monetary("Target Won")
    target_amount_collected = fields.Monetary("Target Collected")
    amount_won = fields.Monetary("Won", compute="_compute_achieved")
    amount_collected = fields.Monetary("Collected", compute="_compute_achieved")
    completion_won = fields.Float("Won Completion (%)", compute="_compute_achieved")
    completion_collected = fields.Float("Collected Completion (%)", compute="_compute_achieved")

    @api.depends("period_type", "date_from")
    def _compute_date_to(self):
        for target in self:
            if target.date_from and target.period_type:
                months = PERIOD_MONTHS[target.period_type]
                target.date_to = target.date_from + relativedelta(months=months, days=-1)

    @api.depends("user_id", "team_id", "period_type", "date_from")
    def _compute_display_name(self):
        periods = dict(self._fields["period_type"]._description_selection(self.env))
        for target in self:
            owner = target.user_id or target.team_id
            target.display_name = " / ".join(
                filter(
                    None,
                    [
                        owner.display_name,
                        periods.get(target.period_type),
                        target.date_from and fields.Date.to_string(target.date_from),
                    ],
                )
            )

    @api.depends(
        "user_id",
        "team_id",
        "date_from",
        "date_to",
        "company_id",
        "target_amount_won",
        "target_amount_collected",
    )
    def _compute_achieved(self):
        achieved = self._achieved_amounts()
        for target in self:
            won, collected = achieved.get(target.id, (0.0, 0.0))
            target.amount_won = won
            target.amount_collected = collected
            target.completion_won = _ratio(won, target.target_amount_won)
            target.completion_collected = _ratio(collected, target.target_amount_collected)

    def _achieved_amounts(self):
        """Won and collected amounts per target, one grouped read per distinct period.

        :return: {target id: (won, collected)}
        """
        # sudo: the target was access-checked; its totals may include rows (e.g. a
        # team's other members) the reader cannot open one by one
        report = self.env["crm.report.leaderboard"].sudo()
        self.env.flush_all()  # the report is a view over other models' tables
        result = {}
        periods = self.filtered(lambda t: t.date_from and t.date_to).grouped(
            lambda t: (t.date_from, t.date_to, t.company_id)
        )
        for (date_from, date_to, company), targets in periods.items():
            domain = [
                ("date", ">=", date_from),
                ("date", "<=", date_to),
                ("company_id", "=", company.id),
            ]
            for owner_field in ("user_id", "team_id"):
                owned = targets.filtered(owner_field)
                if not owned:
                    continue
                totals = {
                    owner.id: (won, collected)
                    for owner, won, collected in report._read_group(
                        [*domain, (owner_field, "in", owned[owner_field].ids)],
                        [owner_field],
                        ["won_amount:sum", "collected_amount:sum"],
                    )
                }
                for target in owned:
                    result[target.id] = totals.get(target[owner_field].id, (0.0, 0.0))
        return result

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    # date_from and company_id are always written on create: without them, a target created
    # with neither owner (the form sends no empty many2one) skipped the check (issue 14).
    @api.constrains("user_id", "team_id", "date_from", "company_id")
    def _check_owner(self):
        for target in self:
            if bool(target.user_id) == bool(target.team_id):
                raise ValidationError(
                    self.env._(
                        "A sales target belongs to a salesperson or to a sales team: "
                        "set exactly one of them."
                    )
                )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for target in self:
            if target.date_to < target.date_from:
                raise ValidationError(
                    self.env._(
                        "The target period ends (%(end)s) before it starts (%(start)s).",
                        end=target.date_to,
                        start=target.date_from,
                    )
                )

    @api.constrains("target_amount_won", "target_amount_collected", "date_from")
    def _check_amounts(self):
        for target in self:
            if target.target_amount_won < 0 or target.target_amount_collected < 0:
                raise ValidationError(
                    self.env._("Target amounts cannot be negative (%s).", target.display_name)
                )


def _ratio(value, target):
    return 100.0 * value / target if target else 0.0
