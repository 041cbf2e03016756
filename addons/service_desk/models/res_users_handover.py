# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ResUsers(models.Model):
    """Open tickets in a leaving agent's hand-over (离职交接).

    ``_handover_kinds`` is the hand-over's extension point (see crm_full's
    res_users_handover.py for the descriptor keys); this addon only declares its
    kind and never imports the addon that runs the hand-over.
    """

    _inherit = "res.users"

    @api.model
    def _handover_kinds(self):
        # the first addon of the chain starts from none: none depends on another here
        kinds = getattr(super(), "_handover_kinds", lambda: [])()
        return [
            *kinds,
            {
                "key": "ticket",
                "label": self.env._("Open tickets assigned to them"),
                "model": "service.desk.ticket",
                "domain": "_handover_ticket_domain",
                "apply": "_handover_apply_ticket",
                "groups": "service_desk.service_desk_group_manager",
                "team": "team_id",
                "partner": "partner_id",
                "sequence": 70,
            },
        ]

    def _handover_ticket_domain(self):
        return [("user_id", "=", self.id), ("is_done", "=", False)]

    def _handover_apply_ticket(self, tickets, target):
        """One write: no tracking message or assignment mail per ticket, the new
        agent gets the hand-over's digest; SLA clocks run on untouched."""
        tickets.with_context(
            mail_notrack=True, mail_auto_subscribe_no_notify=True, handover=True
        ).write({"user_id": target.id})
