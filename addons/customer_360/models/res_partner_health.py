# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import logging
import threading
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup, escape
from psycopg2.extras import execute_values

from odoo import api, fields, models
from odoo.exceptions import AccessError

from .customer_health_metric import compute_metrics
from .customer_health_scoring import band_of, score, trend_arrow
from .customer_health_snapshot import HEALTH_STATES

_logger = logging.getLogger(__name__)

# Customers per batch of the recompute cron (ir.config_parameter
# customer_360.health_batch_size): one batch is ~20 queries whatever its size,
# 500 keeps a batch around a second and its row locks short.
DEFAULT_BATCH_SIZE = 500

# A customer is recomputed once per cron day: rows computed within this many
# hours are not claimed again.
RECOMPUTE_AFTER_HOURS = 20

# Stored on the partner (for lists, filters and grouping), written only when
# they change; the explanation lives on the week's snapshot.
HEALTH_WRITE_FIELDS = [
    "health_model_id",
    "health_score",
    "health_state",
    "health_coverage",
    "health_trend",
    "health_trend_arrow",
    "health_alerted",
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    # csm_user_id (Customer Success Manager) is defined with the care rules.
    health_model_id = fields.Many2one(
        "customer.health.model", string="Health Model", readonly=True, copy=False
    )
    health_score = fields.Integer(readonly=True, copy=False, aggregator="avg")
    health_state = fields.Selection(HEALTH_STATES, string="Health", readonly=True, copy=False)
    health_coverage = fields.Float(
        readonly=True, copy=False, help="Share of the measures' weight that had a value."
    )
    health_trend = fields.Integer(
        "Health Δ 4 weeks", readonly=True, copy=False, help="Score change over four weeks."
    )
    health_trend_arrow = fields.Selection(
        [("up", "↑ Up"), ("flat", "→ Flat"), ("down", "↓ Down")],
        string="Health Trend",
        readonly=True,
        copy=False,
    )
    health_alerted = fields.Boolean(
        readonly=True,
        copy=False,
        help="A proactive-care activity was opened; no new one until the customer recovers.",
    )
    health_date = fields.Datetime("Health Computed On", compute="_compute_health_detail")
    health_detail = fields.Json(compute="_compute_health_detail")
    health_detail_html = fields.Html(
        "Health Breakdown", compute="_compute_health_detail_html", sanitize=False
    )
    health_cap_reason = fields.Char("Health Capped By", compute="_compute_health_detail_html")
    health_csm_sentiment = fields.Selection(
        [("good", "Good"), ("neutral", "Neutral"), ("poor", "Poor")],
        string="CSM Sentiment",
        copy=False,
        help="The CSM's judgement, a health measure until its expiry date.",
    )
    health_csm_sentiment_expiry = fields.Date("Sentiment Valid Until", copy=False)
    health_snapshot_ids = fields.One2many(
        "customer.health.snapshot", "partner_id", string="Health Snapshots"
    )

    # ------------------------------------------------------------
    # Explanation
    # ------------------------------------------------------------
    @api.depends("health_state", "health_snapshot_ids")
    def _compute_health_detail(self):
        """The explanation of the last computation: the account's latest
        snapshot (one query for all partners)."""
        accounts = self.commercial_partner_id
        latest = {}
        if accounts.ids:
            self.env["customer.health.snapshot"].flush_model()
            self.env.cr.execute(
                """
                SELECT DISTINCT ON (partner_id) partner_id, detail, write_date
                  FROM customer_health_snapshot
                 WHERE partner_id = ANY(%s)
                 ORDER BY partner_id, date DESC
                """,
                [accounts.ids],
            )
            latest = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for partner in self:
            detail, date = latest.get(partner.commercial_partner_id.id, (None, False))
            partner.health_detail = detail
            partner.health_date = date

    @api.depends("health_detail")
    def _compute_health_detail_html(self):
        components = self.env["customer.health.component"].sudo()
        group_labels = dict(components._fields["group"]._description_selection(self.env))
        for partner in self:
            detail = partner.health_detail or {}
            names = {
                component.id: component.name
                for component in components.browse(
                    [line["component_id"] for line in detail.get("lines", [])]
                ).exists()
            }
            partner.health_cap_reason = partner._health_cap_text(detail, names)
            partner.health_detail_html = partner._health_table(detail, names, group_labels)

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

    def _health_table(self, detail, names, group_labels):
        if not detail.get("lines"):
            return False
        rows = Markup("").join(
            Markup(
                "<tr><td>%s</td><td>%s</td><td class='text-end'>%s</td>"
                "<td class='text-end'>%s</td><td class='text-end'>%s</td>"
                "<td class='text-end'>%s</td></tr>"
            )
            % (
                names.get(line["component_id"], line["name"]),
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

    # ------------------------------------------------------------
    # Batch recompute
    # ------------------------------------------------------------
    @api.model
    def _cron_health_recompute(self, batch_size=None, commit=True):
        """Recompute every customer not computed in the last hours, batch by
        batch. Each batch is claimed with FOR UPDATE SKIP LOCKED and committed
        on its own, so a second worker takes the next rows instead of the same
        ones, and a crash loses at most one batch (its rows are claimed again
        on the next run). ``commit=False`` for callers inside a larger
        transaction (demo data, module install)."""
        params = self.env["ir.config_parameter"].sudo()
        batch_size = batch_size or int(
            params.get_param("customer_360.health_batch_size", DEFAULT_BATCH_SIZE)
        )
        cutoff = fields.Datetime.now() - timedelta(hours=RECOMPUTE_AFTER_HOURS)
        auto_commit = commit and not getattr(threading.current_thread(), "testing", False)
        done = last_id = 0
        while ids := self._health_claim_batch(batch_size, cutoff, last_id):
            self.browse(ids)._health_recompute()
            done += len(ids)
            last_id = ids[-1]
            if auto_commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit  # per batch, see docstring
            self.env.invalidate_all()  # keep the cache to one batch
        self.env["ir.cron"]._notify_progress(done=done, remaining=0)
        return done

    @api.model
    def _health_claim_batch(self, batch_size, cutoff, after_id=0):
        """Next customers without this week's snapshot written since
        ``cutoff``; rows another worker holds are skipped, not waited for.
        ``after_id`` keeps one run moving forward instead of re-reading the
        customers it has already done."""
        self.env["res.partner"].flush_model()
        self.env["customer.health.snapshot"].flush_model()
        today = fields.Date.context_today(self)
        self.env.cr.execute(
            f"""
            SELECT p.id FROM res_partner p
              LEFT JOIN customer_health_snapshot s
                     ON s.partner_id = p.id AND s.date = %s
             WHERE {self._health_customer_where("p")}
               AND p.id > %s AND (s.id IS NULL OR s.write_date < %s)
             ORDER BY p.id
             LIMIT %s
               FOR UPDATE OF p SKIP LOCKED
            """,
            (today - timedelta(days=today.weekday()), after_id, cutoff, batch_size),
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _health_customer_where(self, alias="res_partner"):
        """SQL condition on ``res_partner`` of the customers the cron scores:
        active commercial partners that bought, were invoiced, or reached the
        "customer" lifecycle stage or a later one (prospects have no health)."""
        return f"""
            {alias}.active AND {alias}.id = {alias}.commercial_partner_id
            AND ({alias}.customer_rank > 0 OR {alias}.lifecycle_stage_id IN (
                SELECT stage.id FROM crm_lifecycle_stage stage
                 WHERE stage.sequence >= (SELECT min(sequence) FROM crm_lifecycle_stage
                                           WHERE code = 'customer')))
        """

    def _health_recompute(self):
        """Score the commercial partners of ``self`` in one pass: one query
        per metric for the whole set, one for the partners' previous state,
        one for history, one upsert of the week's snapshots, one update of
        the partners. Transitions (entering red, a sharp drop) open
        proactive-care activities, once."""
        partners = self._health_accounts()
        if not partners:
            return
        now = fields.Datetime.now()
        today = now.date()
        week = today - timedelta(days=today.weekday())
        health_models = self.env["customer.health.model"].sudo().search([])
        previous = self._health_previous(partners)
        chosen = health_models._select_for(previous)
        components = {model: model._scoring_components() for model in set(chosen.values())}
        codes = {line["metric"] for lines in components.values() for line in lines}
        raw = compute_metrics(self.env, codes, partners.ids, now)
        history = self._health_history(partners, health_models, week, today)
        rows, snapshots, alerts, moves = [], [], [], {}
        for partner_id in partners.ids:
            model, before = chosen[partner_id], previous[partner_id]
            result = score(
                components.get(model, []),
                {code: values.get(partner_id) for code, values in raw.items()},
            )
            state, trend, arrow, alerted, alert = self._health_transition(
                model, result, history.get(partner_id, []), today, before
            )
            if alert:
                alerts.append((partner_id, alert))
            if state != (before["state"] or "unknown"):
                moves[partner_id] = state
            detail = {
                key: result[key] for key in ("lines", "groups", "knockouts", "cap", "coverage")
            }
            for line in detail["lines"]:
                if line["value"] is not None:
                    line["value"] = round(line["value"], 4)
            row = (model.id or None, result["score"], state, result["coverage"])
            row += (trend, arrow, alerted)
            if row != before["row"]:
                rows.append((partner_id, *row))
            snapshots.append(
                (
                    partner_id,
                    week,
                    model.id or None,
                    result["score"],
                    state,
                    result["coverage"],
                    json.dumps(result["groups"], separators=(",", ":")),
                    json.dumps(detail, separators=(",", ":")) if model else None,
                )
            )
        self._health_store(partners, rows, snapshots, now)
        # Records share one prefetch set: one query for all of them, not one each.
        if alerts:
            alerted = self.browse([partner_id for partner_id, _reason in alerts])
            self._health_open_care_activities(
                list(zip(alerted, dict(alerts).values(), strict=True))
            )
        if moves:
            moved = self.browse(list(moves))
            self._c360_apply_health_status(dict(zip(moved, moves.values(), strict=True)))

    def _health_accounts(self):
        """The commercial partners of ``self``, without loading every column
        of ``res_partner`` into the cache as ``self.commercial_partner_id``
        would."""
        if not self:
            return self.browse()
        self.flush_model(["commercial_partner_id"])
        self.env.cr.execute(
            "SELECT DISTINCT coalesce(commercial_partner_id, id) FROM res_partner"
            " WHERE id = ANY(%s) ORDER BY 1",
            [self.ids],
        )
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    def _health_previous(self, partners):
        """{partner id: what the health engine needs of the partner}, read in
        one query: going through the ORM would load every column of
        ``res_partner`` (JSON detail included) for a handful of them."""
        self.flush_model()
        self.env.cr.execute(
            """
            SELECT p.id, p.company_id, p.lifecycle_stage_id, p.health_state, p.health_alerted,
                   ARRAY(SELECT rel.category_id FROM res_partner_res_partner_category_rel rel
                          WHERE rel.partner_id = p.id),
                   p.health_model_id, p.health_score, p.health_coverage, p.health_trend,
                   p.health_trend_arrow
              FROM res_partner p
             WHERE p.id = ANY(%s)
            """,
            [partners.ids],
        )
        return {
            row[0]: {
                "company_id": row[1],
                "lifecycle_stage_id": row[2],
                "state": row[3],
                "alerted": row[4] or False,
                "category_ids": set(row[5]),
                # as written by the last run, to skip unchanged partners
                "row": (row[6], row[7], row[3], row[8], row[9], row[10], row[4] or False),
            }
            for row in self.env.cr.fetchall()
        }

    def _health_history(self, partners, health_models, week, today):
        """{partner id: [(date, score)]} of the known weekly scores, this
        week's (the previous run) included: enough weeks for the 4-week trend
        and the longest drop window."""
        self.env["customer.health.snapshot"].flush_model()
        days = max([35, *health_models.mapped("drop_alert_days")])
        self.env.cr.execute(
            """
            SELECT partner_id, date, score FROM customer_health_snapshot
             WHERE partner_id = ANY(%s) AND date >= %s AND date <= %s AND score IS NOT NULL
             ORDER BY partner_id, date
            """,
            (partners.ids, today - timedelta(days=days), week),
        )
        history = defaultdict(list)
        for partner_id, date, value in self.env.cr.fetchall():
            history[partner_id].append((date, value))
        return history

    @api.model
    def _health_transition(self, model, result, history, today, before):
        """Band with hysteresis, trend, and whether to alert.

        :param before: the partner's previous state (see ``_health_previous``)
        :return: (state, trend, arrow, alerted, alert) where alert is False,
            "red" or "drop"
        """
        new_score = result["score"]
        if not model or new_score is None:
            return "unknown", None, "flat", before["alerted"], False
        state = band_of(new_score, model.red_max, model.yellow_max)
        if before["state"] == "red" and state != "red" and new_score <= model.red_exit_score:
            state = "red"  # hysteresis: leave red only clearly above its limit
        past = [value for date, value in history if date <= today - timedelta(days=28)]
        trend = new_score - past[-1] if past else None
        arrow = trend_arrow(trend, model.trend_dead_band)
        since = today - timedelta(days=model.drop_alert_days)
        window = [value for date, value in history if date >= since]
        dropped = bool(window) and max(window) - new_score >= model.drop_alert_points
        in_trouble = state == "red" or dropped
        alert = False
        if in_trouble and not before["alerted"]:
            alert = "red" if state == "red" else "drop"
        return state, trend, arrow, in_trouble, alert

    def _health_store(self, partners, rows, snapshots, now):
        """Upsert the week's snapshots; update the partners that changed."""
        uid = self.env.uid
        if rows:
            self.flush_model(HEALTH_WRITE_FIELDS)
            execute_values(
                self.env.cr._obj,
                """
                UPDATE res_partner p
                   SET health_model_id = v.model_id, health_score = v.score,
                       health_state = v.state, health_coverage = v.coverage,
                       health_trend = v.trend, health_trend_arrow = v.arrow,
                       health_alerted = v.alerted, write_uid = v.uid, write_date = v.date
                  FROM (VALUES %s) AS v(id, model_id, score, state, coverage, trend, arrow,
                                        alerted, uid, date)
                 WHERE p.id = v.id
                """,
                [(*row, uid, now) for row in rows],
                template="(%s, %s::int, %s::int, %s, %s::float8, %s::int, %s, %s, %s::int,"
                " %s::timestamp)",
                page_size=len(rows),
            )
        self.env["customer.health.snapshot"].flush_model()
        execute_values(
            self.env.cr._obj,
            """
            INSERT INTO customer_health_snapshot
                   (partner_id, date, model_id, score, state, coverage, group_scores, detail,
                    create_uid, write_uid, create_date, write_date)
            VALUES %s
            ON CONFLICT (partner_id, date) DO UPDATE
               SET model_id = EXCLUDED.model_id, score = EXCLUDED.score,
                   state = EXCLUDED.state, coverage = EXCLUDED.coverage,
                   group_scores = EXCLUDED.group_scores, detail = EXCLUDED.detail,
                   write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
            """,
            [(*snapshot, uid, uid, now, now) for snapshot in snapshots],
            template="(%s, %s, %s::int, %s::int, %s, %s::float8, %s::jsonb, %s::jsonb,"
            " %s, %s, %s, %s)",
            page_size=len(snapshots),
        )
        partners.invalidate_recordset(
            [*HEALTH_WRITE_FIELDS, "health_detail", "health_date", "health_snapshot_ids"]
        )
        self.env["customer.health.snapshot"].invalidate_model()

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
            if reason == "red":
                summary = self.env._("Health turned red (%s)", partner._health_score_text())
            else:
                summary = self.env._("Health dropped sharply (%s)", partner._health_score_text())
            for user in (partner.user_id | partner.csm_user_id).filtered("active"):
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": partner.id,
                        "activity_type_id": activity_type.id if activity_type else False,
                        "summary": summary,
                        "note": partner.sudo().health_detail_html,
                        "user_id": user.id,
                        "date_deadline": fields.Date.context_today(self),
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
