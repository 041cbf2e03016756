# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", string="Customer Account"
    )

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        leads._lifecycle_advance_partners()
        return leads

    def _lifecycle_advance_partners(self):
        """A lead is the first touch; an opportunity is one step further."""
        Partner = self.env["res.partner"]
        for lead_type, code in (("lead", "reached"), ("opportunity", "opportunity")):
            Partner._lifecycle_advance_records(
                code, self.filtered(lambda lead, t=lead_type: lead.type == t)
            )
