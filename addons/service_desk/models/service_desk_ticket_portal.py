# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import models
from odoo.exceptions import UserError


class ServiceDeskTicket(models.Model):
    _name = "service.desk.ticket"
    _inherit = ["service.desk.ticket", "portal.mixin"]

    def _compute_access_url(self):
        super()._compute_access_url()
        for ticket in self:
            ticket.access_url = f"/my/tickets/{ticket.id}"

    def _get_portal_create_values(self, values, partner):
        """Values of a ticket a portal customer opens; a hook for fields added by other modules."""
        vals = {
            "name": values["name"],
            "description": values.get("description"),
            "partner_id": partner.id,
            "company_id": partner.company_id.id or self.env.company.id,
            "channel": "portal",
            "category_id": values.get("category_id") or False,
        }
        if values.get("priority"):  # unset, routing rules may still raise it
            vals["priority"] = values["priority"]
        return vals

    # ------------------------------------------------------------
    # PORTAL: SLA PROMISE, CONFIRM, REOPEN
    # ------------------------------------------------------------
    def _portal_sla_promise(self):
        """The targets of the SLA policy that would govern these ticket values (a new
        record), as translated names: what the customer is promised before sending."""
        policy = self.env["service.desk.sla.policy"].sudo()._match_tickets(self).get(self)
        return policy.target_ids.with_env(self.env).mapped("display_name") if policy else []

    def _portal_find_stage(self, categories):
        """First stage of one of ``categories`` usable by this ticket's team."""
        self.ensure_one()
        Stage = self.env["service.desk.stage"].sudo()
        for category in categories:
            domain = [("category", "=", category), "|", ("team_ids", "=", False)]
            stage = Stage.search([*domain, ("team_ids", "in", self.team_id.ids)], limit=1)
            if stage:
                return stage
        raise UserError(self.env._("No stage is configured for this step; contact us."))

    def _portal_confirm_solution(self, partner):
        """The customer confirms the fix: the solved ticket is closed (server path)."""
        self.ensure_one()
        if self.stage_category != "solved":
            raise UserError(self.env._("Only a solved ticket can be confirmed."))
        self.sudo().stage_id = self._portal_find_stage(["closed"])
        self._portal_note(partner, self.env._("The customer confirmed the solution."))

    def _portal_reopen(self, partner, reason):
        """The customer says the fix did not work: back to work, the SLA clock resumes."""
        self.ensure_one()
        if self.stage_category != "solved":
            raise UserError(self.env._("Only a solved ticket can be reopened."))
        self.sudo().stage_id = self._portal_find_stage(["in_progress", "new"])
        text = self.env._("The customer reopened the ticket.")
        if reason:
            text = Markup("%s<br/>%s") % (text, reason)
        self._portal_note(partner, text)

    def _portal_note(self, partner, body):
        self.sudo().message_post(
            body=body, author_id=partner.id, message_type="comment", subtype_xmlid="mail.mt_comment"
        )
