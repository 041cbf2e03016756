# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models

from .service_desk_ticket import DEFAULT_PRIORITY


class ServiceDeskTicket(models.Model):
    _inherit = "service.desk.ticket"

    category_id = fields.Many2one(
        "service.desk.category", string="Ticket Category", index=True, tracking=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        """Route and assign before creating, so later create hooks (SLA) see the final team."""
        Rule = self.env["service.desk.routing.rule"].sudo()
        rules = Rule.browse(Rule._get_active_rule_ids())
        match = rules._get_matcher() if rules else None
        for vals in vals_list:
            if "priority" not in vals and self.env.context.get("default_priority"):
                vals["priority"] = self.env.context["default_priority"]
            # any field still open (e.g. the priority of a ticket typed with its team) is routed
            if match and not all(vals.get(f) for f in self._get_routing_fields()):
                self._apply_routing_rule(vals, match)
            self._apply_default_team(vals)
            self._apply_default_priority(vals)
        self._assign_by_team_method(vals_list)
        return super().create(vals_list)

    def _apply_routing_rule(self, vals, match):
        """Fill team, assignee and priority from the first matching rule; explicit values win."""
        rule = match(self.new(vals))
        if not rule:
            return
        for field in self._get_routing_fields():
            value = rule[field]
            if value and not vals.get(field):
                vals[field] = value.id if isinstance(value, models.BaseModel) else value

    @api.model
    def _apply_default_priority(self, vals):
        """Normal priority for a ticket neither its creator nor a rule gave one.

        A ``default_priority`` in the context is the caller's choice, like a value.
        """
        if not vals.get("priority"):
            vals["priority"] = self.env.context.get("default_priority") or DEFAULT_PRIORITY

    @api.model
    def _apply_default_team(self, vals):
        """A customer's ticket no rule routed goes to the company's first team (by sequence),
        so it gets an assignee and an SLA like any other."""
        if vals.get("team_id") or self.env.context.get("default_team_id"):
            return
        if vals.get("channel") not in self._get_default_team_channels():
            return
        company_id = vals.get("company_id") or self.env.company.id
        team = (
            self.env["service.desk.team"].sudo().search([("company_id", "=", company_id)], limit=1)
        )
        if team:
            vals["team_id"] = team.id

    @api.model
    def _get_default_team_channels(self):
        """Channels whose tickets nobody on our side triaged yet."""
        return ("portal", "email", "web")

    @api.model
    def _get_routing_fields(self):
        return ["team_id", "user_id", "priority"]

    @api.model
    def _assign_by_team_method(self, vals_list):
        """Give unassigned new tickets a member of their team, batched per team."""
        default_team = self.env.context.get("default_team_id")
        pending = defaultdict(list)
        for vals in vals_list:
            team_id = vals.get("team_id", default_team)
            if team_id and not vals.get("user_id"):
                pending[team_id].append(vals)
        teams = self.env["service.desk.team"].sudo().browse(pending)
        for team in teams.filtered(lambda t: t.assignment_method != "manual"):
            for vals, user in zip(
                pending[team.id], team._get_assignees(len(pending[team.id])), strict=True
            ):
                if user:
                    vals["user_id"] = user.id
