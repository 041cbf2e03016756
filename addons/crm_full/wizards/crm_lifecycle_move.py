# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CrmLifecycleMove(models.TransientModel):
    """A manager's correction of the stage reached, forward or backward, with a reason."""

    _name = "crm.lifecycle.move"
    _description = "Move Lifecycle Stage"

    partner_ids = fields.Many2many("res.partner", string="Customers", required=True)
    stage_id = fields.Many2one("crm.lifecycle.stage", "New Stage", required=True)
    reason = fields.Char(required=True, help="Kept in the lifecycle history.")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if "partner_ids" in fields_list and not values.get("partner_ids"):
            if self.env.context.get("active_model") == "res.partner":
                values["partner_ids"] = [
                    fields.Command.set(self.env.context.get("active_ids") or [])
                ]
        return values

    def action_confirm(self):
        self.ensure_one()
        self.partner_ids._lifecycle_set_stage(self.stage_id, self.reason)
        return {"type": "ir.actions.act_window_close"}
