# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmStage(models.Model):
    _inherit = "crm.stage"

    max_idle_days = fields.Integer(
        "Idle Limit (days)",
        help="An opportunity left this long in the stage without a follow-up: an activity "
        "for the salesperson and a message to the team leader. 0: no limit.",
    )

    _sql_constraints = [
        (
            "max_idle_days_positive",
            "CHECK(max_idle_days >= 0)",
            "An idle limit cannot be negative.",
        ),
    ]
