# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.osv import expression


class ServiceDeskSlaReplan(models.TransientModel):
    """After a policy or calendar edit: show which open clocks would move, then re-plan them."""

    _name = "service.desk.sla.replan"
    _description = "Re-plan SLA Clocks"

    policy_ids = fields.Many2many("service.desk.sla.policy", string="Policies")
    calendar_ids = fields.Many2many("resource.calendar", string="Working Hours")
    line_ids = fields.One2many(
        "service.desk.sla.replan.line",
        "wizard_id",
        compute="_compute_line_ids",
        store=True,
        readonly=True,
    )

    def _get_clock_domain(self):
        scopes = []
        if self.policy_ids:
            scopes.append([("policy_id", "in", self.policy_ids.ids)])
        if self.calendar_ids:
            scopes.append([("calendar_id", "in", self.calendar_ids.ids)])
        return expression.AND([[("state", "in", ("running", "paused"))], expression.OR(scopes)])

    @api.depends("policy_ids", "calendar_ids")
    def _compute_line_ids(self):
        now = fields.Datetime.now()
        for wizard in self:
            commands = [Command.clear()]
            if wizard.policy_ids or wizard.calendar_ids:
                clocks = self.env["service.desk.sla.status"].search(wizard._get_clock_domain())
                new_deadlines = clocks._preview_replan(now)
                commands += [
                    Command.create(
                        {
                            "status_id": clock.id,
                            "old_deadline": clock.deadline if clock.state == "running" else False,
                            "new_deadline": new_deadlines.get(clock, False),
                        }
                    )
                    for clock in clocks
                    if clock.state == "paused" or new_deadlines[clock] != clock.deadline
                ]
            wizard.line_ids = commands

    def action_replan(self):
        self.ensure_one()
        # clocks are system-managed; managers reach this wizard only through its ACL
        self.line_ids.status_id.sudo()._replan(fields.Datetime.now())
        return {"type": "ir.actions.act_window_close"}


class ServiceDeskSlaReplanLine(models.TransientModel):
    _name = "service.desk.sla.replan.line"
    _description = "Re-plan SLA Clocks: line"

    wizard_id = fields.Many2one("service.desk.sla.replan", required=True, ondelete="cascade")
    status_id = fields.Many2one("service.desk.sla.status", string="Clock", required=True)
    ticket_id = fields.Many2one(related="status_id.ticket_id")
    state = fields.Selection(related="status_id.state")
    old_deadline = fields.Datetime(string="Current deadline")
    new_deadline = fields.Datetime(string="New deadline")
