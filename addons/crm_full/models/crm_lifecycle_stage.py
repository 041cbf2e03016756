# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmLifecycleStage(models.Model):
    """A step of the customer journey. Stages are ordered by sequence: a
    customer only moves forward by itself, so the order is the contract."""

    _name = "crm.lifecycle.stage"
    _description = "Customer Lifecycle Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Stable technical key used by the automatic moves "
        "(reached, engaged, opportunity, customer, delivery, service, repeat).",
    )
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    fold = fields.Boolean(help="Folded in the customer kanban.")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "A lifecycle stage code must be unique."),
    ]
