# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models

# FCR is final once a solved ticket has stayed solved this long (issue 6).
FCR_WINDOW_DAYS = 7
# "First contact": the answer came with at most this many public employee replies.
FCR_MAX_REPLIES = 1


class ServiceDeskTicket(models.Model):
    """Per-ticket service metrics, stored so reports aggregate them in SQL."""

    _inherit = "service.desk.ticket"

    first_reply_date = fields.Datetime(
        readonly=True, copy=False, help="First public message posted by an employee."
    )
    public_reply_count = fields.Integer(
        string="Employee Replies", readonly=True, copy=False, default=0
    )
    first_reply_hours = fields.Float(
        compute="_compute_working_hours",
        store=True,
        aggregator="avg",
        help="Working hours of the team calendar from creation to the first reply.",
    )
    resolution_hours = fields.Float(
        compute="_compute_working_hours",
        store=True,
        aggregator="avg",
        help="Working hours of the team calendar from creation to the last solve.",
    )
    reopen_count = fields.Integer(readonly=True, copy=False, default=0)
    fcr_state = fields.Selection(
        [("pending", "Pending"), ("yes", "Yes"), ("no", "No")],
        string="First-Contact Resolution",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Pending until the solved ticket stays solved for 7 days.",
    )

    # not on team_id.resource_calendar_id: editing a calendar must not rewrite history
    @api.depends("create_date", "first_reply_date", "date_done", "team_id")
    def _compute_working_hours(self):
        cache = {}  # working intervals read once for the batch, as the SLA engine does
        for ticket in self:
            start = ticket.create_date
            # the longer span first: its read also covers the shorter one
            ticket.resolution_hours = ticket._working_hours(start, ticket.date_done, cache)
            ticket.first_reply_hours = ticket._working_hours(start, ticket.first_reply_date, cache)

    def _get_metrics_calendar(self):
        return self.team_id.resource_calendar_id or self.company_id.resource_calendar_id

    def _working_hours(self, start, end, cache=None):
        """Working hours between two UTC datetimes; wall-clock hours without a calendar."""
        if not start or not end or end <= start:
            return 0.0
        calendar = self._get_metrics_calendar()
        Clock = self.env["service.desk.sla.status"]
        return Clock._work_seconds(calendar, start, end, cache) / 3600

    # ------------------------------------------------------------
    # REPLIES
    # ------------------------------------------------------------
    def _message_post_after_hook(self, message, msg_values):
        if self._is_public_employee_reply(message):
            self._register_public_reply(message.date or fields.Datetime.now())
        return super()._message_post_after_hook(message, msg_values)

    def _is_public_employee_reply(self, message):
        """Whether ``message`` is a reply to the customer: the one definition of "reply".

        It stops the first-reply SLA clock and sets ``first_reply_date`` and the FCR reply
        count. A customer-visible comment or e-mail by an employee counts; internal notes,
        tracking messages and automatic mails (notifications, auto-comments) do not.
        """
        if message.message_type not in ("comment", "email") or not message.subtype_id:
            return False
        if message.subtype_id.internal:
            return False
        author_users = message.author_id.user_ids
        return bool(author_users) and not any(author_users.mapped("share"))

    def _register_public_reply(self, date):
        for ticket in self.sudo():
            vals = {"public_reply_count": ticket.public_reply_count + 1}
            if not ticket.first_reply_date:
                vals["first_reply_date"] = date
            ticket.write(vals)

    # ------------------------------------------------------------
    # SOLVE / REOPEN
    # ------------------------------------------------------------
    def write(self, vals):
        if "stage_id" not in vals:
            return super().write(vals)
        stage = self.env["service.desk.stage"].browse(vals["stage_id"])
        reopened = self.filtered("is_done") if not stage.is_done else self.browse()
        solved = self.filtered(lambda t: not t.is_done) if stage.is_done else self.browse()
        # date_done is cleared by the write: decide "within the window" before it
        window_start = fields.Datetime.now() - timedelta(days=FCR_WINDOW_DAYS)
        late = reopened.filtered(lambda t: t.date_done and t.date_done <= window_start)
        res = super().write(vals)
        for ticket in reopened.sudo():
            ticket.reopen_count += 1
        pending = reopened.sudo().filtered(lambda t: t.fcr_state == "pending")
        (pending & late).fcr_state = "yes"
        (pending - late).fcr_state = "no"
        # only the first solve decides FCR; later solves follow a reopen
        first_solve = solved.sudo().filtered(lambda t: not t.fcr_state)
        candidates = first_solve.filtered(lambda t: t.public_reply_count <= FCR_MAX_REPLIES)
        candidates.fcr_state = "pending"
        (first_solve - candidates).fcr_state = "no"
        return res

    @api.model
    def _cron_finalize_fcr(self, batch_size=1000):
        """Pending FCR of tickets solved over 7 days ago and still solved becomes final."""
        domain = [
            ("fcr_state", "=", "pending"),
            ("is_done", "=", True),
            ("date_done", "<=", fields.Datetime.now() - timedelta(days=FCR_WINDOW_DAYS)),
        ]
        tickets = self.search(domain, limit=batch_size)
        tickets.fcr_state = "yes"
        self.env["ir.cron"]._notify_progress(done=len(tickets), remaining=self.search_count(domain))
