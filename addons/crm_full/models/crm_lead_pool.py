# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta, timezone

from psycopg2 import errors

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger


class CrmLead(models.Model):
    _inherit = "crm.lead"

    # Written by the pool's server code only (system fields, see crm_lead_pool_guard).
    in_pool = fields.Boolean(
        "In Public Pool",
        index=True,
        copy=False,
        readonly=True,
        tracking=True,
        help="Unowned, waiting to be claimed.",
    )
    pool_date = fields.Datetime("Entered Pool On", copy=False, readonly=True)
    pool_reminded = fields.Boolean(
        copy=False, readonly=True, help="The team leader was reminded of it."
    )
    previous_user_id = fields.Many2one(
        "res.users", "Previous Salesperson", copy=False, readonly=True
    )
    release_reason = fields.Char(copy=False, readonly=True)
    pool_log_ids = fields.One2many(
        "crm.pool.log", "lead_id", "Pool History", groups="sales_team.group_sale_salesman"
    )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        leads.filtered(
            lambda lead: not lead.user_id and not lead.in_pool and lead._pool_enabled()
        )._pool_enter()
        return leads

    def write(self, vals):
        # The pool's own moves always write in_pool; an owner set without it is a hand-out.
        handed_out = self.browse()
        if vals.get("user_id") and "in_pool" not in vals:
            handed_out = self.filtered("in_pool")
            if handed_out and not self._pool_is_manager():
                raise UserError(
                    self.env._(
                        "Leads in the public pool are taken with the Claim button: %s",
                        handed_out[0].name,
                    )
                )
        result = super().write(vals)
        handed_out._pool_handed_out()
        return result

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------
    def action_claim(self):
        self._pool_claim(self.env.user)

    def action_open_release_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Release to the Pool"),
            "res_model": "crm.pool.release",
            "view_mode": "form",
            "target": "new",
            "context": {"default_lead_ids": self.ids},
        }

    # ------------------------------------------------------------
    # POOL
    # ------------------------------------------------------------
    def _pool_is_manager(self):
        """Odoo's Sales / Administrator (our managers imply it) hands out and releases any lead."""
        return self.env.su or self.env.user.has_group("sales_team.group_sale_manager")

    def _pool_enter(self, reason=False, action="enter"):
        if not self:
            return
        now = fields.Datetime.now()
        # Without an owner, crm recomputes the company from a team that may have none:
        # the lead would become visible to every company. It keeps its own.
        with self.env.protecting([self._fields["company_id"]], self):
            self.sudo().write(
                {
                    "in_pool": True,
                    "pool_date": now,
                    "pool_reminded": False,
                    "pool_reclaim_warned": False,
                    "user_id": False,
                }
            )
        self.env["crm.pool.log"].sudo().create(
            [
                {
                    "lead_id": lead.id,
                    "user_id": self.env.user.id,
                    "action": action,
                    "date": now,
                    "reason": reason,
                }
                for lead in self
            ]
        )

    def _pool_claim(self, user):
        """Give pool leads to ``user`` after every rule said yes; all or nothing."""
        self._pool_lock()
        # Before any message naming a lead: ids sent over RPC may be another company's.
        if any(lead.company_id not in user.company_ids for lead in self.sudo() if lead.company_id):
            raise AccessError(self.env._("You may only claim leads of your own companies."))
        # sudo: a lead someone else just claimed is no longer readable by the loser.
        for lead in self.sudo():
            if not lead.in_pool:
                raise UserError(self.env._("%s is no longer in the public pool.", lead.name))
        self.with_user(user).check_access("read")
        self._pool_check_caps(user)
        self._pool_check_cooldown(user)
        self._pool_check_duplicates(user)
        now = fields.Datetime.now()
        self.sudo().write(
            {"in_pool": False, "user_id": user.id, "pool_date": False, "release_reason": False}
        )
        self.env["crm.pool.log"].sudo().create(
            [
                {"lead_id": lead.id, "user_id": user.id, "action": "claim", "date": now}
                for lead in self
            ]
        )

    def _pool_release(self, reason):
        if not (reason or "").strip():
            raise UserError(self.env._("Say why the lead goes back to the pool."))
        for lead in self:
            if lead.user_id != self.env.user and not self._pool_is_manager():
                raise UserError(self.env._("Only the salesperson of %s can release it.", lead.name))
            if lead.in_pool:
                raise UserError(self.env._("%s is already in the public pool.", lead.name))
        self.check_access("write")
        self._pool_remember_owner(reason)
        self._pool_enter(reason, action="release")

    def _pool_remember_owner(self, reason):
        """Keep who held each lead before it goes back: one write per former owner."""
        for owner, leads in self.sudo().grouped("user_id").items():
            leads.write({"previous_user_id": owner.id, "release_reason": reason})

    def _pool_lock(self):
        """Lock the rows now: of two salespeople claiming at once, the second is told so."""
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    "SELECT id FROM crm_lead WHERE id IN %s FOR UPDATE NOWAIT", [tuple(self.ids)]
                )
        except errors.LockNotAvailable as error:
            raise UserError(
                self.env._(
                    "Another salesperson is claiming this lead right now; reload and try again."
                )
            ) from error
        self.invalidate_recordset(["in_pool", "user_id"])

    def _pool_check_caps(self, user):
        company = self.env.company
        team = user.sale_team_id
        # "Today" is the salesperson's day, not UTC's: 08:00 in Shanghai is midnight UTC.
        local_now = fields.Datetime.context_timestamp(self.with_user(user), fields.Datetime.now())
        midnight = local_now.replace(hour=0, minute=0, second=0, microsecond=0)
        since = midnight.astimezone(timezone.utc).replace(tzinfo=None)
        claimed_today = (
            self.env["crm.pool.log"]
            .sudo()
            .search_count(
                [("user_id", "=", user.id), ("action", "=", "claim"), ("date", ">=", since)]
            )
        )
        daily = team._pool_setting("pool_daily_claim_limit", company)
        if claimed_today + len(self) > daily:
            raise UserError(
                self.env._(
                    "You may claim %(limit)s leads a day and already claimed %(done)s today.",
                    limit=daily,
                    done=claimed_today,
                )
            )
        held = self.sudo().search_count(
            [("user_id", "=", user.id), ("stage_id.is_won", "=", False), ("active", "=", True)]
        )
        cap = team._pool_setting("pool_open_lead_limit", company)
        if held + len(self) > cap:
            raise UserError(
                self.env._(
                    "You already hold %(held)s open leads; the limit is %(limit)s. Close or release some first.",
                    held=held,
                    limit=cap,
                )
            )

    def _pool_check_duplicates(self, user):
        for lead in self.sudo():
            owner = lead.duplicate_of_id.user_id
            if owner and owner != user:
                raise UserError(
                    self.env._(
                        "%(lead)s duplicates a lead %(owner)s already works on; ask them or your manager.",
                        lead=lead.name,
                        owner=owner.name,
                    )
                )

    def _pool_check_cooldown(self, user):
        days = user.sale_team_id._pool_setting("pool_cooldown_days", self.env.company)
        since = fields.Datetime.now() - timedelta(days=days)
        recent = (
            self.env["crm.pool.log"]
            .sudo()
            .search(
                [
                    ("lead_id", "in", self.ids),
                    ("action", "=", "release"),
                    ("date", ">", since),
                    ("lead_id.previous_user_id", "=", user.id),
                ],
                limit=1,
            )
        )
        if recent:
            raise UserError(
                self.env._(
                    "You released %(lead)s less than %(days)s days ago; a colleague gets the first chance.",
                    lead=recent.lead_id.name,
                    days=days,
                )
            )

    @api.model
    def _cron_pool_remind_leaders(self, batch_size=500):
        """Remind team leaders, once per lead, of pool leads nobody claimed in time.

        Set-based, in batches locked with SKIP LOCKED and committed one by one: a fixed
        number of queries per batch (one activity per lead, created at once, and one
        digest per leader), however many leads wait.
        """
        self.flush_model(["in_pool", "pool_reminded", "pool_date", "team_id", "active"])
        self.env["crm.team"].flush_model(["pool_unclaimed_hours", "user_id"])
        params = {
            "now": fields.Datetime.now(),
            "hours": self.env.company.pool_unclaimed_hours,
            "limit": batch_size,
        }
        query = """
            SELECT l.id FROM crm_lead l
         LEFT JOIN crm_team t ON t.id = l.team_id
             WHERE l.in_pool AND l.active AND l.pool_date IS NOT NULL
               AND NOT COALESCE(l.pool_reminded, FALSE)
               AND l.pool_date <= %(now)s
                   - COALESCE(NULLIF(t.pool_unclaimed_hours, 0), %(hours)s) * interval '1 hour'
          ORDER BY l.pool_date, l.id
             LIMIT %(limit)s
               FOR UPDATE OF l SKIP LOCKED
        """

        def batch():
            leads = self.browse(self._pool_locked_ids(query, params))
            leads._pool_remind_leaders()
            return leads

        return self._pool_batches(batch)

    def _pool_remind_leaders(self):
        if not self:
            return
        led = self.filtered("team_id.user_id")
        led._pool_schedule(
            lambda lead: lead.team_id.user_id,
            lambda lead: lead.env._("Unclaimed pool lead"),
            lambda lead: lead.env._(
                "%s has waited in the public pool; hand it out or claim it.", lead.name
            ),
            lambda lead: fields.Date.context_today(lead),
        )
        led._pool_digest(
            lambda lead: lead.team_id.user_id,
            lambda env, count: env._("%s pool leads wait for you to hand them out", count),
            lambda env: env._("These leads waited in the public pool longer than allowed:"),
        )
        self.env.cr.execute(
            "UPDATE crm_lead SET pool_reminded = TRUE WHERE id = ANY(%s)", [self.ids]
        )
        self.invalidate_recordset(["pool_reminded"])
