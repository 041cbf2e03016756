# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from ..tools.dedupe_rekey import clear_stale_links, rekey_all

# Inputs of the duplicate keys: an edit of one may end a match.
DEDUPE_KEY_INPUTS = {
    "name",
    "is_company",
    "phone",
    "mobile",
    "email",
    "company_registry",
    "country_id",
}


class ResPartner(models.Model):
    _inherit = "res.partner"

    def write(self, vals):
        if not DEDUPE_KEY_INPUTS.intersection(vals):
            return super().write(vals)
        # the leads of these customers key on their name and credit code (crm_lead_duplicate)
        leads = self._dedupe_dependent_leads()
        before = leads._dedupe_stored_keys()
        res = super().write(vals)
        self._dedupe_clear_stale_flags()
        leads._dedupe_refresh_flags(before)
        return res

    def _dedupe_dependent_leads(self):
        """Leads whose keys are computed from these partners' commercial entities."""
        accounts = self.commercial_partner_id.filtered(lambda account: account in self)
        if not accounts:
            return self.env["crm.lead"]
        return (
            self.env["crm.lead"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id.commercial_partner_id", "in", accounts.ids)])
        )

    def _dedupe_clear_stale_flags(self):
        clear_stale_links(self, "partner_duplicate_of_id")

    def _dedupe_rekey_all(self):
        """Upgrades to 18.0.1.1.0 and 18.0.1.2.0 (migrations/) and by hand after a change
        of the rules; an upgrade posts nothing per old record."""
        rekey_all(self, "partner_duplicate_of_id")
