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
    pool_reclaim_warned = fields.Boolean(
        compute="_compute_pool_reclaim_warned", store=True, readonly=False, copy=False
    )
    pool_reclaim_warned_date = fields.Datetime(
        "Warned for Reclaim On",
        copy=False,
        readonly=True,
        help="The reclaim date the owner was warned of: a follow-up that moves it re-arms the warning.",
    )

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
        "team_id.pool_mode",
        "company_id.pool_new_leads",
    )
    def _compute_pool_reclaim_date(self):
        for lead in self:
            start = lead.last_followup_date or lead.date_open
            if not lead.user_id or lead.in_pool or lead.stage_id.is_won or not start:
                lead.pool_reclaim_date = False
                continue
            # Where the pool is off, nothing returns to it.
            if not lead._pool_enabled():
                lead.pool_reclaim_date = False
                continue
            # The lead's own company: the cron runs as one company for all of them.
            company = lead.company_id or self.env.company
            days = lead.team_id._pool_setting("pool_reclaim_days", company)
            lead.pool_reclaim_date = start + timedelta(days=days)

    @api.depends("pool_reclaim_date", "pool_reclaim_warned_date")
    def _compute_pool_reclaim_warned(self):
        for lead in self:
            lead.pool_reclaim_warned = bool(
                lead.pool_reclaim_date and lead.pool_reclaim_warned_date == lead.pool_reclaim_date
            )

    def _compute_pool_days_to_reclaim(self):
        now = fields.Datetime.now()
        for lead in self:
            reclaim = lead.pool_reclaim_date
            lead.pool_days_to_reclaim = max((reclaim - now).days, 0) if reclaim else 0

    @api.model
    def _cron_pool_reclaim(self, batch_size=1000):
        """Warn owners some days ahead, then return idle leads to the pool (once each).

        Set-based, in batches locked with SKIP LOCKED and committed one by one: a fixed
        number of queries per batch, however many leads are due.

        :return: the leads returned to the pool
        """
        self.flush_model(
            ["pool_reclaim_date", "pool_reclaim_warned", "pool_reclaim_warned_date", "active"]
        )
        now = fields.Datetime.now()
        warn_until = now + timedelta(days=self.env.company.pool_reclaim_warning_days)
        warn_query = """
            UPDATE crm_lead SET pool_reclaim_warned = TRUE,
                                pool_reclaim_warned_date = pool_reclaim_date
             WHERE id IN (SELECT id FROM crm_lead
                           WHERE active AND pool_reclaim_date > %(now)s
                             AND pool_reclaim_date <= %(until)s
                             AND NOT COALESCE(pool_reclaim_warned, FALSE)
                           LIMIT %(limit)s FOR UPDATE SKIP LOCKED)
         RETURNING id
        """
        reclaim_query = """
            SELECT id FROM crm_lead
             WHERE active AND pool_reclaim_date <= %(now)s
             LIMIT %(limit)s FOR UPDATE SKIP LOCKED
        """
        params = {"now": now, "until": warn_until, "limit": batch_size}

        def warn_batch():
            leads = self.browse(self._pool_locked_ids(warn_query, params))
            leads.invalidate_recordset(["pool_reclaim_warned", "pool_reclaim_warned_date"])
            leads._pool_reclaim_warn()
            return leads

        def reclaim_batch():
            leads = self.browse(self._pool_locked_ids(reclaim_query, params))
            leads._pool_reclaim()
            return leads

        self._pool_batches(warn_batch)
        return self._pool_batches(reclaim_batch)

    def _pool_reclaim_warn(self):
        if not self:
            return
        self._pool_schedule(
            lambda lead: lead.user_id,
            lambda lead: lead.env._("Follow up or lose the lead"),
            lambda lead: lead.env._(
                "%s returns to the public pool without a follow-up.", lead.name
            ),
            # the day of the reclaim on the salesperson's clock
            lambda lead: fields.Datetime.context_timestamp(lead, lead.pool_reclaim_date).date(),
        )
        self._pool_digest(
            lambda lead: lead.user_id,
            lambda env, count: env._("%s of your leads return to the pool soon", count),
            lambda env: env._("Without a follow-up, these leads go back to the public pool:"),
        )

    def _pool_reclaim(self):
        if not self:
            return
        # The pool log is the trace: one tracking message per lead is what costs.
        self.env.cr.execute(
            """UPDATE crm_lead SET previous_user_id = user_id, release_reason = NULL
                WHERE id = ANY(%s)""",
            [self.ids],
        )
        self.invalidate_recordset(["previous_user_id", "release_reason"])
        self.with_context(mail_notrack=True)._pool_enter(
            self.env._("No follow-up in time"), action="release"
        )
