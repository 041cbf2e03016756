# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""SLA clocks counted in working time.

Working time comes from ``resource.calendar`` in the calendar's time zone, minus
global leaves (``resource.calendar.leaves`` without resource: public holidays).
Make-up working days (调休, e.g. a working Saturday) are dated attendance lines:
a ``resource.calendar.attendance`` with ``dayofweek`` = that weekday and
``date_from`` = ``date_to`` = that day. Odoo 18 applies dated lines only inside
their range and leaves them out of the overlap check, so no extra model is needed.
24x7 targets count plain time.

A clock's deadline is planned once, ``plan(target - elapsed)`` from the last
resume, and only re-planned on resume or retarget; the breach cron is woken at
the next deadline and only reads running clocks through a partial index.
"""

from collections import defaultdict
from datetime import datetime, timedelta

from markupsafe import Markup
from pytz import utc

from odoo import api, fields, models, tools
from odoo.tools import SQL

from .service_desk_recipient import format_instant, recipient_env

# Working intervals are memoized by UTC week, counted from this Monday.
WEEK_ZERO = datetime(2000, 1, 3, tzinfo=utc)
# plan_hours gives up after 100 windows of 14 days: so do we
PLAN_HORIZON = timedelta(days=1400)

# Clocks whose next escalation step is pending: running ones, and breached ones still
# counting (not fulfilled, not paused). Index predicate and cron query, word for word.
ESCALATION_DUE_SQL = (
    "state IN ('running', 'breached') AND escalation_date IS NOT NULL "
    "AND date_reached IS NULL AND date_pause IS NULL"
)

SLA_STATES = [
    ("running", "Running"),
    ("paused", "Paused"),
    ("met", "Met"),
    ("breached", "Breached"),
    ("cancelled", "Cancelled"),
]


class ServiceDeskSlaStatus(models.Model):
    _name = "service.desk.sla.status"
    _description = "Service Desk SLA Clock"
    _order = "deadline, id"

    ticket_id = fields.Many2one(
        "service.desk.ticket", required=True, ondelete="cascade", index=True
    )
    # precomputed related fields: one INSERT per batch of clocks, no UPDATE after it
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, precompute=True)
    target_id = fields.Many2one("service.desk.sla.target", required=True, ondelete="restrict")
    policy_id = fields.Many2one(related="target_id.policy_id", store=True, precompute=True)
    metric = fields.Selection(related="target_id.metric", store=True, precompute=True)
    cycle = fields.Integer(default=1)
    calendar_id = fields.Many2one("resource.calendar", help="Empty: plain 24x7 time.")
    target_seconds = fields.Integer(help="Budget of this clock in working seconds.")
    state = fields.Selection(SLA_STATES, required=True, default="running")
    breached = fields.Boolean(help="Set at the deadline; never erased, even when fulfilled late.")
    warned = fields.Boolean()
    date_start = fields.Datetime(string="Started on")
    date_resume = fields.Datetime(string="Last resumed on")
    date_pause = fields.Datetime(string="Paused since")
    deadline = fields.Datetime(index=True)
    warn_date = fields.Datetime()
    escalation_percent = fields.Float(help="Share of the target of the next escalation; 0: none.")
    escalation_date = fields.Datetime(help="Instant of the next escalation step.")
    escalation_done_percent = fields.Float(
        help="Highest share of the target escalated: steps up to it never run again."
    )
    elapsed_seconds = fields.Integer(
        help="Working seconds counted while running, until the last change."
    )
    paused_seconds = fields.Integer(help="Working seconds spent paused.")
    overdue_seconds = fields.Integer(help="Working seconds past the target when fulfilled.")
    date_reached = fields.Datetime(string="Fulfilled on")
    event_ids = fields.One2many("service.desk.sla.event", "status_id", string="Events")

    def init(self):
        # the breach cron reads only these rows: keep its cost proportional to them
        tools.create_index(
            self.env.cr,
            "service_desk_sla_status_running_deadline_idx",
            self._table,
            ["deadline"],
            where="state = 'running' AND breached IS NOT TRUE",
        )
        tools.create_index(
            self.env.cr,
            "service_desk_sla_status_running_warn_idx",
            self._table,
            ["warn_date"],
            where="state = 'running' AND warned IS NOT TRUE",
        )
        # a breached clock still counts until fulfilled: steps past 100% run on it too
        self.env.cr.execute("DROP INDEX IF EXISTS service_desk_sla_status_running_escalation_idx")
        tools.create_index(
            self.env.cr,
            "service_desk_sla_status_live_escalation_idx",
            self._table,
            ["escalation_date"],
            where=ESCALATION_DUE_SQL,
        )

    @api.depends("target_id", "cycle")
    def _compute_display_name(self):
        for clock in self:
            clock.display_name = f"{clock.target_id.display_name} #{clock.cycle}"

    # ------------------------------------------------------------
    # LIFE CYCLE
    # ------------------------------------------------------------
    # ``state`` is the outcome a person reads (and automation rules trigger on): it turns
    # to "breached" at the deadline, while the clock goes on counting the overdue time
    # until fulfilled (``date_reached``). A breached clock pauses with ``date_pause`` only.
    def _open(self):
        """Clocks not fulfilled nor cancelled: running, paused, or breached and not reached."""
        return self.filtered(
            lambda c: (
                c.state in ("running", "paused") or (c.state == "breached" and not c.date_reached)
            )
        )

    def _counting(self):
        """Open clocks that count time now (not paused)."""
        return self._open().filtered(lambda c: c.state != "paused" and not c.date_pause)

    def _paused(self):
        return self._open().filtered(lambda c: c.state == "paused" or c.date_pause)

    # ------------------------------------------------------------
    # WORKING-TIME ARITHMETIC
    # ------------------------------------------------------------
    @api.model
    def _work_seconds(self, calendar, start, end, cache=None):
        """Working seconds of ``calendar`` between two naive UTC datetimes.

        ``cache``: a dict shared by one batch, whose clocks mostly share both instants.
        """
        if not start or not end or end <= start:
            return 0
        if not calendar:
            return int((end - start).total_seconds())
        cache = {} if cache is None else cache
        key = ("count", calendar.id, start, end)
        if key not in cache:
            intervals = self._intervals(calendar, _aware(start), _aware(end), cache)
            cache[key] = round(sum((stop - begin).total_seconds() for begin, stop in intervals))
        return cache[key]

    @api.model
    def _plan(self, calendar, start, seconds, cache=None):
        """Naive UTC instant ``seconds`` of working time after ``start``."""
        if seconds <= 0:
            return start
        if not calendar:
            return start + timedelta(seconds=seconds)
        cache = {} if cache is None else cache
        key = ("plan", calendar.id, start, seconds)
        if key not in cache:
            cache[key] = self._walk(calendar, start, seconds, cache)
        return cache[key]

    @api.model
    def _walk(self, calendar, start, seconds, cache):
        """What ``calendar.plan_hours`` (with holidays) returns, on the memoized intervals."""
        hours = seconds / 3600
        low = _aware(start)
        index, count = _week(low), 1
        last = _week(low + PLAN_HORIZON)
        # one week first: most targets end within days; then windows double
        while index <= last:
            for begin, stop in self._week_intervals(calendar.id, index, count):
                if stop <= low:
                    continue
                begin = max(begin, low)
                interval_hours = (stop - begin).total_seconds() / 3600
                if hours <= interval_hours:
                    end = (begin + timedelta(hours=hours)).astimezone(utc).replace(tzinfo=None)
                    return (end + timedelta(microseconds=500000)).replace(microsecond=0)
                hours -= interval_hours
            index, count = index + count, count * 2
        return False

    @api.model
    def _intervals(self, calendar, start, end, cache=None):
        """Working intervals of ``calendar`` (holidays out) inside [start, end], aware datetimes."""
        first = _week(start)
        intervals = self._week_intervals(calendar.id, first, _week(end) - first + 1)
        return [
            (max(begin, start), min(stop, end))
            for begin, stop in intervals
            if begin < end and stop > start
        ]

    @api.model
    @tools.ormcache("calendar_id", "index", "count")
    def _week_intervals(self, calendar_id, index, count):
        """Working intervals of ``count`` UTC weeks from week ``index``, as aware UTC datetimes.

        Memoized per registry: reading attendances and holidays is four queries and the
        interval arithmetic most of a ticket change's Python time. Any change to a
        calendar, an attendance or a global leave clears it (see resource_calendar.py).
        """
        low = WEEK_ZERO + timedelta(weeks=index)
        calendar = self.env["resource.calendar"].sudo().browse(calendar_id)
        batch = calendar._work_intervals_batch(
            low, low + timedelta(weeks=count), compute_leaves=True
        )[False]
        return tuple((begin.astimezone(utc), stop.astimezone(utc)) for begin, stop, _meta in batch)

    @api.model
    def _business_days_seconds(self, calendar, start, days):
        """Working seconds from ``start`` to the end of its Nth working day (start day included)."""
        intervals = calendar._work_intervals_batch(
            _aware(start), _aware(start + timedelta(days=days * 2 + 30))
        )[False]
        dates = []
        for _begin, stop, _meta in intervals:
            if not dates or dates[-1][0] != stop.date():
                dates.append([stop.date(), stop])
            dates[-1][1] = stop
        if len(dates) < days:
            return 0
        end = dates[days - 1][1].astimezone(_aware(start).tzinfo).replace(tzinfo=None)
        return self._work_seconds(calendar, start, end)

    # ------------------------------------------------------------
    # TRANSITIONS (called by the ticket engine, as superuser)
    # ------------------------------------------------------------
    def _set_running(self, now, cache=None):
        """Re-plan deadline and warning from ``now`` with the remaining budget."""
        cache = {} if cache is None else cache
        for clock in self:
            vals = clock._plan_values(
                clock.target_id, clock.calendar_id, clock.target_seconds, now, cache
            )
            if clock.breached:
                # a breach is never erased: keep its state and the deadline it missed
                vals.pop("deadline")
            state = "breached" if clock.breached else "running"
            clock.write({**vals, "state": state, "date_resume": now, "date_pause": False})
        self._schedule_wakeup()

    def _plan_values(self, target, calendar, target_seconds, now, cache=None):
        """Deadline and warning instant of a clock running from ``now`` (``self`` may be empty)."""
        elapsed = self.elapsed_seconds if self else 0
        vals = {"deadline": self._plan(calendar, now, target_seconds - elapsed, cache)}
        vals["warn_date"] = False
        warning_percent = target._get_plan_config(target.id)[0]
        if warning_percent and not (self and self.warned):
            warn_left = int(target_seconds * warning_percent / 100) - elapsed
            vals["warn_date"] = self._plan(calendar, now, warn_left, cache)
        done = self.escalation_done_percent if self else 0.0
        vals.update(
            self._escalation_values(target, calendar, target_seconds, now, elapsed, done, cache)
        )
        return vals

    @api.model
    def _escalation_values(
        self, target, calendar, target_seconds, start, elapsed, done, cache=None
    ):
        """Next escalation of a clock with ``elapsed`` seconds at ``start``, steps up to ``done`` run."""
        thresholds = target._get_plan_config(target.id)[1]
        percent = min((t for t in thresholds if t > done), default=0.0)
        if not percent:
            return {"escalation_percent": 0.0, "escalation_date": False}
        left = int(target_seconds * percent / 100) - elapsed
        return {
            "escalation_percent": percent,
            "escalation_date": self._plan(calendar, start, left, cache),
        }

    def _accrue(self, now):
        """Add the working time since the last resume to elapsed (running clocks only)."""
        cache = {}
        for clock in self._counting():
            elapsed = self._work_seconds(clock.calendar_id, clock.date_resume, now, cache)
            clock.write({"elapsed_seconds": clock.elapsed_seconds + elapsed, "date_resume": now})

    def _pause(self, now):
        clocks = self._counting()
        clocks._accrue(now)
        clocks.filtered(lambda c: c.state == "running").write({"state": "paused"})
        clocks.write({"date_pause": now})
        clocks._log("pause", now)

    def _resume(self, now):
        clocks = self._paused()
        cache = {}
        for clock in clocks:
            clock.paused_seconds += self._work_seconds(
                clock.calendar_id, clock.date_pause, now, cache
            )
        clocks._set_running(now, cache)
        clocks._log("resume", now)

    def _fulfil(self, now):
        clocks = self._open()
        clocks._accrue(now)
        groups = defaultdict(list)  # one write per outcome, not per clock
        for clock in clocks:
            late = clock.breached or clock.elapsed_seconds > clock.target_seconds
            overdue = max(clock.elapsed_seconds - clock.target_seconds, 0)
            groups[late, overdue].append(clock.id)
        for (late, overdue), ids in groups.items():
            self.browse(ids).write(
                {
                    "state": "breached" if late else "met",
                    "breached": late,
                    "date_reached": now,
                    "date_pause": False,
                    "overdue_seconds": overdue,
                }
            )
        clocks._log("fulfil", now)

    def _breach(self, now):
        # a real state change, written through the ORM: "State is set to Breached"
        # automation rules run now, not when the ticket is finally solved
        self.write({"breached": True, "state": "breached"})
        self._log("breach", now)
        self._post_breach_notes()

    def _post_breach_notes(self):
        """One chatter note per ticket, so automation rules (e.g. DingTalk) can react.

        Written for the one who acts on it (the breach activity's user): that user's
        language, deadline in that user's time zone.
        """
        bodies = {}
        for clock in self:
            ticket = clock.ticket_id
            env = recipient_env(self.env, ticket._sla_breach_user())
            line = env._(
                "SLA breached: %(target)s, deadline %(deadline)s.",
                target=clock.target_id.with_env(env).display_name,
                deadline=format_instant(env, clock.deadline),
            )
            bodies[ticket.id] = (
                Markup("%s<br/>%s") % (bodies[ticket.id], line)
                if ticket.id in bodies
                else Markup("%s") % line
            )
        if bodies:
            self.ticket_id._message_log_batch(bodies)
        self.ticket_id._sla_schedule_breach_activities()

    def _warn(self, now):
        self.write({"warned": True})
        self._log("warn", now)

    def _escalate(self, now):
        """Run the steps now due on these running clocks, then plan their next step."""
        cache = {}
        pairs, events = [], []
        for clock in self:
            target, done = clock.target_id, clock.escalation_done_percent
            reached = clock.escalation_percent
            steps = target.escalation_ids._due_steps(done, reached)
            pairs.append((clock.ticket_id, steps))
            events += [
                {
                    "status_id": clock.id,
                    "event_type": "escalate",
                    "date": now,
                    "elapsed_seconds": int(clock.target_seconds * step._threshold() / 100),
                    "escalation_id": step.id,
                }
                for step in steps
            ]
            # elapsed_seconds is counted until date_resume: plan the next step from there
            clock.write(
                {
                    "escalation_done_percent": reached,
                    **self._escalation_values(
                        target,
                        clock.calendar_id,
                        clock.target_seconds,
                        clock.date_resume,
                        clock.elapsed_seconds,
                        reached,
                        cache,
                    ),
                }
            )
        if events:
            self.env["service.desk.sla.event"].create(events)
        self.env["service.desk.sla.escalation"]._run_batch(pairs)

    def _cancel(self, now):
        clocks = self._open()
        clocks._accrue(now)
        clocks.write({"state": "cancelled", "date_reached": now})
        clocks._log("cancel", now)

    def _retarget(self, target, ticket, now):
        """Swap the target of a live clock, keeping its start and elapsed time."""
        self._accrue(now)
        for clock in self:
            clock.write(
                {
                    "target_id": target.id,
                    "calendar_id": target._get_calendar(ticket).id,
                    "target_seconds": self._target_seconds(target, ticket, clock.date_start),
                }
            )
            if clock in clock._counting():
                clock._set_running(now)
        self._log("retarget", now)

    def _replan(self, now):
        """Apply the current configuration (target, calendar, holidays) to live clocks."""
        for clock in self._open():
            clock._retarget(clock.target_id, clock.ticket_id, now)

    def _preview_replan(self, now):
        """:return: {clock: deadline it would get from _replan} for running clocks, no write."""
        result = {}
        for clock in self.filtered(lambda c: c.state == "running"):
            target, ticket = clock.target_id, clock.ticket_id
            elapsed = clock.elapsed_seconds + self._work_seconds(
                clock.calendar_id, clock.date_resume, now
            )
            calendar = target._get_calendar(ticket)
            budget = self._target_seconds(target, ticket, clock.date_start)
            result[clock] = self._plan(calendar, now, budget - elapsed)
        return result

    def _reopen(self, now):
        """Fulfilled resolution clocks on a reopened ticket: resume or start a new cycle."""
        resume = self.filtered(lambda c: c.target_id.reopen_mode == "resume")
        # time spent solved is not counted: accrual restarts now
        resume.write({"date_reached": False, "overdue_seconds": 0})
        resume._set_running(now)
        resume._log("resume", now)
        new_cycle = self - resume
        if new_cycle:
            vals_list = [
                clock._prepare_clock_values(
                    clock.target_id, clock.ticket_id, now, cycle=clock.cycle + 1
                )
                for clock in new_cycle
            ]
            self.create(vals_list)._start(now)

    # ------------------------------------------------------------
    # CREATION / LOG / WAKE-UP
    # ------------------------------------------------------------
    @api.model
    def _target_seconds(self, target, ticket, start):
        if target.duration_type == "days":
            calendar = target._get_calendar(ticket)
            return self._business_days_seconds(calendar, start, target.days)
        return target._get_target_seconds()

    @api.model
    def _prepare_clock_values(self, target, ticket, now, cycle=1, cache=None):
        """Values of a clock running from ``now``, planned here so a batch is one INSERT."""
        calendar = target._get_calendar(ticket)
        target_seconds = self._target_seconds(target, ticket, now)
        return {
            "ticket_id": ticket.id,
            "target_id": target.id,
            "cycle": cycle,
            "calendar_id": calendar.id,
            "target_seconds": target_seconds,
            "date_start": now,
            "date_resume": now,
            "state": "running",
            **self.browse()._plan_values(target, calendar, target_seconds, now, cache),
        }

    def _start(self, now):
        """Log and schedule freshly created clocks."""
        self._log("activate", now)
        self._schedule_wakeup()

    def _log(self, event_type, now):
        if self:
            self.env["service.desk.sla.event"].create(
                [
                    {
                        "status_id": clock.id,
                        "event_type": event_type,
                        "date": now,
                        "elapsed_seconds": clock.elapsed_seconds,
                    }
                    for clock in self
                ]
            )

    def _schedule_wakeup(self):
        running = self._counting()
        times = {c.deadline for c in running if not c.breached and c.deadline}
        times |= {c.warn_date for c in running if not c.warned and c.warn_date}
        times |= {c.escalation_date for c in running if c.escalation_date}
        if times and not self._has_wakeup_until(min(times)):
            # the earliest is enough: each cron run wakes itself for the next one
            self._breach_cron()._trigger(at=min(times))

    def _has_wakeup_until(self, at):
        """Whether a future wake-up at or before ``at`` is pending: that run re-plans the next.

        Only future ones count: a due trigger may belong to a run already past its planning.
        """
        self.env["ir.cron.trigger"].flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT 1 FROM ir_cron_trigger WHERE cron_id = %s AND call_at > %s "
                "AND call_at <= %s LIMIT 1",
                self._breach_cron().id,
                fields.Datetime.now(),
                at,
            )
        )
        return bool(self.env.cr.fetchone())

    def _breach_cron(self):
        # no env.ref: its existence check is one query per ticket change
        cron_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "service_desk.ir_cron_service_desk_sla_breach"
        )
        return self.env["ir.cron"].browse(cron_id)

    # ------------------------------------------------------------
    # CRON
    # ------------------------------------------------------------
    # The WHERE clauses repeat the partial index predicates word for word, so PostgreSQL
    # uses the indexes (the ORM would write "breached IS NULL OR breached = false").
    _DUE_SQL = {
        "breach": SQL(
            "state = 'running' AND breached IS NOT TRUE AND deadline IS NOT NULL",
        ),
        "warn": SQL(
            "state = 'running' AND warned IS NOT TRUE AND warn_date IS NOT NULL",
        ),
        "escalate": SQL(ESCALATION_DUE_SQL),
    }
    _DUE_COLUMN = {
        "breach": SQL.identifier("deadline"),
        "warn": SQL.identifier("warn_date"),
        "escalate": SQL.identifier("escalation_date"),
    }

    def _fetch_due(self, kind, now, limit):
        """Clocks whose breach/warn instant passed, locked so two workers never share one."""
        self.env.cr.execute(
            SQL(
                "SELECT id FROM service_desk_sla_status WHERE %s AND %s <= %s "
                "ORDER BY %s LIMIT %s FOR UPDATE SKIP LOCKED",
                self._DUE_SQL[kind],
                self._DUE_COLUMN[kind],
                now,
                self._DUE_COLUMN[kind],
                limit,
            )
        )
        return self.browse(row[0] for row in self.env.cr.fetchall())

    def _next_due(self):
        """Earliest pending instant of each kind, in one query (one index scan each)."""
        self.env.cr.execute(
            SQL(
                "SELECT %s",
                SQL(", ").join(
                    SQL(
                        "(SELECT MIN(%s) FROM service_desk_sla_status WHERE %s)",
                        self._DUE_COLUMN[kind],
                        self._DUE_SQL[kind],
                    )
                    for kind in self._DUE_SQL
                ),
            )
        )
        return [dt for dt in self.env.cr.fetchone() if dt]

    @api.model
    def _cron_sla_breach(self, batch_size=500):
        """Breach, warn and escalate clocks whose instant passed; each batch leaves the due set."""
        now = fields.Datetime.now()
        self.env.flush_all()
        breached = self._fetch_due("breach", now, batch_size)
        breached._breach(now)
        warned = self._fetch_due("warn", now, batch_size)
        warned._warn(now)
        escalated = self._fetch_due("escalate", now, batch_size)
        escalated._escalate(now)
        self.env.flush_all()
        upcoming = self._next_due()
        remaining = int(any(dt <= now for dt in upcoming))
        done = len(breached) + len(warned) + len(escalated)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        if upcoming and not remaining:
            # each run wakes the cron for the next instant
            self.env.ref("service_desk.ir_cron_service_desk_sla_breach")._trigger(at=min(upcoming))


def _aware(dt):
    return dt.replace(tzinfo=utc) if not dt.tzinfo else dt


def _week(dt):
    """Index of the UTC week of an aware datetime, from WEEK_ZERO."""
    return (dt - WEEK_ZERO).days // 7
