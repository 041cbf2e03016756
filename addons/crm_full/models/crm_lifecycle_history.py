# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models

LIFECYCLE_STATUSES = [
    ("active", "Active"),
    ("at_risk", "At Risk"),
    ("dormant", "Dormant"),
    ("churned", "Churned"),
    ("won_back", "Won Back"),
]


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

    @api.model_create_multi
    def create(self, vals_list):
        # Given a record, create() stores str(record) in a Reference column, and
        # given "model,id" it checks exists() row by row: write causes ourselves,
        # one UPDATE per distinct cause (a batch usually shares one).
        causes = [vals.pop("cause", False) for vals in vals_list]
        moves = super().create(vals_list)
        ids_by_cause = defaultdict(list)
        for move, cause in zip(moves, causes, strict=True):
            if cause:
                key = cause if isinstance(cause, str) else f"{cause._name},{cause.id}"
                ids_by_cause[key].append(move.id)
        for cause, ids in ids_by_cause.items():
            self.env.cr.execute(
                "UPDATE crm_lifecycle_history SET cause = %s WHERE id = ANY(%s)", [cause, ids]
            )
        if ids_by_cause:
            moves.invalidate_recordset(["cause"])
        return moves

    @api.model
    def _create_status_moves(self, moves, date, cause=None):
        """Log live-status moves of many customers in one INSERT: the daily
        cron and customer_360's health recompute move thousands at once,
        where create() would cost a few hundred µs per row. Same rows as
        create() writes (company from the partner, user and dates).

        :param moves: [(partner id, old status or False, new status)]
        :param cause: record (or "model,id") behind the moves, or None
        """
        if not moves:
            return
        self.flush_model()
        self.env["res.partner"].flush_model(["company_id"])
        partner_ids, old_statuses, new_statuses = (
            list(column) for column in zip(*moves, strict=True)
        )
        self.env.cr.execute(
            """
            INSERT INTO crm_lifecycle_history
                   (partner_id, axis, old_status, new_status, date, cause, company_id,
                    user_id, create_uid, write_uid, create_date, write_date)
            SELECT v.partner_id, 'status', v.old_status, v.new_status, %s, %s, p.company_id,
                   %s, %s, %s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM unnest(%s::int[], %s::varchar[], %s::varchar[])
                   AS v(partner_id, old_status, new_status)
              JOIN res_partner p ON p.id = v.partner_id
            """,
            [
                date,
                (cause if isinstance(cause, str) else f"{cause._name},{cause.id}")
                if cause
                else None,
                *[self.env.uid] * 3,
                partner_ids,
                [status or None for status in old_statuses],
                new_statuses,
            ],
        )
        self.env["res.partner"].browse(partner_ids).invalidate_recordset(["lifecycle_history_ids"])

    @api.model
    def _selection_cause_model(self):
        # From the registry, not ir.model: this runs for every history row written.
        return [(name, self.env[name]._description or name) for name in sorted(self.env.registry)]
