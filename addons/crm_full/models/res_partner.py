# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "crm.full.system.fields.mixin"]

    lifecycle_stage_id = fields.Many2one(
        "crm.lifecycle.stage",
        string="Lifecycle Stage",
        index=True,
        tracking=True,
        copy=False,
        group_expand="_read_group_lifecycle_stage_ids",
        groups="base.group_user",
        help="The furthest stage of the customer journey this customer has reached.",
    )
    lifecycle_history_ids = fields.One2many(
        "crm.lifecycle.history", "partner_id", string="Lifecycle History", groups="base.group_user"
    )
    followup_ids = fields.One2many(
        "crm.followup", "partner_id", string="Follow-ups", groups="base.group_user"
    )
    last_followup_date = fields.Datetime(
        compute="_compute_last_followup_date", store=True, groups="base.group_user"
    )

    @api.model
    def _system_fields(self):
        # The stage reached moves by events, or by a manager through the wizard (sudo).
        return super()._system_fields() | {"lifecycle_stage_id", "last_followup_date"}

    @api.depends("followup_ids.date")
    def _compute_last_followup_date(self):
        dates = dict(
            self.env["crm.followup"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["date:max"]
            )
        )
        for partner in self:
            partner.last_followup_date = dates.get(partner)

    @api.model
    def _read_group_lifecycle_stage_ids(self, stages, domain):
        return stages.search([])

    def _lifecycle_advance(self, code, cause=None):
        """Move the commercial partners of ``self`` forward to the stage ``code``.

        Customers already at or past that stage are left alone: the stage
        reached never goes back by itself. Every move is written to history.

        :param code: ``crm.lifecycle.stage`` code to reach
        :param cause: record whose event caused the move (kept in history)
        :return: the partners that moved
        """
        return self._lifecycle_move(code, dict.fromkeys(self.commercial_partner_id, cause))

    @api.model
    def _lifecycle_advance_records(self, code, records, partner_field="partner_id", reason=None):
        """Advance the customers of ``records`` in one pass; each move's cause is the
        first of ``records`` belonging to that customer; ``reason`` names the kind of
        event when the cause alone does not say it (a renewal is an order)."""
        causes = {}
        for record in records:
            account = record[partner_field].commercial_partner_id
            if account:
                causes.setdefault(account, record)
        return self._lifecycle_move(code, causes, reason=reason)

    @api.model
    def _lifecycle_move(self, code, causes, reason=None):
        """:param causes: {commercial partner: causing record or None}
        :param reason: text kept on each history row written, or None"""
        partners = self.browse([partner.id for partner in causes])
        ranks, ranks_by_code = self.env["crm.lifecycle.stage"]._lifecycle_ranks()
        target = ranks_by_code.get(code)
        if not target or not partners:
            return self.browse()
        stage = self.env["crm.lifecycle.stage"].browse(target[1])
        behind = partners.filtered(
            lambda partner: ranks.get(partner.lifecycle_stage_id.id, (0, 0)) < target
        )
        self.env["crm.lifecycle.history"].sudo().create(
            [
                {
                    "partner_id": partner.id,
                    "old_stage_id": partner.lifecycle_stage_id.id,
                    "new_stage_id": stage.id,
                    "cause": causes[partner] or False,
                    "reason": reason or False,
                }
                for partner in behind
            ]
        )
        # The stage reached is a fact derived from events, not a field the
        # user who caused the event may edit: write it as the system.
        behind.sudo().write({"lifecycle_stage_id": stage.id})
        return behind
