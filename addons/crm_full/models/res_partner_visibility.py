# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Every lead of the partner, leads and opportunities alike (crm's opportunity_ids
    # keeps only opportunities). The salespeople's partner rule goes through it: the
    # customer of a lead one may open must be readable, or the lead form fails.
    crm_lead_ids = fields.One2many("crm.lead", "partner_id", "All Leads", readonly=True)
