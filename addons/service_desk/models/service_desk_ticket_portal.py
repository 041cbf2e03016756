# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ServiceDeskTicket(models.Model):
    _name = "service.desk.ticket"
    _inherit = ["service.desk.ticket", "portal.mixin"]

    def _compute_access_url(self):
        super()._compute_access_url()
        for ticket in self:
            ticket.access_url = f"/my/tickets/{ticket.id}"

    def _get_portal_create_values(self, values, partner):
        """Values of a ticket a portal customer opens; a hook for fields added by other modules."""
        return {
            "name": values["name"],
            "description": values.get("description"),
            "partner_id": partner.id,
            "company_id": partner.company_id.id or self.env.company.id,
            "channel": "portal",
        }
