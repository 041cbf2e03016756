# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .crm_full_guard import check_link_targets


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Every lead of the partner, leads and opportunities alike (crm's opportunity_ids
    # keeps only opportunities). The salespeople's partner rule goes through it: the
    # customer of a lead one may open must be readable, or the lead form fails.
    crm_lead_ids = fields.One2many("crm.lead", "partner_id", "All Leads", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        # A contact one owns would not open its company (the rule does not follow
        # children), but one may only file contacts under companies one may edit.
        check_link_targets(self.env, "res.partner", [vals.get("parent_id") for vals in vals_list])
        return super().create(vals_list)

    def write(self, vals):
        check_link_targets(self.env, "res.partner", [vals.get("parent_id")])
        return super().write(vals)
