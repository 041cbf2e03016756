# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

# Categories the SLA engine reads: which clocks run, pause or stop.
STAGE_CATEGORIES = [
    ("new", "New"),
    ("in_progress", "In Progress"),
    ("waiting_customer", "Waiting on Customer"),
    ("waiting_third_party", "Waiting on Third Party"),
    ("solved", "Solved"),
    ("closed", "Closed"),
]
PAUSING_CATEGORIES = ("waiting_customer", "waiting_third_party")
DONE_CATEGORIES = ("solved", "closed")


class ServiceDeskStage(models.Model):
    _name = "service.desk.stage"
    _description = "Service Desk Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    category = fields.Selection(STAGE_CATEGORIES, required=True, default="in_progress")
    fold = fields.Boolean(help="Folded in the ticket kanban.")
    active = fields.Boolean(default=True)
    team_ids = fields.Many2many(
        "service.desk.team",
        string="Teams",
        help="Teams using this stage; leave empty for every team.",
    )
    is_done = fields.Boolean(
        compute="_compute_sla_flags", store=True, help="Solved or closed: resolution clocks stop."
    )
    pauses_sla = fields.Boolean(
        compute="_compute_sla_flags",
        store=True,
        string="Pauses SLA",
        help="Waiting on the customer or a third party: resolution clocks pause.",
    )

    @api.depends("category")
    def _compute_sla_flags(self):
        for stage in self:
            stage.is_done = stage.category in DONE_CATEGORIES
            stage.pauses_sla = stage.category in PAUSING_CATEGORIES
