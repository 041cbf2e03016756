# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools


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

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    @api.model
    @tools.ormcache()
    def _lifecycle_ranks(self):
        """({stage id: (sequence, id)}, {code of an active stage: (sequence, id)}),
        cached: every lifecycle move (order, invoice, ticket…) compares ranks."""
        stages = (
            self.sudo()
            .with_context(active_test=False)
            .search_fetch([], ["code", "sequence", "active"])
        )
        by_id = {stage.id: (stage.sequence, stage.id) for stage in stages}
        by_code = {stage.code: by_id[stage.id] for stage in stages if stage.active}
        return by_id, by_code
