# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.tools import split_every

from ..tools.dedup_keys import key_set

# Inputs of the duplicate keys: an edit of one may end a match.
DEDUPE_KEY_INPUTS = {"name", "is_company", "phone", "mobile", "email", "company_registry"}
DEDUPE_KEY_FIELDS = (
    "dedupe_company",
    "dedupe_phone",
    "dedupe_mobile",
    "dedupe_email",
    "dedupe_registry",
)
REKEY_BATCH = 5000


class ResPartner(models.Model):
    _inherit = "res.partner"

    def write(self, vals):
        res = super().write(vals)
        if DEDUPE_KEY_INPUTS.intersection(vals) or "country_id" in vals:
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
        """A 撞单 flag stands while the two partners share a key: clear the flags of
        ``self`` and of the partners flagged against ``self`` whose match went away."""
        partners = self.sudo().with_context(active_test=False)
        flagged = partners.filtered("partner_duplicate_of_id") | partners.search(
            [("partner_duplicate_of_id", "in", self.ids)]
        )
        stale = flagged.filtered(
            lambda partner: (
                not partner._dedupe_key_set() & partner.partner_duplicate_of_id._dedupe_key_set()
            )
        )
        if stale:
            stale.partner_duplicate_of_id = False

    def _dedupe_rekey_all(self):
        """Recompute every partner's keys with today's rules and clear the flags that no
        longer hold. For the upgrade to 18.0.1.1.0 (migrations/) and by hand after a
        change of the rules; new matches are flagged on the next edit or creation, so
        an upgrade does not post a note per old record."""
        Partner = self.sudo().with_context(active_test=False)
        fields_ = [Partner._fields[name] for name in DEDUPE_KEY_FIELDS]
        for ids in split_every(REKEY_BATCH, Partner.search([]).ids):
            batch = Partner.browse(ids)
            for field in fields_:
                self.env.add_to_compute(field, batch)
            batch.flush_recordset(list(DEDUPE_KEY_FIELDS))
            batch.invalidate_recordset()
        Partner.search([("partner_duplicate_of_id", "!=", False)])._dedupe_clear_stale_flags()
