# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Escalation steps of an SLA target.

A step fires when a running clock's elapsed working time reaches ``percent`` of its
target (``at breach``: 100 %). Its instant is planned with the clock's calendar like
the deadline and the warning, and the breach cron runs it. Each clock remembers the
highest share it has escalated (``escalation_done_percent``), so a step runs once per
clock; the ``escalate`` events carry a unique (clock, step) index as a safety net.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .service_desk_recipient import recipient_env
from .service_desk_ticket import TICKET_PRIORITIES


class ServiceDeskSlaEscalation(models.Model):
    _name = "service.desk.sla.escalation"
    _inherit = ["service.desk.cached.config"]
    _description = "Service Desk SLA Escalation Step"
    _order = "target_id, sequence, id"

    target_id = fields.Many2one(
        "service.desk.sla.target", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="target_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    trigger = fields.Selection(
        [("percent", "Share of the target"), ("breach", "At breach")],
        required=True,
        default="percent",
    )
    percent = fields.Float(
        string="At (%)",
        default=80.0,
        help="Working time elapsed, as a share of the target; over 100: after the breach.",
    )
    notify_leader = fields.Boolean(
        string="Notify Team Leader", help="A to-do for the leader of the ticket's team."
    )
    notify_user_ids = fields.Many2many(
        "res.users", string="Notify Users", domain="[('share', '=', False)]"
    )
    notify_group_id = fields.Many2one(
        "res.groups", string="Notify Group", help="A to-do for each internal user of this group."
    )
    reassign_user_id = fields.Many2one(
        "res.users", string="Reassign to", domain="[('share', '=', False)]"
    )
    priority = fields.Selection(
        TICKET_PRIORITIES, string="Raise Priority to", help="Never lowers the priority."
    )
    follower_partner_ids = fields.Many2many("res.partner", string="Add Followers")

    @api.depends("trigger", "percent")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for step in self:
            if step.trigger == "breach":
                step.display_name = self.env._("At breach")
            else:
                step.display_name = self.env._("At %s%%", f"{step.percent:g}")

    @api.constrains("trigger", "percent")
    def _check_percent(self):
        for step in self:
            if step.trigger == "percent" and step.percent <= 0:
                raise ValidationError(
                    self.env._("An escalation step must fire after more than 0% of the target.")
                )

    def _threshold(self):
        """Share of the target (in %) at which this step fires."""
        self.ensure_one()
        return 100.0 if self.trigger == "breach" else self.percent

    def _next_threshold(self, done):
        """Lowest threshold of these steps above ``done`` (0: none left)."""
        return min((t for t in (s._threshold() for s in self) if t > done), default=0.0)

    def _due_steps(self, done, threshold):
        return self.filtered(lambda s: done < s._threshold() <= threshold)

    # ------------------------------------------------------------
    # ACTIONS (batched over the clocks of one cron run)
    # ------------------------------------------------------------
    @api.model
    def _run_batch(self, pairs):
        """Run steps on tickets; ``pairs``: list of (ticket, steps), tickets as superuser."""
        activities, reassign, raise_to, follow = [], {}, {}, {}
        for ticket, steps in pairs:
            for step in steps:
                users = step.notify_user_ids | step.notify_group_id.users
                if step.notify_leader:
                    users |= ticket.team_id.leader_id
                for user in users.filtered(lambda u: not u.share):
                    activities.append((ticket, step, user))
                if step.reassign_user_id:
                    reassign[ticket] = step.reassign_user_id
                if step.priority and step.priority > raise_to.get(ticket, ticket.priority or "0"):
                    raise_to[ticket] = step.priority
                if step.follower_partner_ids:
                    follow.setdefault(step.follower_partner_ids, []).append(ticket.id)
        Ticket = self.env["service.desk.ticket"].sudo()
        for user, tickets in _group(reassign).items():
            Ticket.browse(tickets).write({"user_id": user.id})
        for level, tickets in _group(raise_to).items():
            Ticket.browse(tickets).write({"priority": level})
        for partners, ticket_ids in follow.items():
            Ticket.browse(ticket_ids).message_subscribe(partner_ids=partners.ids)
        self._schedule_activities(activities)

    @api.model
    def _schedule_activities(self, activities):
        if not activities:
            return
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        model_id = self.env["ir.model"]._get_id("service.desk.ticket")
        vals_list = []
        for ticket, step, user in activities:
            env = recipient_env(self.env, user)  # the to-do speaks its user's language
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": ticket.id,
                    "activity_type_id": todo.id if todo else False,
                    "summary": env._("SLA escalation: %s", step.with_env(env).display_name),
                    "user_id": user.id,
                    "date_deadline": fields.Date.context_today(self.with_env(env)),
                }
            )
        # no e-mail per to-do, like breach activities
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
            vals_list
        )


def _group(mapping):
    """{ticket: value} → {value: [ticket ids]}."""
    grouped = {}
    for ticket, value in mapping.items():
        grouped.setdefault(value, []).append(ticket.id)
    return grouped
