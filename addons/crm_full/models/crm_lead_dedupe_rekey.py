# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from ..tools.dedupe_rekey import DEDUPE_KEY_FIELDS, clear_stale_links, rekey_all

# Inputs of the duplicate keys: an edit of one may end a match.
DEDUPE_KEY_INPUTS = {"partner_name", "partner_id", "phone", "mobile", "email_from", "country_id"}


class CrmLead(models.Model):
    _inherit = "crm.lead"

    def write(self, vals):
        if not DEDUPE_KEY_INPUTS.intersection(vals):
            return super().write(vals)
        before = self._dedupe_stored_keys()
        res = super().write(vals)
        self._dedupe_refresh_flags(before)
        return res

    def _dedupe_stored_keys(self):
        """{lead id: its keys}, to tell after an edit (of the lead or of its customer)
        which leads' keys moved."""
        return {
            lead.id: tuple(lead[fname] for fname in DEDUPE_KEY_FIELDS)
            for lead in self.sudo().with_context(active_test=False)
        }

    def _dedupe_refresh_flags(self, before):
        """Keys moved by an edit of the lead or of its customer: the 撞单 links that no
        longer hold go (on both sides), and a lead left without one is checked again.
        The lead keeps its owner either way."""
        leads = self.sudo().with_context(active_test=False)
        moved = leads.filtered(
            lambda lead: tuple(lead[fname] for fname in DEDUPE_KEY_FIELDS) != before.get(lead.id)
        )
        if not moved:
            return
        moved._dedupe_clear_stale_flags()
        moved.filtered(lambda lead: lead.active and not lead.duplicate_of_id)._flag_duplicates(
            older_only=True
        )

    def _dedupe_clear_stale_flags(self):
        """The lead keeps its owner; only the 撞单 link goes when the match went away."""
        clear_stale_links(self, "duplicate_of_id")

    def _dedupe_rekey_all(self):
        """Upgrades to 18.0.1.1.0 and 18.0.1.2.0 (migrations/) and by hand after a change
        of the rules."""
        rekey_all(self, "duplicate_of_id")
