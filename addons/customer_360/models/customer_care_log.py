# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CustomerCareLog(models.Model):
    """One occurrence of a care rule for one customer: the proof it was acted on."""

    _name = "customer.care.log"
    _description = "Customer Care Log"
    _order = "occurrence_date desc, id desc"

    rule_id = fields.Many2one("customer.care.rule", required=True, ondelete="cascade", index=True)
    trigger = fields.Selection(related="rule_id.trigger", store=True)
    partner_id = fields.Many2one(
        "res.partner", "Customer", required=True, ondelete="cascade", index=True
    )
    occurrence_date = fields.Date(
        required=True, help="The birthday, anniversary or event date this log is about."
    )
    company_id = fields.Many2one("res.company", required=True, index=True)
    state = fields.Selection(
        [("pending", "Pending"), ("done", "Done"), ("failed", "Failed")],
        default="pending",
        required=True,
    )
    note = fields.Text()

    _sql_constraints = [
        (
            "occurrence_unique",
            "UNIQUE(rule_id, partner_id, occurrence_date)",
            "This occurrence has already been acted on.",
        ),
    ]

    def _compute_display_name(self):
        for log in self:
            log.display_name = f"{log.rule_id.name}: {log.partner_id.display_name}"
