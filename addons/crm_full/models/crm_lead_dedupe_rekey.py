# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.tools import split_every

from ..tools.dedup_keys import key_set

# Inputs of the duplicate keys: an edit of one may end a match.
DEDUPE_KEY_INPUTS = {"partner_name", "partner_id", "phone", "mobile", "email_from", "country_id"}
DEDUPE_KEY_FIELDS = (
    "dedupe_company",
    "dedupe_phone",
    "dedupe_mobile",
    "dedupe_email",
    "dedupe_registry",
)
REKEY_BATCH = 5000


class CrmLead(models.Model):
    _inherit = "crm.lead"

    def write(self, vals):
        res = super().write(vals)
        if DEDUPE_KEY_INPUTS.intersection(vals):
            self._dedupe_clear_stale_flags()
        return res

    def _dedupe_key_set(self):
        self.ensure_one()
        return key_set(
            self.dedupe_registry,
            self.dedupe_email,
            self.dedupe_company,
            (self.dedupe_phone, self.dedupe_mobile),
        )

    def _dedupe_clear_stale_flags(self):
        """A 撞单 link stands while the two leads share a key: clear it on ``self`` and on
        the leads linked to ``self`` when the match went away. The lead keeps its owner."""
        leads = self.sudo().with_context(active_test=False)
        flagged = leads.filtered("duplicate_of_id") | leads.search(
            [("duplicate_of_id", "in", self.ids)]
        )
        stale = flagged.filtered(
            lambda lead: not lead._dedupe_key_set() & lead.duplicate_of_id._dedupe_key_set()
        )
        if stale:
            stale.duplicate_of_id = False

    def _dedupe_rekey_all(self):
        """Recompute every lead's keys with today's rules and clear the links that no
        longer hold (upgrade to 18.0.1.1.0, see migrations/)."""
        Lead = self.sudo().with_context(active_test=False)
        fields_ = [Lead._fields[name] for name in DEDUPE_KEY_FIELDS]
        for ids in split_every(REKEY_BATCH, Lead.search([]).ids):
            batch = Lead.browse(ids)
            for field in fields_:
                self.env.add_to_compute(field, batch)
            batch.flush_recordset(list(DEDUPE_KEY_FIELDS))
            batch.invalidate_recordset()
        Lead.search([("duplicate_of_id", "!=", False)])._dedupe_clear_stale_flags()
