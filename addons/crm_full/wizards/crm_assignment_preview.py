# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..models.crm_full_guard import check_link_targets


class CrmAssignmentPreview(models.TransientModel):
    """Which assignment rule would take a lead, to whom, and why the earlier ones did not."""

    _name = "crm.assignment.preview"
    _description = "Lead Assignment Preview"

    lead_id = fields.Many2one("crm.lead", required=True, ondelete="cascade")
    rule_id = fields.Many2one("crm.assignment.rule", "Rule", compute="_compute_preview")
    user_id = fields.Many2one("res.users", "Would Go To", compute="_compute_preview")
    explanation = fields.Text(compute="_compute_preview")

    @api.model_create_multi
    def create(self, vals_list):
        leads = [vals.get("lead_id") for vals in vals_list]
        check_link_targets(self.env, "crm.lead", leads, operation="read")
        return super().create(vals_list)

    def write(self, vals):
        check_link_targets(self.env, "crm.lead", [vals.get("lead_id")], operation="read")
        return super().write(vals)

    @api.depends("lead_id")
    def _compute_preview(self):
        for preview in self:
            if not preview.lead_id.has_access("read"):
                preview.rule_id = preview.user_id = preview.explanation = False
                continue
            rule, user, lines = preview.lead_id._assignment_explain()
            preview.rule_id = rule
            preview.user_id = user
            preview.explanation = "\n".join(lines)
