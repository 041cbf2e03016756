# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .crm_full_guard import check_link_targets


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "crm.full.system.fields.mixin"]

    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", string="Customer Account"
    )

    @api.model
    def _system_fields(self):
        # Duplicate keys and links (the pool's stamps are added in crm_lead_pool_guard).
        return super()._system_fields() | {
            "dedupe_company",
            "dedupe_phone",
            "dedupe_mobile",
            "dedupe_email",
            "dedupe_registry",
            "duplicate_of_id",
        }

    @api.model_create_multi
    def create(self, vals_list):
        # A lead one owns makes its customer readable (the partner rule): only on
        # customers one may already edit, or a lead would open a colleague's account.
        check_link_targets(self.env, "res.partner", [vals.get("partner_id") for vals in vals_list])
        leads = super().create(vals_list)
        leads._lifecycle_advance_partners()
        return leads

    def write(self, vals):
        check_link_targets(self.env, "res.partner", [vals.get("partner_id")])
        return super().write(vals)

    def _lifecycle_advance_partners(self):
        """A lead is the first touch; an opportunity is one step further."""
        Partner = self.env["res.partner"]
        for lead_type, code in (("lead", "reached"), ("opportunity", "opportunity")):
            Partner._lifecycle_advance_records(
                code, self.filtered(lambda lead, t=lead_type: lead.type == t)
            )
