# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.service_desk.models.service_desk_recipient import recipient_env

from .customer_health_scoring import explain, group_scores
from .customer_health_snapshot import HEALTH_STATES
from .res_partner import C360_GROUP

# Written by the weekly recompute only (see crm_full's crm.full.system.fields.mixin).
HEALTH_SYSTEM_FIELDS = {
    "health_model_id",
    "health_score",
    "health_state",
    "health_coverage",
    "health_trend",
    "health_trend_arrow",
    "health_alerted",
}
# The account's customer success manager reads its 360 data (record rules).
MANAGER_ONLY_FIELDS = {"csm_user_id"}
C360_MANAGER_GROUPS = "customer_360.customer_360_group_manager,crm_full.crm_full_group_manager"

_logger = logging.getLogger(__name__)


class ResPartner(models.Model):
    _inherit = "res.partner"

    # csm_user_id (Customer Success Manager) is defined with the care rules.
    # Every health figure is internal to the 360 roles: not for portal customers
    # (on their own account) nor for a plain employee.
    health_model_id = fields.Many2one(
        "customer.health.model",
        string="Health Model",
        readonly=True,
        copy=False,
        groups=C360_GROUP,
    )
    health_score = fields.Integer(readonly=True, copy=False, aggregator="avg", groups=C360_GROUP)
    health_state = fields.Selection(
        HEALTH_STATES, string="Health", readonly=True, copy=False, groups=C360_GROUP
    )
    health_coverage = fields.Float(
        readonly=True,
        copy=False,
        groups=C360_GROUP,
        help="Share of the measures' weight that had a value.",
    )
    health_trend = fields.Integer(
        "Health Δ 4 weeks",
        readonly=True,
        copy=False,
        groups=C360_GROUP,
        help="Score change over four weeks.",
    )
    health_trend_arrow = fields.Selection(
        [("up", "↑ Up"), ("flat", "→ Flat"), ("down", "↓ Down")],
        string="Health Trend",
        readonly=True,
        copy=False,
        groups=C360_GROUP,
    )
    health_alerted = fields.Boolean(
        readonly=True,
        copy=False,
        groups=C360_GROUP,
        help="A proactive-care activity was opened; no new one until the customer recovers.",
    )
    health_date = fields.Datetime(
        "Health Computed On", compute="_compute_health_detail", groups=C360_GROUP
    )
    health_detail = fields.Json(compute="_compute_health_detail", groups=C360_GROUP)
    health_detail_html = fields.Html(
        "Health Breakdown",
        compute="_compute_health_detail_html",
        sanitize=False,
        groups=C360_GROUP,
    )
    health_cap_reason = fields.Char(
        "Health Capped By", compute="_compute_health_detail_html", groups=C360_GROUP
    )
    health_csm_sentiment = fields.Selection(
        [("good", "Good"), ("neutral", "Neutral"), ("poor", "Poor")],
        string="CSM Sentiment",
        copy=False,
        groups=C360_GROUP,
        help="The CSM's judgement, a health measure until its expiry date.",
    )
    health_csm_sentiment_expiry = fields.Date(
        "Sentiment Valid Until", copy=False, groups=C360_GROUP
    )
    health_snapshot_ids = fields.One2many(
        "customer.health.snapshot", "partner_id", string="Health Snapshots", groups=C360_GROUP
    )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------
    def _system_fields(self):
        return super()._system_fields() | HEALTH_SYSTEM_FIELDS

    def write(self, vals):
        if MANAGER_ONLY_FIELDS & vals.keys() and not self.env.su:
            if not self.env.user.has_groups(C360_MANAGER_GROUPS):
                raise AccessError(
                    self.env._(
                        "Only a Customer 360 or sales manager may choose an account's "
                        "customer success manager."
                    )
                )
        return super().write(vals)

    # ------------------------------------------------------------
    # Explanation
    # ------------------------------------------------------------
    @api.depends("health_state", "health_snapshot_ids")
    def _compute_health_detail(self):
        """The explanation of the last computation, from the account's latest
        snapshot (one query for all partners): each measure's value, points,
        weight and contribution, group scores, knock-outs and coverage."""
        accounts = self.commercial_partner_id
        latest = {}
        if accounts.ids:
            self.env["customer.health.snapshot"].flush_model()
            self.env.cr.execute(
                """
                SELECT DISTINCT ON (partner_id)
                       partner_id, detail, coverage, computed_at
                  FROM customer_health_snapshot
                 WHERE partner_id = ANY(%s)
                 ORDER BY partner_id, date DESC
                """,
                [accounts.ids],
            )
            latest = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        component_ids = {
            line[0]
            for detail, *_rest in latest.values()
            for line in (detail or {}).get("lines", [])
        }
        components = {
            component.id: (component.name, component.group)
            for component in self.env["customer.health.component"]
            .sudo()
            .browse(component_ids)
            .exists()
        }
        for partner in self:
            detail, coverage, date = latest.get(
                partner.commercial_partner_id.id, (None, 0.0, False)
            )
            lines = explain(detail["lines"], components) if detail else []
            partner.health_date = date
            partner.health_detail = detail and {
                "lines": lines,
                "groups": group_scores(lines),
                "knockouts": detail["knockouts"],
                "cap": detail["cap"],
                "coverage": coverage,
            }

    @api.depends("health_detail")
    @api.depends_context("lang")
    def _compute_health_detail_html(self):
        components = self.env["customer.health.component"]
        group_labels = dict(components._fields["group"]._description_selection(self.env))
        for partner in self:
            detail = partner.health_detail or {}
            names = {line["component_id"]: line["name"] for line in detail.get("lines", [])}
            partner.health_cap_reason = partner._health_cap_text(detail, names)
            partner.health_detail_html = partner._health_table(detail, group_labels)

    def _health_cap_text(self, detail, names):
        reasons = [
            self.env._(
                "%(measure)s is %(value)s: score capped at %(cap)s",
                measure=names.get(component_id, "?"),
                value=_format_value(value),
                cap=cap,
            )
            for component_id, value, cap in detail.get("knockouts", [])
        ]
        return "; ".join(reasons) or False

    def _health_table(self, detail, group_labels):
        if not detail.get("lines"):
            return False
        rows = Markup("").join(
            Markup(
                "<tr><td>%s</td><td>%s</td><td class='text-end'>%s</td>"
                "<td class='text-end'>%s</td><td class='text-end'>%s</td>"
                "<td class='text-end'>%s</td></tr>"
            )
            % (
                line["name"],
                group_labels.get(line["group"], line["group"]),
                _format_value(line["value"]),
                "" if line["points"] is None else _format_value(line["points"]),
                _format_value(line["weight"]),
                "" if line["contribution"] is None else _format_value(line["contribution"]),
            )
            for line in detail["lines"]
        )
        head = Markup(
            "<thead><tr><th>%s</th><th>%s</th><th class='text-end'>%s</th>"
            "<th class='text-end'>%s</th><th class='text-end'>%s</th>"
            "<th class='text-end'>%s</th></tr></thead>"
        ) % (
            self.env._("Measure"),
            self.env._("Group"),
            self.env._("Value"),
            self.env._("Points"),
            self.env._("Weight"),
            self.env._("Contribution"),
        )
        group_scores = ", ".join(
            f"{group_labels.get(group, group)} {_format_value(points)}"
            for group, points in sorted(detail.get("groups", {}).items())
        )
        footer = Markup("<p class='text-muted'>%s</p>") % self.env._(
            "Coverage %(coverage)s %%. Group scores: %(groups)s",
            coverage=_format_value(round(detail.get("coverage", 0) * 100, 1)),
            groups=group_scores or "-",
        )
        return (
            Markup("<table class='table table-sm o_c360_health_table'>%s<tbody>%s</tbody></table>")
            % (head, rows)
            + footer
        )

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------
    def action_health_recompute(self):
        """Recompute the health of these customers now (360 view button)."""
        if not self.env.user.has_group("customer_360.customer_360_group_user"):
            raise AccessError(self.env._("Only Customer 360 users may recompute health scores."))
        self.check_access("read")
        # Scores are system facts derived from every source, computed as such.
        self.commercial_partner_id.sudo()._health_recompute()
        return True

    def action_health_open_snapshots(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_360.customer_health_snapshot_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {}
        return action

    @api.model
    def _health_open_care_activities(self, alerts):
        """One proactive-care activity per customer for its owner and its CSM
        (dingtalk_connector forwards activities of mapped users)."""
        activity_type = self.env.ref(
            "customer_360.mail_activity_type_health_care", raise_if_not_found=False
        )
        model_id = self.env["ir.model"]._get_id("res.partner")
        # Only these columns: the ORM's default prefetch would load whole rows.
        self.browse([partner.id for partner, _reason in alerts]).fetch(
            ["user_id", "csm_user_id", "health_score", "health_state"]
        )
        vals_list = []
        for partner, reason in alerts:
            if not (partner.user_id or partner.csm_user_id):
                continue
            for user in (partner.user_id | partner.csm_user_id).filtered("active"):
                # each owner reads the to-do in their own language
                env = recipient_env(self.env, user)
                local = partner.with_env(env)
                if reason == "red":
                    summary = env._("Health turned red (%s)", local._health_score_text())
                else:
                    summary = env._("Health dropped sharply (%s)", local._health_score_text())
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": partner.id,
                        "activity_type_id": activity_type.id if activity_type else False,
                        "summary": summary,
                        "note": local.sudo().health_detail_html,
                        "user_id": user.id,
                        "date_deadline": fields.Date.context_today(local),
                        "automated": True,
                    }
                )
        if vals_list:
            self.env["mail.activity"].sudo().create(vals_list)
        _logger.info("Health: %d proactive-care activities opened", len(vals_list))

    def _health_score_text(self):
        self.ensure_one()
        if self.health_state in (False, "unknown"):
            return self.env._("unknown")
        return f"{self.health_score}/100"

    @api.model
    def _c360_apply_health_status(self, moves):
        """Drive crm_full's live status from the health band: red → at risk,
        out of red → active again. Only the statuses health owns are touched
        (dormant, churned and won back come from orders).

        :param moves: {partner: new health state}
        """
        self.browse([partner.id for partner in moves]).fetch(["lifecycle_status"])
        at_risk = self.browse(
            [
                partner.id
                for partner, state in moves.items()
                if state == "red" and partner.lifecycle_status in (False, "active", "won_back")
            ]
        )
        recovered = self.browse(
            [
                partner.id
                for partner, state in moves.items()
                if state in ("yellow", "green") and partner.lifecycle_status == "at_risk"
            ]
        )
        by_status = {
            status: partners
            for status, partners in (("at_risk", at_risk), ("active", recovered))
            if partners
        }
        if by_status:
            # crm_full's setter writes as the system and keeps the history.
            self._lifecycle_set_status(by_status)


def _format_value(value):
    if value is None:
        return "-"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(int(value)) if isinstance(value, float) else escape(str(value))
