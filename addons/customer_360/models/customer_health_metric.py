# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Registry of the raw measures a health component can use.

Each metric is a plain function ``metric(env, partner_ids, now)`` taking the
ids of commercial partners and returning ``{partner_id: value}``; a partner
missing from the result has no value (the component's missing-value policy
decides). Metrics are set-based: one SQL aggregate for the whole batch,
whatever its size, so a recompute costs the same number of queries for 5 or
500 customers. Nothing is ever evaluated from user input: a component only
names a registered code.

Add a metric from another module with::

    from odoo.addons.customer_360.models.customer_health_metric import register

    @register("my_code", _lt("My label"), models=("my.model",))
    def _metric_my_code(env, partner_ids, now): ...

Metrics reading the same rows name a ``source``: it runs once per batch and
each of them gets its rows as a fourth argument. In SQL, match the batch with
``= ANY({BATCH_IDS})`` and pass ``{"ids": partner_ids}`` (see ``BATCH_IDS``).
"""

from collections import namedtuple
from datetime import timedelta

from odoo.tools.translate import LazyTranslate

from odoo.addons.crm_full.tools.local_dates import company_today, company_tz

_lt = LazyTranslate(__name__)

Metric = namedtuple("Metric", "code label function models source")

METRICS = {}

# Weight of an open ticket by priority (Low, Normal, High, Urgent): an urgent
# ticket weighs as much as four normal ones.
TICKET_PRIORITY_WEIGHTS = {"0": 0.5, "1": 1.0, "2": 2.0, "3": 4.0}

# Numeric value of the manual CSM sentiment selection.
SENTIMENT_VALUES = {"poor": 1.0, "neutral": 2.0, "good": 3.0}


def register(code, label, models=(), source=None):
    """Register ``function`` as metric ``code``; ``models`` must all be
    installed for the metric to be available (optional sources)."""

    def decorator(function):
        METRICS[code] = Metric(code, label, function, tuple(models), source)
        return function

    return decorator


def metric_selection():
    return [(metric.code, str(metric.label)) for metric in METRICS.values()]


def is_available(env, code):
    metric = METRICS.get(code)
    return bool(metric) and all(model in env for model in metric.models)


def compute_metrics(env, codes, partner_ids, now):
    """:return: {code: {partner_id: value}} for the available ``codes``"""
    env["res.partner"].flush_model(["commercial_partner_id"])
    partner_ids = list(partner_ids)
    values, shared = {}, {}
    for code in codes:
        if not is_available(env, code):
            continue
        metric = METRICS[code]
        if metric.source:
            if metric.source not in shared:
                shared[metric.source] = metric.source(env, partner_ids, now)
            values[code] = metric.function(env, partner_ids, now, shared[metric.source])
        else:
            values[code] = metric.function(env, partner_ids, now)
    return values


# The batch's ids in a metric query, as ``= ANY({BATCH_IDS})``: an array the
# planner cannot look into. Given the literal array, PostgreSQL estimates each
# of the 2,000 ids on its own, which took longer than running the cheaper
# metric queries; the plan (index scans per id) stays the same.
BATCH_IDS = "(SELECT %(ids)s::int[])::int[]"


def _fetch(env, query, params):
    env.cr.execute(query, params)
    return env.cr.fetchall()


def _days(delta):
    return delta.total_seconds() / 86400.0


# ------------------------------------------------------------
# Commercial
# ------------------------------------------------------------
def _confirmed_order_days(env, partner_ids, now):
    """Per customer: last order day, median gap between order days, and the
    untaxed amounts of the last 90 days and of the 90 before, in one pass
    over the batch's confirmed orders."""
    env["sale.order"].flush_model(["partner_id", "state", "date_order", "amount_untaxed"])
    return _fetch(
        env,
        f"""
        WITH days AS (
            SELECT p.commercial_partner_id AS pid,
                   ((so.date_order AT TIME ZONE 'UTC') AT TIME ZONE %(tz)s)::date AS day,
                   sum(so.amount_untaxed) FILTER (
                       WHERE so.date_order >= %(mid)s AND so.date_order < %(now)s) AS recent,
                   sum(so.amount_untaxed) FILTER (
                       WHERE so.date_order >= %(start)s AND so.date_order < %(mid)s) AS before
              FROM sale_order so
              JOIN res_partner p ON p.id = so.partner_id
             WHERE so.state = 'sale' AND p.commercial_partner_id = ANY({BATCH_IDS})
             GROUP BY 1, 2
        ), gaps AS (
            SELECT pid, day, recent, before,
                   day - lag(day) OVER (PARTITION BY pid ORDER BY day) AS gap
              FROM days
        )
        SELECT pid, max(day), percentile_cont(0.5) WITHIN GROUP (ORDER BY gap),
               sum(recent), sum(before)
          FROM gaps GROUP BY pid
        """,
        {
            "ids": partner_ids,
            "tz": company_tz(env.company).zone,
            "now": now,
            "mid": now - timedelta(days=90),
            "start": now - timedelta(days=180),
        },
    )


@register(
    "recency_rhythm",
    _lt("Recency vs own order rhythm (last order age / median gap)"),
    source=_confirmed_order_days,
)
def _metric_recency_rhythm(env, partner_ids, now, order_days):
    """Days since the last confirmed order divided by the customer's median
    gap between order days; no value before a second order day."""
    today = company_today(env.company, now)
    return {
        pid: (today - last).days / median
        for pid, last, median, _recent, _before in order_days
        if median
    }


@register(
    "revenue_trend",
    _lt("Revenue trend (last 90 days / previous 90 days)"),
    source=_confirmed_order_days,
)
def _metric_revenue_trend(env, partner_ids, now, order_days):
    """Confirmed order amounts (untaxed) of the last 90 days over the 90
    before; no value without revenue in the previous period."""
    return {
        pid: float(recent or 0) / float(before)
        for pid, _last, _median, recent, before in order_days
        if before
    }


# ------------------------------------------------------------
# Payment
# ------------------------------------------------------------
def _open_receivables(env, partner_ids, now):
    env["account.move"].flush_model(
        [
            "commercial_partner_id",
            "move_type",
            "state",
            "payment_state",
            "amount_residual_signed",
            "invoice_date_due",
        ]
    )
    return _fetch(
        env,
        f"""
        SELECT commercial_partner_id,
               sum(amount_residual_signed),
               sum(amount_residual_signed) FILTER (WHERE invoice_date_due < %(today)s),
               max(%(today)s - invoice_date_due) FILTER (WHERE invoice_date_due < %(today)s)
          FROM account_move
         WHERE move_type = 'out_invoice' AND state = 'posted'
           AND payment_state IN ('not_paid', 'partial')
           AND commercial_partner_id = ANY({BATCH_IDS})
         GROUP BY 1
        """,
        {"ids": partner_ids, "today": company_today(env.company, now)},
    )


@register(
    "overdue_ratio",
    _lt("Overdue ratio (overdue amount / open receivable)"),
    source=_open_receivables,
)
def _metric_overdue_ratio(env, partner_ids, now, receivables):
    """0 for a customer with nothing open: nothing is overdue."""
    values = dict.fromkeys(partner_ids, 0.0)
    for pid, open_amount, overdue, _days_late in receivables:
        if open_amount and open_amount > 0:
            values[pid] = float(overdue or 0) / float(open_amount)
    return values


@register(
    "overdue_days_max", _lt("Days the oldest open invoice is overdue"), source=_open_receivables
)
def _metric_overdue_days_max(env, partner_ids, now, receivables):
    values = dict.fromkeys(partner_ids, 0.0)
    for pid, _open, _overdue, days_late in receivables:
        values[pid] = float(days_late or 0)
    return values


# ------------------------------------------------------------
# Service
# ------------------------------------------------------------
@register("open_tickets_weighted", _lt("Open tickets weighted by priority"))
def _metric_open_tickets_weighted(env, partner_ids, now):
    env["service.desk.ticket"].flush_model(["commercial_partner_id", "is_done", "priority"])
    weights = " ".join(
        f"WHEN '{priority}' THEN {weight}" for priority, weight in TICKET_PRIORITY_WEIGHTS.items()
    )
    values = dict.fromkeys(partner_ids, 0.0)
    rows = _fetch(
        env,
        f"""
        SELECT commercial_partner_id, sum(CASE priority {weights} ELSE 1 END)
          FROM service_desk_ticket
         WHERE active AND NOT coalesce(is_done, false)
           AND commercial_partner_id = ANY({BATCH_IDS})
         GROUP BY 1
        """,
        {"ids": partner_ids},
    )
    values.update((pid, float(total)) for pid, total in rows)
    return values


@register("sla_breaches_90d", _lt("SLA breaches in the last 90 days"))
def _metric_sla_breaches(env, partner_ids, now):
    env["service.desk.sla.status"].flush_model(["ticket_id", "breached", "deadline"])
    env["service.desk.ticket"].flush_model(["commercial_partner_id"])
    values = dict.fromkeys(partner_ids, 0.0)
    rows = _fetch(
        env,
        f"""
        SELECT t.commercial_partner_id, count(*)
          FROM service_desk_sla_status s
          JOIN service_desk_ticket t ON t.id = s.ticket_id
         WHERE s.breached AND s.deadline >= %(since)s
           AND t.commercial_partner_id = ANY({BATCH_IDS})
         GROUP BY 1
        """,
        {"ids": partner_ids, "since": now - timedelta(days=90)},
    )
    values.update((pid, float(count)) for pid, count in rows)
    return values


@register("csat", _lt("CSAT: average ticket rating (1-5) over 180 days"))
def _metric_csat(env, partner_ids, now):
    env["rating.rating"].flush_model(["res_model", "res_id", "rating", "consumed"])
    env["service.desk.ticket"].flush_model(["commercial_partner_id"])
    rows = _fetch(
        env,
        f"""
        SELECT t.commercial_partner_id, avg(r.rating)
          FROM rating_rating r
          JOIN service_desk_ticket t ON t.id = r.res_id
         WHERE r.res_model = 'service.desk.ticket' AND r.consumed AND r.rating > 0
           AND r.write_date >= %(since)s
           AND t.commercial_partner_id = ANY({BATCH_IDS})
         GROUP BY 1
        """,
        {"ids": partner_ids, "since": now - timedelta(days=180)},
    )
    return {pid: float(average) for pid, average in rows}


# ------------------------------------------------------------
# Engagement and sentiment
# ------------------------------------------------------------
@register("days_since_interaction", _lt("Days since the last two-way interaction"))
def _metric_days_since_interaction(env, partner_ids, now):
    """Follow-ups (calls, visits, meetings) and messages written by the
    customer's own contacts; our outgoing mail does not count."""
    env["crm.followup"].flush_model(["partner_id", "date"])
    env["mail.message"].flush_model(["author_id", "message_type", "date"])
    rows = _fetch(
        env,
        f"""
        SELECT pid, max(last) FROM (
            SELECT p.commercial_partner_id AS pid, max(f.date) AS last
              FROM crm_followup f
              JOIN res_partner p ON p.id = f.partner_id
             WHERE p.commercial_partner_id = ANY({BATCH_IDS})
             GROUP BY 1
            UNION ALL
            SELECT p.commercial_partner_id, max(m.date)
              FROM mail_message m
              JOIN res_partner p ON p.id = m.author_id
             WHERE m.message_type IN ('email', 'comment')
               AND p.commercial_partner_id = ANY({BATCH_IDS})
               AND NOT EXISTS (SELECT 1 FROM res_users u
                                WHERE u.partner_id = m.author_id AND NOT u.share)
             GROUP BY 1
        ) interactions
         GROUP BY pid
        """,
        {"ids": partner_ids},
    )
    return {pid: max(_days(now - last), 0.0) for pid, last in rows if last}


@register("nps_latest", _lt("Latest NPS answer (0-10)"), models=("customer.nps.response",))
def _metric_nps_latest(env, partner_ids, now):
    """The account's newest answered NPS response (``partner_id`` is the
    account there); ``customer.nps.response`` comes with the NPS surveys."""
    Response = env["customer.nps.response"]
    if not {"partner_id", "score", "date_answered"} <= set(Response._fields):
        return {}
    Response.flush_model(["partner_id", "score", "date_answered"])
    rows = _fetch(
        env,
        f"""
        SELECT DISTINCT ON (partner_id) partner_id, score
          FROM customer_nps_response
         WHERE partner_id = ANY({BATCH_IDS}) AND date_answered IS NOT NULL
           AND date_answered <= %(now)s
         ORDER BY partner_id, date_answered DESC, id DESC
        """,
        {"ids": partner_ids, "now": now},
    )
    return {pid: float(score) for pid, score in rows}


@register("csm_sentiment", _lt("CSM sentiment (manual, until its expiry)"))
def _metric_csm_sentiment(env, partner_ids, now):
    env["res.partner"].flush_model(["health_csm_sentiment", "health_csm_sentiment_expiry"])
    rows = _fetch(
        env,
        f"""
        SELECT id, health_csm_sentiment FROM res_partner
         WHERE id = ANY({BATCH_IDS}) AND health_csm_sentiment IS NOT NULL
           AND (health_csm_sentiment_expiry IS NULL OR health_csm_sentiment_expiry >= %(today)s)
        """,
        {"ids": partner_ids, "today": company_today(env.company, now)},
    )
    return {pid: SENTIMENT_VALUES[sentiment] for pid, sentiment in rows}


@register("event_count_30d", _lt("External events in the last 30 days"), models=("customer.event",))
def _metric_event_count(env, partner_ids, now):
    """Behaviour events pushed by the web site, app or product (``partner_id``
    is the account there)."""
    Event = env["customer.event"]
    if not {"partner_id", "occurred_at"} <= set(Event._fields):
        return {}
    values = dict.fromkeys(partner_ids, 0.0)
    counts = Event.sudo()._read_group(
        [
            ("partner_id", "in", partner_ids),
            ("occurred_at", ">=", now - timedelta(days=30)),
            ("occurred_at", "<=", now),
        ],
        ["partner_id"],
        ["__count"],
    )
    values.update((partner.id, float(count)) for partner, count in counts)
    return values
