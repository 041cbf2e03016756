# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

from .service_desk_ticket import TICKET_PRIORITIES


class ServiceDeskSlaPolicy(models.Model):
    """Customer-facing SLA: ordered, the first policy matching a ticket governs it."""

    _name = "service.desk.sla.policy"
    _inherit = ["service.desk.cached.config"]
    _description = "Service Desk SLA Policy"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    description = fields.Text(translate=True)
    team_ids = fields.Many2many(
        "service.desk.team", string="Teams", check_company=True, help="Empty: every team."
    )
    priority = fields.Selection(TICKET_PRIORITIES, help="Empty: every priority.")
    partner_category_ids = fields.Many2many(
        "res.partner.category",
        string="Customer Tags",
        help="The customer (or its company) must carry one of these tags. Empty: every customer.",
    )
    channel = fields.Selection(
        # the ticket's options, labels in the reader's language
        lambda self: (
            self.env["service.desk.ticket"]._fields["channel"]._description_selection(self.env)
        ),
        help="Empty: every channel.",
    )
    category_ids = fields.Many2many(
        "service.desk.category",
        string="Ticket Categories",
        help="The ticket's category or one of its parents. Empty: every category.",
    )
    target_ids = fields.One2many(
        "service.desk.sla.target", "policy_id", string="Targets", copy=True
    )

    @api.constrains("team_ids", "target_ids", "company_id")
    def _check_targets(self):
        # targets are validated before the teams of a new policy are linked: check again
        self.target_ids._check_target()

    # ------------------------------------------------------------
    # MATCHING
    # ------------------------------------------------------------
    def _matches(self, ticket):
        """Whether this policy applies to ``ticket``."""
        self.ensure_one()
        return self._conditions_match(self._get_conditions(), ticket)

    def _get_conditions(self):
        """This policy's conditions as plain values: what the registry cache keeps."""
        self.ensure_one()
        return {
            "id": self.id,
            "company_id": self.company_id.id,
            "team_ids": frozenset(self.team_ids.ids),
            "priority": self.priority or False,
            "channel": self.channel or False,
            "category_ids": frozenset(self.category_ids.ids),
            "partner_category_ids": frozenset(self.partner_category_ids.ids),
        }

    @api.model
    def _conditions_match(self, conditions, ticket):
        """Whether ``conditions`` (from _get_conditions) hold for ``ticket``; override to add some."""
        if conditions["company_id"] and conditions["company_id"] != ticket.company_id.id:
            return False
        if conditions["team_ids"] and ticket.team_id.id not in conditions["team_ids"]:
            return False
        if conditions["priority"] and conditions["priority"] != ticket.priority:
            return False
        if conditions["channel"] and conditions["channel"] != ticket.channel:
            return False
        if conditions["category_ids"] and not self._category_matches(
            conditions["category_ids"], ticket.category_id
        ):
            return False
        if conditions["partner_category_ids"]:
            partner = ticket.partner_id
            tags = partner.category_id | partner.commercial_partner_id.category_id
            if not conditions["partner_category_ids"] & set(tags.ids):
                return False
        return True

    @api.model
    def _category_matches(self, category_ids, category):
        while category:
            if category.id in category_ids:
                return True
            category = category.parent_id
        return False

    @api.model
    @tools.ormcache("company_ids")
    def _get_active_conditions(self, company_ids):
        """Conditions of the active policies of these companies, in order.

        Cached: every ticket creation and re-fit matches, policies change rarely (each
        change clears the cache), and reading them costs five queries.
        """
        domain = [("company_id", "in", [*company_ids, False])]
        return tuple(policy._get_conditions() for policy in self.sudo().search(domain))

    @api.model
    @tools.ormcache("policy_id")
    def _get_target_ids(self, policy_id):
        """(metric, target id) of each target of a policy, cached like the conditions."""
        return tuple((t.metric, t.id) for t in self.sudo().browse(policy_id).target_ids)

    @api.model
    def _match_tickets(self, tickets):
        """:return: {ticket: first matching policy (maybe empty)}, from the cached conditions."""
        conditions = self._get_active_conditions(tuple(sorted(tickets.company_id.ids)))
        empty = self.browse()
        result = {}
        for ticket in tickets:
            found = next((c["id"] for c in conditions if self._conditions_match(c, ticket)), None)
            result[ticket] = self.browse(found) if found else empty
        return result


class ServiceDeskSlaTarget(models.Model):
    """One metric of a policy; each becomes a clock (service.desk.sla.status) on a ticket."""

    _name = "service.desk.sla.target"
    _inherit = ["service.desk.cached.config"]
    _description = "Service Desk SLA Target"
    _order = "policy_id, metric, id"

    policy_id = fields.Many2one(
        "service.desk.sla.policy", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True)
    metric = fields.Selection(
        [("first_reply", "First Reply"), ("resolution", "Resolution")],
        required=True,
        default="resolution",
    )
    duration_type = fields.Selection(
        [("hours", "Working hours"), ("days", "Business days")], required=True, default="hours"
    )
    hours = fields.Integer()
    minutes = fields.Integer()
    days = fields.Integer(help="End of the Nth working day, counting the start day.")
    use_24x7 = fields.Boolean(
        string="24x7", help="Count plain time, day and night, instead of working time."
    )
    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        help="Empty: the ticket's team calendar, else the company's.",
    )
    warning_percent = fields.Float(
        string="Warn at (%)",
        default=80.0,
        help="Warning event at this share of the target; 0: none.",
    )
    reopen_mode = fields.Selection(
        [("resume", "Resume with the remaining time"), ("new_cycle", "Start a new cycle")],
        required=True,
        default="resume",
    )
    escalation_ids = fields.One2many(
        "service.desk.sla.escalation", "target_id", string="Escalation Steps", copy=True
    )

    @api.model
    @tools.ormcache("target_id")
    def _get_plan_config(self, target_id):
        """(warning %, sorted escalation thresholds) of a target: read on every (re)plan.

        Cleared when a target or an escalation step changes.
        """
        target = self.sudo().browse(target_id)
        return (
            target.warning_percent,
            tuple(sorted(step._threshold() for step in target.escalation_ids)),
        )

    @api.depends("metric", "hours", "minutes", "days", "duration_type")
    @api.depends_context("lang")
    def _compute_display_name(self):
        metrics = dict(self._fields["metric"]._description_selection(self.env))
        for target in self:
            if target.duration_type == "days":
                span = self.env._("%s business days", target.days)
            else:
                span = self.env._(
                    "%(hours)sh%(minutes)s", hours=target.hours, minutes=f"{target.minutes:02d}"
                )
            target.display_name = f"{metrics.get(target.metric)} {span}"

    @api.constrains("duration_type", "hours", "minutes", "days", "use_24x7", "calendar_id")
    def _check_target(self):
        for target in self:
            if target.duration_type == "days":
                if target.days <= 0:
                    raise ValidationError(
                        self.env._("A business-day target must be at least 1 day.")
                    )
                if target.use_24x7:
                    raise ValidationError(
                        self.env._("Business days need working hours: untick 24x7 or use hours.")
                    )
            elif target.hours < 0 or target.minutes < 0 or target.hours * 60 + target.minutes <= 0:
                raise ValidationError(
                    self.env._("SLA target '%s' must last more than zero minutes.", target.metric)
                )
            if not target.use_24x7 and not target._has_calendar():
                raise ValidationError(
                    self.env._(
                        "SLA policy '%s' counts working time but no working hours are available: "
                        "set a calendar on the target, on its teams or on the company, or tick 24x7.",
                        target.policy_id.name,
                    )
                )

    def _has_calendar(self):
        teams = self.policy_id.team_ids
        if self.calendar_id:
            return True
        if teams:
            return all(team.resource_calendar_id for team in teams)
        company = self.policy_id.company_id or self.env.company
        return bool(company.resource_calendar_id)

    def _get_calendar(self, ticket):
        """Calendar a clock of this target counts in for ``ticket`` (empty: plain time)."""
        self.ensure_one()
        if self.use_24x7:
            return self.env["resource.calendar"]
        calendar = (
            self.calendar_id
            or ticket.team_id.resource_calendar_id
            or ticket.company_id.resource_calendar_id
        )
        if not calendar:
            raise ValidationError(
                self.env._(
                    "Ticket '%(ticket)s' matches SLA policy '%(policy)s' which counts working time, "
                    "but neither the target, the team nor the company has working hours.",
                    ticket=ticket.display_name,
                    policy=self.policy_id.name,
                )
            )
        return calendar

    def _get_target_seconds(self):
        """Budget in seconds for hour targets; day targets are sized per clock at start."""
        self.ensure_one()
        return (self.hours * 60 + self.minutes) * 60
