# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager

from odoo import models

# Cursor-cache key (not a context key: a client cannot send it) telling write() that a
# conversion wizard advances the customers itself, once for all its leads.
DEFERRED = "crm_full_lifecycle_deferred"


class CrmLead(models.Model):
    """Lifecycle moves caused by a lead after its creation (issue 14): converted to an
    opportunity (wizard, ``convert_opportunity`` or a type change), given a customer later,
    or answered by the customer by e-mail."""

    _inherit = "crm.lead"

    def write(self, vals):
        moved = self.browse()
        deferred = self.env.cr.cache.get(DEFERRED)
        if not deferred and (vals.get("type") == "opportunity" or vals.get("partner_id")):
            moved = self._lifecycle_write_candidates(vals)
        result = super().write(vals)
        moved._lifecycle_advance_partners()
        return result

    @contextmanager
    def _lifecycle_deferred(self):
        """Leave lifecycle moves of lead writes to the caller, who advances the leads
        in one batch afterwards (Odoo converts leads one write at a time)."""
        cache = self.env.cr.cache
        cache[DEFERRED] = cache.get(DEFERRED, 0) + 1
        try:
            yield
        finally:
            cache[DEFERRED] -= 1

    def _lifecycle_write_candidates(self, vals):
        """Leads whose write may move their customer: they become opportunities, or get
        another customer."""
        converting = vals.get("type") == "opportunity"
        partner_id = vals.get("partner_id")
        if isinstance(partner_id, models.BaseModel):  # Odoo takes a record too
            partner_id = partner_id.id
        return self.filtered(
            lambda lead: (
                (converting and lead.type != "opportunity")
                or (partner_id and lead.partner_id.id != partner_id)
            )
        )

    def _message_post_after_hook(self, message, msg_vals):
        result = super()._message_post_after_hook(message, msg_vals)
        self._lifecycle_advance_on_reply(message)
        return result

    def _lifecycle_advance_on_reply(self, message):
        """An e-mail written by the customer is an interaction, as a logged follow-up is:
        the customer becomes engaged. The e-mail that created the lead is its first touch
        only (the lead's creation subtype), and our own users' e-mails do not count."""
        if message.message_type != "email" or not message.author_id:
            return
        if message.subtype_id == self._creation_subtype():
            return
        author = message.author_id
        if author.user_ids.filtered(lambda user: not user.share):
            return
        leads = self.filtered(
            lambda lead: lead.partner_id.commercial_partner_id == author.commercial_partner_id
        )
        self.env["res.partner"]._lifecycle_advance_records("engaged", leads)
