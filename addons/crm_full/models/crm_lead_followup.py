# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    followup_ids = fields.One2many("crm.followup", "lead_id", "Follow-ups")
    last_followup_date = fields.Datetime(
        compute="_compute_last_followup_date", store=True, index=True
    )
    pool_reclaim_date = fields.Datetime(
        "Back to Pool On",
        compute="_compute_pool_reclaim_date",
        store=True,
        index=True,
        help="Without a follow-up by then, the lead returns to the public pool.",
    )
    pool_days_to_reclaim = fields.Integer(
        "Days Until Reclaim", compute="_compute_pool_days_to_reclaim"
    )
    pool_reclaim_warned = fields.Boolean(copy=False)

    @api.depends("followup_ids.date")
    def _compute_last_followup_date(self):
        dates = dict(
            self.env["crm.followup"]._read_group(
                [("lead_id", "in", self.ids)], ["lead_id"], ["date:max"]
            )
        )
        for lead in self:
            lead.last_followup_date = dates.get(lead)

    @api.depends(
        "last_followup_date",
        "date_open",
        "user_id",
        "in_pool",
        "stage_id.is_won",
        "team_id",
        "company_id",
    )
    def _compute_pool_reclaim_date(self):
        for lead in self:
            start = lead.last_followup_date or lead.date_open
            if not lead.user_id or lead.in_pool or lead.stage_id.is_won or not start:
                lead.pool_reclaim_date = False
                continue
            # The lead's own company: the cron runs as one company for all of them.
            company = lead.company_id or self.env.company
            days = lead.team_id._pool_setting("pool_reclaim_days", company)
            lead.pool_reclaim_date = start + timedelta(days=days)

    def _compute_pool_days_to_reclaim(self):
        now = fields.Datetime.now()
        for lead in self:
            reclaim = lead.pool_reclaim_date
            lead.pool_days_to_reclaim = max((reclaim - now).days, 0) if reclaim else 0

    @api.model
    def _cron_pool_reclaim(self, batch_size=1000):
        """Warn owners some days ahead, then return idle leads to the pool (once each)."""
        now = fields.Datetime.now()
        company = self.env.company
        warn_days = company.pool_reclaim_warning_days
        to_warn = self.search(
            [
                ("pool_reclaim_date", "<=", now + timedelta(days=warn_days)),
                ("pool_reclaim_date", ">", now),
                ("pool_reclaim_warned", "=", False),
            ],
            limit=batch_size,
        )
        todo = self.env.ref("mail.mail_activity_data_todo")
        for lead in to_warn:
            lead.activity_schedule(
                activity_type_id=todo.id,
                user_id=lead.user_id.id,
                summary=self.env._("Follow up or lose the lead"),
                note=self.env._("%s returns to the public pool without a follow-up.", lead.name),
                date_deadline=lead.pool_reclaim_date.date(),
            )
        to_warn.write({"pool_reclaim_warned": True})
        expired = self.search([("pool_reclaim_date", "<=", now)], limit=batch_size)
        expired._pool_remember_owner(False)
        expired._pool_enter(self.env._("No follow-up in time"), action="release")
        return expired
