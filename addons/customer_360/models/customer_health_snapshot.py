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


class JsonText(fields.Json):
    """A Json field in a ``json`` column, which keeps the text as written:
    ``jsonb`` converts every number to ``numeric`` on the way in, a third of
    the cost of writing 100,000 snapshots, for a value only ever read whole."""

    _column_type = ("json", "json")


class CustomerHealthSnapshot(models.Model):
    """One row per customer and week (Monday): the trend and the drop alert
    read these. A recompute during the week overwrites that week's row."""

    _name = "customer.health.snapshot"
    _description = "Customer Health Snapshot"
    _order = "date desc, id desc"
    _rec_name = "partner_id"
    # Written by the recompute only: no create/write user columns, whose two
    # foreign-key checks per row were a fifth of a new week's writes.
    _log_access = False

    # No index of its own: the (partner_id, date) unique index serves it.
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, ondelete="cascade"
    )
    date = fields.Date(required=True, help="Monday of the week.")
    model_id = fields.Many2one("customer.health.model", ondelete="set null")
    score = fields.Integer(aggregator="avg")
    state = fields.Selection(HEALTH_STATES, required=True, default="unknown")
    coverage = fields.Float(aggregator="avg")
    computed_at = fields.Datetime("Computed On", required=True, default=fields.Datetime.now)
    detail = JsonText(help="Each measure's value, points, weight and contribution.")

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
