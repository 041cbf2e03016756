# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from ..tools.dedupe_rekey import clear_stale_links, rekey_all

# Inputs of the duplicate keys: an edit of one may end a match.
DEDUPE_KEY_INPUTS = {"partner_name", "partner_id", "phone", "mobile", "email_from", "country_id"}


class CrmLead(models.Model):
    _inherit = "crm.lead"

    def write(self, vals):
        res = super().write(vals)
        if DEDUPE_KEY_INPUTS.intersection(vals):
            self._dedupe_clear_stale_flags()
        return res

    def _dedupe_clear_stale_flags(self):
        """The lead keeps its owner; only the 撞单 link goes when the match went away."""
        clear_stale_links(self, "duplicate_of_id")

    def _dedupe_rekey_all(self):
        """Upgrade to 18.0.1.1.0 (migrations/) and by hand after a change of the rules."""
        rekey_all(self, "duplicate_of_id")
