# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

LIFECYCLE_STATUSES = [
    ("active", "Active"),
    ("at_risk", "At Risk"),
    ("dormant", "Dormant"),
    ("churned", "Churned"),
    ("won_back", "Won Back"),
]


def cause_reference(record):
    """The value to create a history row with: given a record, create() would
    store str(record) in the Reference column, not "model,id"."""
    return f"{record._name},{record.id}" if record else False


class CrmLifecycleHistory(models.Model):
    """One move of a customer on the lifecycle, with what caused it."""

    _name = "crm.lifecycle.history"
    _description = "Customer Lifecycle History"
    _order = "date desc, id desc"

    partner_id = fields.Many2one("res.partner", required=True, index=True, ondelete="cascade")
    axis = fields.Selection(
        [("stage", "Stage Reached"), ("status", "Live Status")],
        required=True,
        default="stage",
        help="Which of the customer's two lifecycle axes moved.",
    )
    old_stage_id = fields.Many2one("crm.lifecycle.stage", ondelete="restrict")
    new_stage_id = fields.Many2one("crm.lifecycle.stage", ondelete="restrict")
    old_status = fields.Selection(LIFECYCLE_STATUSES)
    new_status = fields.Selection(LIFECYCLE_STATUSES)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    user_id = fields.Many2one("res.users", default=lambda self: self.env.user)
    cause = fields.Reference(
        selection="_selection_cause_model",
        help="The record whose event moved the customer, if any.",
    )
    reason = fields.Char(help="Why a manager moved the customer by hand.")
    company_id = fields.Many2one(related="partner_id.company_id", store=True)

    _sql_constraints = [
        (
            "axis_target",
            "CHECK((axis = 'stage' AND new_stage_id IS NOT NULL)"
            " OR (axis = 'status' AND new_status IS NOT NULL))",
            "A lifecycle move needs the stage or status it moved to.",
        ),
    ]

    @api.model
    def _selection_cause_model(self):
        # From the registry, not ir.model: this runs for every history row written.
        return [(name, self.env[name]._description or name) for name in sorted(self.env.registry)]
