# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import logging

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools.safe_eval import safe_eval

from odoo.addons.crm_full.tools.local_dates import company_today, company_tz, local_date

from ..tools.lunar_calendar import anniversary, birthdays_between

_logger = logging.getLogger(__name__)

TRIGGERS = [
    ("birthday", "Birthday"),
    ("anniversary", "Anniversary of First Order"),
    ("inactivity", "Inactivity"),
    ("onboarding", "New Customer Onboarding"),
    ("health_drop", "Health Drop"),
    ("low_rating", "Low Rating"),
]


class CustomerCareRule(models.Model):
    """When something happens to a customer, act once: an activity, a mail or
    a server action. Every occurrence is logged under a unique key, so a
    cron run twice (or by two workers) never acts twice."""

    _name = "customer.care.rule"
    _description = "Customer Care Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    trigger = fields.Selection(TRIGGERS, required=True, default="birthday")
    lead_days = fields.Integer(
        "Lead Time (days)",
        default=0,
        help="Act this many days before the date (birthday, anniversary, inactivity).",
    )
    inactivity_days = fields.Integer(
        "Days Without Order or Follow-up",
        default=90,
        help="Inactivity: no confirmed order and no follow-up for this many days.",
    )
    window_days = fields.Integer(
        "Look Back (days)",
        default=30,
        help="New customers, health drops and ratings older than this are not acted on; "
        "this keeps a new rule from replaying the whole history.",
    )
    health_drop_points = fields.Integer(
        "Health Drop (points)", default=15, help="Drop of the health score in 30 days."
    )
    rating_max = fields.Integer(
        "Rating at Most", default=2, help="Ratings from 1 up to this value count as low."
    )
    partner_domain = fields.Char(
        "Customers", default="[]", help="Only customers matching this filter."
    )
    action_type = fields.Selection(
        [("activity", "Schedule Activity"), ("mail", "Send Email"), ("server", "Run Action")],
        required=True,
        default="activity",
    )
    activity_type_id = fields.Many2one("mail.activity.type", "Activity Type")
    activity_summary = fields.Char("Summary", translate=True)
    activity_note = fields.Html("Note", translate=True)
    assign_to = fields.Selection(
        [("owner", "Account Owner"), ("csm", "Customer Success Manager"), ("user", "User")],
        default="owner",
        required=True,
        help="Who gets the activity; falls back to the responsible below.",
    )
    user_id = fields.Many2one(
        "res.users", "Responsible", domain="[('share', '=', False)]", help="Fallback assignee."
    )
    mail_template_id = fields.Many2one(
        "mail.template", "Email Template", domain="[('model', '=', 'res.partner')]"
    )
    server_action_id = fields.Many2one(
        "ir.actions.server", "Server Action", domain="[('model_name', '=', 'res.partner')]"
    )
    csm_user_id = fields.Many2one(
        "res.users",
        "Assign CSM",
        domain="[('share', '=', False)]",
        help="Onboarding: customers without a Customer Success Manager get this one.",
    )
    log_ids = fields.One2many("customer.care.log", "rule_id", "Log")
    log_count = fields.Integer(compute="_compute_log_count")

    _sql_constraints = [
        ("lead_days_positive", "CHECK(lead_days >= 0)", "The lead time cannot be negative."),
        (
            "inactivity_days_positive",
            "CHECK(inactivity_days > 0)",
            "The number of days without order must be positive.",
        ),
    ]

    def _compute_log_count(self):
        counts = dict(
            self.env["customer.care.log"]._read_group(
                [("rule_id", "in", self.ids)], ["rule_id"], ["__count"]
            )
        )
        for rule in self:
            rule.log_count = counts.get(rule, 0)

    @api.constrains("action_type", "mail_template_id", "server_action_id", "partner_domain")
    def _check_action(self):
        for rule in self:
            if rule.action_type == "mail" and not rule.mail_template_id:
                raise ValidationError(
                    self.env._("Rule %s sends an email: choose a template.", rule.name)
                )
            if rule.action_type == "server" and not rule.server_action_id:
                raise ValidationError(
                    self.env._("Rule %s runs an action: choose the server action.", rule.name)
                )
            try:
                domain = safe_eval(rule.partner_domain or "[]")
                self.env["res.partner"].search_count(domain, limit=1)
            except Exception as error:
                raise ValidationError(
                    self.env._(
                        "The customer filter of rule %(rule)s is invalid: %(error)s",
                        rule=rule.name,
                        error=error,
                    )
                ) from error

    # ------------------------------------------------------------------
    # Engine
    # ------------------------------------------------------------------

    @api.model
    def _cron_run_care_rules(self):
        self.search([])._run()

    def _run(self, today=None):
        """Act on every occurrence due today that has not been acted on yet.

        :return: the new ``customer.care.log`` records
        """
        logs = self.env["customer.care.log"]
        for rule in self:
            # the company's day: a birthday starts at local midnight, not at UTC's
            occurrences = rule._occurrences(today or company_today(rule.company_id))
            occurrences = rule._filter_partners(occurrences)
            new_logs = rule._claim(occurrences)
            if new_logs:
                rule._act(new_logs)
            logs |= new_logs
        return logs

    def _occurrences(self, today):
        """{partner id: occurrence date} due on ``today`` for this rule."""
        self.ensure_one()
        return getattr(self, f"_occurrences_{self.trigger}")(today)

    def _company_partner_clause(self):
        return "(p.company_id IS NULL OR p.company_id = %(company)s)"

    def _local_day_sql(self, column):
        """SQL of the day of the UTC timestamp ``column`` on the company's calendar
        (its time zone is the query parameter ``tz``, see ``_sql_params``)."""
        return f"(({column} AT TIME ZONE 'UTC') AT TIME ZONE %(tz)s)::date"

    def _sql_params(self, **params):
        return {"company": self.company_id.id, "tz": company_tz(self.company_id).zone, **params}

    def _occurrences_birthday(self, today):
        end = today + datetime.timedelta(days=self.lead_days)
        partners = self.env["res.partner"].search_read(
            [
                ("birthday", "!=", False),
                ("company_id", "in", [self.company_id.id, False]),
            ],
            ["birthday", "birthday_calendar"],
        )
        result = {}
        for partner in partners:
            try:
                dates = birthdays_between(
                    partner["birthday"], today, end, lunar=partner["birthday_calendar"] == "lunar"
                )
            except ValueError:  # a lunar birthday outside the 1900–2100 table
                continue
            if dates:
                result[partner["id"]] = dates[0]
        return result

    def _first_orders(self):
        self.env.flush_all()
        self.env.cr.execute(
            f"""
            SELECT p.commercial_partner_id, MIN({self._local_day_sql("so.date_order")})
              FROM sale_order so
              JOIN res_partner p ON p.id = so.partner_id
             WHERE so.state = 'sale' AND so.company_id = %(company)s
               AND {self._company_partner_clause()}
             GROUP BY p.commercial_partner_id
            """,
            self._sql_params(),
        )
        return self.env.cr.fetchall()

    def _occurrences_anniversary(self, today):
        end = today + datetime.timedelta(days=self.lead_days)
        result = {}
        for partner_id, first in self._first_orders():
            for year in range(today.year, end.year + 1):
                day = anniversary(first, year)
                if year > first.year and today <= day <= end:
                    result[partner_id] = day
                    break
        return result

    def _occurrences_onboarding(self, today):
        start = today - datetime.timedelta(days=self.window_days)
        return {
            partner_id: first
            for partner_id, first in self._first_orders()
            if start <= first <= today
        }

    def _occurrences_inactivity(self, today):
        """Each spell without order or follow-up is one occurrence, dated the
        day it reaches ``inactivity_days``; a new order starts a new spell."""
        self.env.flush_all()
        self.env.cr.execute(
            f"""
            WITH orders AS (
                SELECT p.commercial_partner_id AS partner_id,
                       MAX({self._local_day_sql("so.date_order")}) AS last_order
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                 WHERE so.state = 'sale' AND so.company_id = %(company)s
                   AND {self._company_partner_clause()}
                 GROUP BY 1
            ), followups AS (
                SELECT p.commercial_partner_id AS partner_id,
                       MAX({self._local_day_sql("p.last_followup_date")}) AS last_followup
                  FROM res_partner p
                 WHERE p.last_followup_date IS NOT NULL
                 GROUP BY 1
            )
            SELECT o.partner_id, GREATEST(o.last_order, f.last_followup) + %(days)s
              FROM orders o
              LEFT JOIN followups f ON f.partner_id = o.partner_id
             WHERE GREATEST(o.last_order, f.last_followup) + %(days)s - %(lead)s <= %(today)s
            """,
            self._sql_params(days=self.inactivity_days, lead=self.lead_days, today=today),
        )
        return dict(self.env.cr.fetchall())

    def _occurrences_health_drop(self, today):
        """Each fall of the health score is one occurrence, dated the week it
        fell. A snapshot has fallen when it is at least ``health_drop_points``
        under the best of the 30 days before it; the fall goes on as long as
        the following snapshots have fallen too, so a score that stays low
        for weeks is the same occurrence, not one a week. The latest snapshot
        must be in the fall, and the fall must have begun within
        ``window_days``. Needs the health scores of customer_360."""
        Snapshot = self.env.get("customer.health.snapshot")
        if Snapshot is None or not {"partner_id", "date", "score"} <= set(Snapshot._fields):
            return {}
        recent = today - datetime.timedelta(days=self.window_days)
        # 30 days before each snapshot since ``recent`` - 30, which tells
        # whether a fall seen in the window began before it.
        start = recent - datetime.timedelta(days=60)
        rows = Snapshot.sudo().search_read(
            [
                ("date", ">=", start),
                ("date", "<=", today),
                ("score", "!=", False),
                ("partner_id.company_id", "in", [self.company_id.id, False]),
            ],
            ["partner_id", "date", "score"],
            order="date",
        )
        history = {}
        for row in rows:
            history.setdefault(row["partner_id"][0], []).append(
                (fields.Date.to_date(row["date"]), row["score"])
            )
        result = {}
        for partner_id, points in history.items():
            if points[-1][0] < recent:
                continue
            fell_on = None
            for index in range(len(points) - 1, -1, -1):
                day, value = points[index]
                if (day - start).days < 30 or not self._health_fell(points[:index], day, value):
                    break
                fell_on = day
            if fell_on and fell_on >= recent:
                result[partner_id] = fell_on
        return result

    def _health_fell(self, earlier, day, value):
        """Whether ``value`` on ``day`` is ``health_drop_points`` under the best
        of the ``earlier`` (date, score) points of the 30 days before."""
        before = [score for date, score in earlier if (day - date).days <= 30]
        return bool(before) and max(before) - value >= self.health_drop_points

    def _occurrences_low_rating(self, today):
        if "rating.rating" not in self.env:
            return {}
        start = today - datetime.timedelta(days=self.window_days)
        rows = (
            self.env["rating.rating"]
            .sudo()
            ._read_group(
                [
                    ("consumed", "=", True),
                    ("rating", ">=", 1),
                    ("rating", "<=", self.rating_max),
                    ("partner_id", "!=", False),
                    ("partner_id.company_id", "in", [self.company_id.id, False]),
                    ("write_date", ">=", fields.Datetime.to_datetime(start)),
                ],
                ["partner_id"],
                ["write_date:max"],
            )
        )
        tz = company_tz(self.company_id)
        return {partner.id: min(local_date(last, tz), today) for partner, last in rows}

    def _filter_partners(self, occurrences):
        """Drop partners outside the rule's filter and those who opted out
        (themselves or their company), or are blacklisted for an email."""
        if not occurrences:
            return {}
        domain = [
            ("id", "in", list(occurrences)),
            ("care_opt_out", "=", False),
            ("commercial_partner_id.care_opt_out", "=", False),
        ]
        domain += safe_eval(self.partner_domain or "[]")
        if self.action_type == "mail":
            domain += [("email", "!=", False), ("is_blacklisted", "=", False)]
        partners = self.env["res.partner"].search(domain)
        return {partner.id: occurrences[partner.id] for partner in partners}

    def _claim(self, occurrences):
        """Insert one log per occurrence; return only those inserted now.

        The unique key (rule, partner, date) makes PostgreSQL the referee:
        an occurrence already logged, by this run or a concurrent one, is
        skipped by ON CONFLICT DO NOTHING.
        """
        if not occurrences:
            return self.env["customer.care.log"]
        self.env.flush_all()
        rows = self.env.cr.execute_values(
            """
            INSERT INTO customer_care_log
                   (rule_id, trigger, partner_id, occurrence_date, company_id, state,
                    create_uid, create_date, write_uid, write_date)
            VALUES %s
            ON CONFLICT (rule_id, partner_id, occurrence_date) DO NOTHING
            RETURNING id
            """,
            [
                (
                    self.id,
                    self.trigger,
                    partner_id,
                    day,
                    self.company_id.id,
                    "pending",
                    self.env.uid,
                    fields.Datetime.now(),
                    self.env.uid,
                    fields.Datetime.now(),
                )
                for partner_id, day in occurrences.items()
            ],
            page_size=1000,
            fetch=True,
        )
        return self.env["customer.care.log"].browse([row[0] for row in rows])

    def _act(self, logs):
        """Run the rule's action on its new logs; a failure is logged on the
        occurrence (and not retried) instead of stopping the other rules."""
        self.ensure_one()
        if self.trigger == "onboarding" and self.csm_user_id:
            accounts = logs.partner_id.filtered(lambda partner: not partner.csm_user_id)
            accounts.write({"csm_user_id": self.csm_user_id.id})
        try:
            with self.env.cr.savepoint():
                getattr(self, f"_act_{self.action_type}")(logs)
        except Exception as error:  # any failure is kept on the occurrence's log
            _logger.warning(
                "Care rule %s failed on %s: %r", self.id, logs.ids, error, exc_info=True
            )
            logs.write({"state": "failed", "note": str(error)})
            return
        logs.write({"state": "done"})

    def _activity_user(self, partner):
        account = partner.commercial_partner_id
        users = {"owner": account.user_id, "csm": account.csm_user_id, "user": self.user_id}
        return users[self.assign_to] or self.user_id or account.user_id or self.create_uid

    def _act_activity(self, logs):
        model_id = self.env["ir.model"]._get_id("res.partner")
        activity_type = self.activity_type_id or self.env.ref("mail.mail_activity_data_todo")
        self.env["mail.activity"].create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": log.partner_id.id,
                    "activity_type_id": activity_type.id,
                    "summary": self.activity_summary or log.display_name,
                    "note": self.activity_note or Markup(""),
                    "user_id": self._activity_user(log.partner_id).id,
                    "date_deadline": log.occurrence_date,
                }
                for log in logs
            ]
        )

    def _act_mail(self, logs):
        self.mail_template_id.send_mail_batch(logs.partner_id.ids)

    def _act_server(self, logs):
        partners = logs.partner_id
        self.server_action_id.with_context(
            active_model="res.partner", active_ids=partners.ids, active_id=partners[:1].id
        ).run()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_run_now(self):
        """Run the selected rules now (what the daily cron does)."""
        if not self.env.user.has_group("customer_360.customer_360_group_manager"):
            raise AccessError(self.env._("Only Customer 360 managers can run care rules."))
        self._run()
        return self.action_open_logs()

    def action_open_logs(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_360.customer_care_log_action"
        )
        action["domain"] = [("rule_id", "in", self.ids)]
        return action
