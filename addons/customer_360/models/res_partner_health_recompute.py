# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The health recompute: batches claimed with SKIP LOCKED, one SQL aggregate
per metric and batch, scoring in plain Python, one upsert of the week's
snapshots and one update of the partners that changed."""

import gc
import json
import threading
from collections import defaultdict
from contextlib import contextmanager
from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.crm_full.tools.local_dates import company_today

from .customer_health_metric import BATCH_IDS, compute_metrics
from .customer_health_scoring import Scorer, Transition

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

_to_json = json.JSONEncoder(separators=(",", ":")).encode


def _monday_of(day):
    """The date a week's snapshots carry."""
    return day - timedelta(days=day.weekday())


@contextmanager
def _gc_paused():
    """Scoring a batch allocates a few lists per customer, all freed by
    reference counting; meanwhile the cyclic collector would scan the whole
    registry again and again (half the scoring time, measured at 100,000)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class ResPartner(models.Model):
    _inherit = "res.partner"

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
        due = self._health_due_ids(cutoff)
        done, prepared = 0, {}
        for start in range(0, len(due), batch_size):
            chunk = due[start : start + batch_size]
            ids = self._health_claim_batch(batch_size, cutoff, candidates=chunk)
            if not ids:
                continue  # another worker holds this chunk
            self.browse(ids)._health_score_accounts(prepared)
            done += len(ids)
            if auto_commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit  # per batch, see docstring
            self.env.invalidate_all()  # keep the cache to one batch
        self.env["ir.cron"]._notify_progress(done=done, remaining=0)
        return done

    @api.model
    def _health_due_ids(self, cutoff):
        """Ids of the customers without this week's snapshot written since
        ``cutoff``, in one pass over the table (no locks): the batches then
        claim them by id. Claiming "the next N due customers" with LIMIT
        instead made PostgreSQL re-read the whole table for every batch."""
        self.env["res.partner"].flush_model()
        self.env["customer.health.snapshot"].flush_model()
        self.env.cr.execute(
            f"""
            SELECT p.id FROM res_partner p
             WHERE {self._health_customer_where("p")} AND {self._health_not_done("p")}
             ORDER BY p.id
            """,
            self._health_not_done_params(cutoff),
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _health_claim_batch(self, batch_size, cutoff, candidates=None):
        """Lock the next due customers (of ``candidates`` if given); rows
        another worker holds are skipped, not waited for."""
        self.env["res.partner"].flush_model()
        self.env["customer.health.snapshot"].flush_model()
        among = f"AND p.id = ANY({BATCH_IDS})" if candidates is not None else ""
        self.env.cr.execute(
            f"""
            SELECT p.id FROM res_partner p
             WHERE {self._health_customer_where("p")} AND {self._health_not_done("p")}
               {among}
             ORDER BY p.id
             LIMIT %(limit)s
               FOR UPDATE OF p SKIP LOCKED
            """,
            {
                **self._health_not_done_params(cutoff),
                "ids": candidates,
                "limit": batch_size,
            },
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _health_not_done(self, alias):
        """SQL: the customer has no snapshot this week written since the cutoff."""
        return f"""NOT EXISTS (
            SELECT 1 FROM customer_health_snapshot done
             WHERE done.partner_id = {alias}.id AND done.date = %(week)s
               AND done.computed_at >= %(cutoff)s)"""

    @api.model
    def _health_not_done_params(self, cutoff):
        # the week the scores are stored under (the company's, as in _health_score)
        return {"week": _monday_of(company_today(self.env.company)), "cutoff": cutoff}

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
        """Score the commercial partners of ``self`` (contacts roll up to
        their company)."""
        self._health_accounts()._health_score_accounts()

    def _health_score_accounts(self, prepared=None):
        """Score ``self``, commercial partners, in one pass: one query per
        metric for the whole set, one for the partners' previous state, one
        for history, one upsert of the week's snapshots, one update of the
        partners. Transitions (entering red, a sharp drop) open proactive-care
        activities, once.

        :param prepared: {model id: (Scorer, Transition)} kept by the cron
            from one batch to the next, so each model is read once per run
        """
        if not self:
            return
        with _gc_paused():
            alerts, moves = self._health_score({} if prepared is None else prepared)
        # Records share one prefetch set: one query for all of them, not one each.
        if alerts:
            alerted = self.browse([partner_id for partner_id, _reason in alerts])
            self._health_open_care_activities(
                list(zip(alerted, dict(alerts).values(), strict=True))
            )
        if moves:
            moved = self.browse(list(moves))
            self._c360_apply_health_status(dict(zip(moved, moves.values(), strict=True)))

    def _health_score(self, prepared):
        """Score and store ``self`` (``prepared``: see ``_health_score_accounts``).

        :return: (alerts [(partner id, "red" or "drop")], status moves
            {partner id: new health state})
        """
        now = fields.Datetime.now()
        # weeks start on the company's Monday: at 01:30 in Shanghai it is Monday already
        today = company_today(self.env.company, now)
        week = _monday_of(today)
        health_models = self.env["customer.health.model"].sudo().search([])
        previous = self._health_previous()
        chosen = health_models._select_for(previous)
        used = {}
        for model in set(chosen.values()):
            if model.id not in prepared:
                scorer = Scorer(model._scoring_components() if model else [])
                prepared[model.id] = (scorer, Transition(model, today))
            used[model] = prepared[model.id]
        codes = {code for scorer, _transition in used.values() for code in scorer.metrics}
        raw = compute_metrics(self.env, codes, self.ids, now)
        # per model: its scorer, its transition rules, its metrics' values
        plans = {
            model: (scorer, transition, [raw.get(code, {}) for code in scorer.metrics])
            for model, (scorer, transition) in used.items()
        }
        history = self._health_history(health_models, week, today)
        changed, snapshots, details, alerts, moves = [], [], [], [], {}
        for partner_id in self.ids:
            model, before = chosen[partner_id], previous[partner_id]
            scorer, transition, sources = plans[model]
            new_score, coverage, cap, knockouts, lines = scorer.evaluate(
                [values.get(partner_id) for values in sources]
            )
            state, trend, arrow, alerted, alert = transition.apply(
                new_score,
                history.get(partner_id, ()),
                before["state"],
                before["alerted"],
            )
            if alert:
                alerts.append((partner_id, alert))
            if state != (before["state"] or "unknown"):
                moves[partner_id] = state
            row = (model.id or None, new_score, state, coverage, trend, arrow, alerted)
            if row != before["row"]:
                changed.append((partner_id, *row))
            snapshots.append((partner_id, model.id or None, new_score, state, coverage))
            details.append({"lines": lines, "knockouts": knockouts, "cap": cap} if model else None)
        self._health_store(changed, snapshots, details, week, now)
        return alerts, moves

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

    def _health_previous(self):
        """{partner id: what the health engine needs of the partner}, read in
        one query: going through the ORM would load every column of
        ``res_partner`` for a handful of them."""
        self.flush_model()
        self.env.cr.execute(
            f"""
            SELECT p.id, p.company_id, p.lifecycle_stage_id, p.health_state, p.health_alerted,
                   ARRAY(SELECT rel.category_id FROM res_partner_res_partner_category_rel rel
                          WHERE rel.partner_id = p.id),
                   p.health_model_id, p.health_score, p.health_coverage, p.health_trend,
                   p.health_trend_arrow
              FROM res_partner p
             WHERE p.id = ANY({BATCH_IDS})
            """,
            {"ids": self.ids},
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

    def _health_history(self, health_models, week, today):
        """{partner id: [(date, score)]} of the known weekly scores, this
        week's (the previous run) included: enough weeks for the 4-week trend
        and the longest drop window."""
        self.env["customer.health.snapshot"].flush_model()
        days = max([35, *health_models.mapped("drop_alert_days")])
        self.env.cr.execute(
            f"""
            SELECT partner_id, date, score FROM customer_health_snapshot
             WHERE partner_id = ANY({BATCH_IDS}) AND date >= %(since)s AND date <= %(week)s
               AND score IS NOT NULL
             ORDER BY partner_id, date
            """,
            {"ids": self.ids, "since": today - timedelta(days=days), "week": week},
        )
        history = defaultdict(list)
        for partner_id, date, value in self.env.cr.fetchall():
            history[partner_id].append((date, value))
        return history

    def _health_store(self, changed, snapshots, details, week, now):
        """Upsert the week's snapshots; update the partners that changed.
        Rows go as one array per column: psycopg2 quotes arrays in C, where
        a VALUES list would be formatted row by row in Python. The details
        go as one JSON array, encoded in one call and split by PostgreSQL."""
        uid = self.env.uid
        if changed:
            self.flush_model(HEALTH_WRITE_FIELDS)
            self.env.cr.execute(
                """
                UPDATE res_partner p
                   SET health_model_id = v.model_id, health_score = v.score,
                       health_state = v.state, health_coverage = v.coverage,
                       health_trend = v.trend, health_trend_arrow = v.arrow,
                       health_alerted = v.alerted, write_uid = %s, write_date = %s
                  FROM unnest(%s::int[], %s::int[], %s::int[], %s::varchar[], %s::float8[],
                              %s::int[], %s::varchar[], %s::bool[])
                       AS v(id, model_id, score, state, coverage, trend, arrow, alerted)
                 WHERE p.id = v.id
                """,
                [uid, now, *map(list, zip(*changed, strict=True))],
            )
        self.env["customer.health.snapshot"].flush_model()
        self.env.cr.execute(
            """
            INSERT INTO customer_health_snapshot
                   (date, computed_at, partner_id, model_id, score, state, coverage, detail)
            SELECT %s, %s, v.partner_id, v.model_id, v.score, v.state, v.coverage,
                   CASE WHEN json_typeof(v.detail) != 'null' THEN v.detail END
              FROM ROWS FROM (
                       unnest(%s::int[], %s::int[], %s::int[], %s::varchar[], %s::float8[]),
                       json_array_elements(%s::json)
                   ) AS v(partner_id, model_id, score, state, coverage, detail)
            ON CONFLICT (partner_id, date) DO UPDATE
               SET model_id = EXCLUDED.model_id, score = EXCLUDED.score,
                   state = EXCLUDED.state, coverage = EXCLUDED.coverage,
                   detail = EXCLUDED.detail,
                   computed_at = EXCLUDED.computed_at
            """,
            [week, now, *map(list, zip(*snapshots, strict=True)), _to_json(details)],
        )
        self.invalidate_recordset(
            [*HEALTH_WRITE_FIELDS, "health_detail", "health_date", "health_snapshot_ids"]
        )
        self.env["customer.health.snapshot"].invalidate_model()
