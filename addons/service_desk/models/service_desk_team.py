# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ServiceDeskTeam(models.Model):
    _name = "service.desk.team"
    _description = "Service Desk Team"
    _inherit = ["mail.thread", "mail.activity.mixin"]  # yearly holiday to-dos
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    leader_id = fields.Many2one("res.users", string="Team Leader", tracking=True)
    member_ids = fields.Many2many(
        "res.users",
        string="Members",
        domain="[('share', '=', False)]",
    )
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        default=lambda self: self.env.company.resource_calendar_id,
        help="Business hours and holidays the SLA clocks of this team count in.",
    )
    assignment_method = fields.Selection(
        [
            ("manual", "Manual"),
            ("round_robin", "Round-robin"),
            ("balanced", "Balanced by open tickets"),
        ],
        required=True,
        default="manual",
    )
    ticket_ids = fields.One2many("service.desk.ticket", "team_id")
    open_ticket_count = fields.Integer(compute="_compute_open_ticket_count")
    sd_holiday_alert = fields.Char(string="Holiday Warning", compute="_compute_sd_holiday_alert")

    def _compute_open_ticket_count(self):
        counts = dict(
            self.env["service.desk.ticket"]._read_group(
                [("team_id", "in", self.ids), ("stage_id.is_done", "=", False)],
                ["team_id"],
                ["__count"],
            )
        )
        for team in self:
            team.open_ticket_count = counts.get(team, 0)

    @api.depends("resource_calendar_id", "company_id")
    def _compute_sd_holiday_alert(self):
        for team in self:
            team.sd_holiday_alert = team._sd_calendar().sd_holiday_alert

    def _sd_calendar(self):
        """The calendar this team's SLA clocks count in when a target names none."""
        self.ensure_one()
        return self.resource_calendar_id or self.company_id.resource_calendar_id

    def action_sd_open_cn_holiday_wizard(self):
        return self.env["service.desk.cn.holiday.load"]._open_for(
            self.mapped(lambda team: team._sd_calendar())
        )

    def _get_first_stage(self):
        """Stage a new ticket of this team (or of no team) starts in."""
        domain = [("team_ids", "=", False)]
        if self:
            domain = ["|", ("team_ids", "in", self.ids), *domain]
        return self.env["service.desk.stage"].search(domain, limit=1)
