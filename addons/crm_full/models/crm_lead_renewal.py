# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    renewal_of_order_id = fields.Many2one(
        "sale.order",
        string="Renewal of Contract",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The expiring contract this opportunity renews; opened by the renewal cron.",
    )

    @api.model
    def _system_fields(self):
        # the cron links it; a hand-made link would count a renewal nobody prepared
        return super()._system_fields() | {"renewal_of_order_id"}

    def write(self, vals):
        result = super().write(vals)
        if "active" in vals or "stage_id" in vals:
            # a renewal opportunity lost after the end date: its contract is lost now
            self.renewal_of_order_id._renewal_sync_states()
        return result
