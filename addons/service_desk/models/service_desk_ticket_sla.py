# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models

from .service_desk_recipient import recipient_env

# Ticket fields policies match on: a change re-fits the clocks.
SLA_TICKET_STATES = [
    ("on_time", "On Time"),
    ("at_risk", "At Risk"),
    ("paused", "Paused"),
    ("breached", "Breached"),
    ("met", "Met"),
]

SLA_REFIT_FIELDS = ("team_id", "priority", "partner_id", "channel", "company_id", "category_id")


class ServiceDeskTicket(models.Model):
    _inherit = "service.desk.ticket"

    sla_policy_id = fields.Many2one(
        "service.desk.sla.policy", string="SLA Policy", readonly=True, copy=False, index=True
    )
    sla_status_ids = fields.One2many(
        "service.desk.sla.status", "ticket_id", string="SLA Clocks", copy=False
    )
    sla_deadline = fields.Datetime(
        compute="_compute_sla", store=True, index=True, help="Earliest deadline of running clocks."
    )
    sla_breached = fields.Boolean(compute="_compute_sla", store=True, string="SLA Breached")
    sla_state = fields.Selection(
        SLA_TICKET_STATES,
        string="SLA Status",
        compute="_compute_sla",
        store=True,
        index=True,
        help="The live clocks: on time; at risk once one passed its warning threshold; paused "
        "while waiting; breached while one is past its deadline. Once all are done: met, or "
        "breached if any was (see SLA Breached, which never clears).",
    )
    sla_due_date = fields.Datetime(
        string="SLA Due",
        compute="_compute_sla",
        store=True,
        help="The deadline the countdown runs to: the next one, or the one missed.",
    )
    sla_left_seconds = fields.Integer(
        string="SLA Time Left",
        compute="_compute_sla",
        store=True,
        help="Working seconds left on a paused clock.",
    )

    @api.depends(
        "sla_status_ids.deadline",
        "sla_status_ids.state",
        "sla_status_ids.breached",
        "sla_status_ids.warned",
        "sla_status_ids.date_reached",
        "sla_status_ids.date_pause",
        "sla_status_ids.elapsed_seconds",
        "sla_status_ids.target_seconds",
    )
    def _compute_sla(self):
        for ticket in self:
            clocks = ticket.sla_status_ids.filtered(lambda c: c.state != "cancelled")
            running = clocks.filtered(lambda c: c.state == "running" and not c.breached)
            ticket.sla_deadline = min(running.mapped("deadline"), default=False)
            ticket.sla_breached = any(clocks.mapped("breached"))
            ticket.update(ticket._sla_state_values(clocks, running))

    @api.model
    def _sla_state_values(self, clocks, running):
        """SLA status, countdown target and time left of one ticket's (non-cancelled) clocks."""
        live = clocks._open()
        overdue = live.filtered("breached")
        paused = live._paused()
        values = {"sla_due_date": False, "sla_left_seconds": 0}
        if overdue:
            values.update(sla_state="breached", sla_due_date=min(overdue.mapped("deadline")))
        elif running:
            values["sla_state"] = "at_risk" if any(running.mapped("warned")) else "on_time"
            values["sla_due_date"] = min(running.mapped("deadline"))
        elif paused:
            values["sla_state"] = "paused"
            values["sla_left_seconds"] = min(
                max(c.target_seconds - c.elapsed_seconds, 0) for c in paused
            )
        elif clocks:
            values["sla_state"] = "breached" if any(clocks.mapped("breached")) else "met"
        else:
            values["sla_state"] = False
        return values

    # ------------------------------------------------------------
    # CRUD HOOKS
    # ------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        tickets._sla_refit(fields.Datetime.now())
        return tickets

    def write(self, vals):
        refit = any(fname in vals for fname in SLA_REFIT_FIELDS if fname in self._fields)
        was_done = {t.id: t.is_done for t in self} if "stage_id" in vals else {}
        res = super().write(vals)
        if refit or was_done:
            now = fields.Datetime.now()
            reopened = self.filtered(lambda t: was_done.get(t.id) and not t.is_done)
            reopened._sla_reopen(now)
            if refit:
                self._sla_refit(now)
            else:
                self._sla_sync_stage(now)
        return res

    def _message_post_after_hook(self, message, msg_values):
        res = super()._message_post_after_hook(message, msg_values)
        # the same test as the first-reply metric (_is_public_employee_reply), so both agree
        if self._is_public_employee_reply(message):
            clocks = (
                self.sudo().sla_status_ids._open().filtered(lambda c: c.metric == "first_reply")
            )
            clocks._fulfil(fields.Datetime.now())
        return res

    def _sla_breach_user(self):
        """Who acts on a breach: the assignee, else the team leader."""
        self.ensure_one()
        return self.user_id or self.team_id.leader_id

    def _sla_schedule_breach_activities(self):
        """A to-do for the assignee (else the team leader) of each breached ticket, in one batch."""
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for ticket in self:
            user = ticket._sla_breach_user()
            if not user:
                continue
            env = recipient_env(self.env, user)
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": ticket.id,
                    "activity_type_id": todo.id if todo else False,
                    "summary": env._("SLA breached"),
                    "user_id": user.id,
                    "date_deadline": fields.Date.context_today(self.with_env(env)),
                }
            )
        if vals_list:
            # no e-mail per to-do: a breach burst would send one mail per ticket
            self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
                vals_list
            )

    # ------------------------------------------------------------
    # SLA ENGINE
    # ------------------------------------------------------------
    def _sla_refit(self, now):
        """Match policies again; keep live clocks of kept metrics, cancel dropped ones.

        Clocks are system-managed: agents only read them, so the engine works as superuser.
        """
        policies = self.env["service.desk.sla.policy"].sudo()._match_tickets(self)
        Status = self.env["service.desk.sla.status"].sudo()
        Target = self.env["service.desk.sla.target"].sudo()
        to_create = []
        cache = {}  # tickets of a burst share start and target: plan once
        for ticket, policy in policies.items():
            if ticket.sla_policy_id != policy:
                ticket.sudo().sla_policy_id = policy
            pairs = policy._get_target_ids(policy.id)
            # one recordset: its targets are fetched together
            records = Target.browse([target_id for _metric, target_id in pairs])
            targets = {metric: target for (metric, _id), target in zip(pairs, records, strict=True)}
            clocks = ticket.sudo().sla_status_ids
            live = clocks._open()
            for clock in live:
                target = targets.get(clock.metric)
                if not target:
                    clock._cancel(now)
                elif clock.target_id != target:
                    clock._retarget(target, ticket, now)
            started = set(clocks.filtered(lambda c: c.state != "cancelled").mapped("metric"))
            for metric, target in targets.items():
                if metric not in started and not (metric == "resolution" and ticket.is_done):
                    to_create.append(Status._prepare_clock_values(target, ticket, now, cache=cache))
        if to_create:
            Status.create(to_create)._start(now)
        self._sla_sync_stage(now)

    def _sla_sync_stage(self, now):
        """Resolution clocks follow the stage: pause while waiting, stop when done.

        A ticket solved without any public reply also fulfils its first-reply clock
        (Zendesk's rule), rather than leaving it to breach on a closed ticket.
        """
        live = self._sla_live_clocks()
        live.filtered(lambda c: c.ticket_id.is_done)._fulfil(now)
        clocks = live.filtered(lambda c: c.metric == "resolution" and not c.ticket_id.is_done)
        clocks._counting().filtered(lambda c: c.ticket_id.stage_id.pauses_sla)._pause(now)
        clocks._paused().filtered(lambda c: not c.ticket_id.stage_id.pauses_sla)._resume(now)

    def _sla_live_clocks(self):
        """Running and paused clocks; all clocks are read in one query when not in cache."""
        field = self._fields["sla_status_ids"]
        if not all(self.env.cache.contains(ticket, field) for ticket in self):
            Status = self.env["service.desk.sla.status"].sudo()
            clocks = Status.search_fetch(
                [("ticket_id", "in", self.ids)],
                [name for name, fld in Status._fields.items() if fld.store and fld.column_type],
            )
            by_ticket = defaultdict(list)
            for clock in clocks:
                by_ticket[clock.ticket_id.id].append(clock.id)
            # fill the one2many too: _compute_sla reads it again after the transitions
            self.env.cache.update(self, field, [tuple(by_ticket[t.id]) for t in self])
        return self.sudo().sla_status_ids._open()

    def _sla_reopen(self, now):
        """Done → not done: the last resolution clock of each ticket resumes or starts again."""
        for ticket in self:
            done = ticket.sudo().sla_status_ids.filtered(
                lambda c: (
                    c.metric == "resolution" and c.state in ("met", "breached") and c.date_reached
                )
            )
            if done:
                done.sorted("cycle")[-1]._reopen(now)
