# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import create_index

HEALTH_STATES = [
    ("green", "Green"),
    ("yellow", "Yellow"),
    ("red", "Red"),
    ("unknown", "Unknown"),
]


class CustomerHealthSnapshot(models.Model):
    """One row per customer and week (Monday): the trend and the drop alert
    read these. A recompute during the week overwrites that week's row."""

    _name = "customer.health.snapshot"
    _description = "Customer Health Snapshot"
    _order = "date desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, ondelete="cascade", index=True
    )
    date = fields.Date(required=True, help="Monday of the week.")
    model_id = fields.Many2one("customer.health.model", ondelete="set null")
    score = fields.Integer(aggregator="avg")
    state = fields.Selection(HEALTH_STATES, required=True, default="unknown")
    coverage = fields.Float(aggregator="avg")
    group_scores = fields.Json()
    detail = fields.Json(help="Each measure's value, points, weight and contribution.")

    _sql_constraints = [
        ("partner_date_uniq", "unique(partner_id, date)", "One health snapshot per week."),
    ]

    def init(self):
        super().init()
        # Odoo has no index on account_move.commercial_partner_id: without this
        # one, each recompute batch reads every invoice for the open receivables
        # of its customers, so the cron grows with N x invoices.
        create_index(
            self.env.cr,
            "customer_360_open_receivable_idx",
            "account_move",
            ["commercial_partner_id"],
            where="move_type = 'out_invoice' AND state = 'posted'"
            " AND payment_state IN ('not_paid', 'partial')",
        )
