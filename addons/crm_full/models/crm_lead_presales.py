# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError


class CrmTeam(models.Model):
    _inherit = "crm.team"

    is_presales = fields.Boolean(
        "Presales Team",
        help="Its members answer presales requests raised on opportunities.",
    )
    presales_method = fields.Selection(
        [("round_robin", "Round-robin"), ("balanced", "Fewest open requests")],
        "Presales Assignment",
        default="round_robin",
        help="Round-robin goes on after the last engineer served; the other picks the "
        "member with the fewest open presales requests.",
    )
    presales_last_user_id = fields.Many2one(
        "res.users", "Last Presales Engineer", readonly=True, copy=False
    )


class CrmLead(models.Model):
    _inherit = "crm.lead"

    presales_request_ids = fields.One2many("crm.presales.request", "lead_id", "Presales Requests")
    presales_request_count = fields.Integer(compute="_compute_presales_figures")
    presales_hours = fields.Float("Presales Hours", compute="_compute_presales_figures")

    @api.depends("presales_request_ids.state", "presales_request_ids.hours_spent")
    def _compute_presales_figures(self):
        Request = self.env["crm.presales.request"]
        if not Request.has_access("read"):  # Odoo's own sales roles: none of ours
            self.presales_request_count, self.presales_hours = 0, 0.0
            return
        groups = Request._read_group(
            [("lead_id", "in", self.ids), ("state", "!=", "cancelled")],
            ["lead_id"],
            ["__count", "hours_spent:sum"],
        )
        figures = {lead: (count, hours) for lead, count, hours in groups}
        for lead in self:
            lead.presales_request_count, lead.presales_hours = figures.get(lead, (0, 0.0))

    def write(self, vals):
        if {"user_id", "team_id"} & vals.keys():
            self._presales_check_reassign()
        return super().write(vals)

    def _presales_check_reassign(self):
        """A presales engineer edits the opportunity they support, but it stays the
        salesperson's: only the owner, the team leader or a manager hands it on."""
        env = self.env
        if env.su or env.user.has_group("crm_full.crm_full_group_manager"):
            return
        supported = self.sudo().filtered(
            lambda lead: (
                env.uid != lead.user_id.id
                and env.uid != lead.team_id.user_id.id
                and env.uid in lead.presales_request_ids.presales_user_id.ids
            )
        )
        if supported:
            raise AccessError(
                env._(
                    "You support %(lead)s as presales: only its salesperson, the team "
                    "leader or a sales manager can reassign it.",
                    lead=supported[0].name,
                )
            )

    def _presales_check_requester(self):
        """Who asks for presales: the salesperson, the team leader or a manager; not the
        engineer who edits the opportunity through a request, nor for the pool."""
        env = self.env
        if env.su or env.user.has_group("crm_full.crm_full_group_manager"):
            return
        for lead in self.sudo():
            if env.uid not in (lead.user_id.id, lead.team_id.user_id.id):
                raise AccessError(
                    env._(
                        "Only the salesperson of %(lead)s, the team leader or a sales manager "
                        "can request presales support.",
                        lead=lead.name,
                    )
                )

    def action_request_presales(self):
        """The request form, in a dialog; saving it picks the engineer."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Request Presales Support"),
            "res_model": "crm.presales.request",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_lead_id": self.id},
        }

    def action_view_presales_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_full.crm_presales_request_action"
        )
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = {"default_lead_id": self.id}
        return action
