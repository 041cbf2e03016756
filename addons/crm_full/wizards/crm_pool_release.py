# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmPoolRelease(models.TransientModel):
    _name = "crm.pool.release"
    _description = "Release Leads to the Public Pool"

    lead_ids = fields.Many2many("crm.lead", string="Leads", required=True)
    reason = fields.Char(
        required=True, help="Why the lead goes back: the next salesperson reads it."
    )

    def action_confirm(self):
        self.lead_ids._pool_release(self.reason)
        return {"type": "ir.actions.act_window_close"}
