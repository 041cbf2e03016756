# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmHandover(models.Model):
    """The audit record of a hand-over (离职交接): who handed whose book to whom, when,
    and how many records of each kind moved. Written by the hand-over wizard only."""

    _name = "crm.handover"
    _description = "Hand-over"
    _order = "date desc, id desc"

    name = fields.Char(compute="_compute_name")
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    user_id = fields.Many2one("res.users", "Handed Over By", required=True, readonly=True)
    source_user_id = fields.Many2one(
        "res.users", "From", required=True, readonly=True, index=True, ondelete="restrict"
    )
    target_user_ids = fields.Many2many("res.users", string="To", readonly=True)
    split = fields.Selection(
        [
            ("round_robin", "Round-robin"),
            ("team", "By team"),
        ],
        readonly=True,
    )
    leads_to_pool = fields.Boolean("Leads to the Public Pool", readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    line_ids = fields.One2many("crm.handover.line", "handover_id", "Moved", readonly=True)
    total_count = fields.Integer("Records Moved", readonly=True)

    def _compute_name(self):
        for handover in self:
            handover.name = self.env._(
                "%(leaver)s → %(targets)s",
                leaver=handover.source_user_id.name,
                targets=", ".join(handover.target_user_ids.mapped("name"))
                or self.env._("Public Pool"),
            )


class CrmHandoverLine(models.Model):
    """One kind of records given to one new owner (or to the pool) in a hand-over."""

    _name = "crm.handover.line"
    _description = "Hand-over Line"
    _order = "handover_id, sequence, id"

    handover_id = fields.Many2one("crm.handover", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="handover_id.company_id", store=True)
    sequence = fields.Integer()
    kind = fields.Char(
        "Kind Key", required=True, help="Technical key of the kind (res.users._handover_kinds)."
    )
    kind_label = fields.Char("Kind", required=True)
    res_model = fields.Char("Model", required=True)
    target_user_id = fields.Many2one("res.users", "To", help="Empty: the public pool.")
    count = fields.Integer(required=True)
    res_ids = fields.Json("Records", help="Ids of the records moved, for the audit.")
