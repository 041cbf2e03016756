# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# Run by tests/benchmarks/run inside `odoo shell` (``env`` is given).
"""Health recompute of every customer vs the floor: one hand-written SQL.

Data: N customers (default 100,000; ``BENCH_C360_HEALTH_SIZE=10000`` for a
smaller run) with 4 confirmed orders, 3 posted invoices, 2 tickets and 1
follow-up each (10 rows per customer), inserted by SQL by cloning one ORM
record of each kind.

Ours: the recompute cron (claim with FOR UPDATE SKIP LOCKED, metrics, scoring,
snapshot upsert, partner update) in batches, committing each batch as it does
in production. Floor: one SQL statement computing the same raw measures for
all customers at once, nothing stored. Both run on the same data in this
process; the ratio's goal is within 3x, and the queries per batch must not
depend on N.

The recompute is timed in the situations a database meets:

* daily: the usual run (Tuesday to Sunday), this week's snapshots were
  written by yesterday's run and are rewritten;
* monday: the first run of a week, every snapshot is a new row;
* cold: every partner's health reset as well, so each partner row is
  rewritten too;
* first: the very first run (once), every customer gets its first score and
  most change live status in crm_full.

Between two runs the database is vacuumed and checkpointed, as happens in
the hours between two crons; the data is committed (the runner drops the
database).
"""

import os
import statistics
import time
from datetime import timedelta

import psycopg2

from odoo import fields
from odoo.sql_db import connection_info_for

from odoo.addons.customer_360.models.customer_health_metric import compute_metrics

SIZE = int(os.environ.get("BENCH_C360_HEALTH_SIZE", "100000"))
BATCH = int(os.environ.get("BENCH_C360_HEALTH_BATCH", "2000"))
ROUNDS = int(os.environ.get("BENCH_C360_HEALTH_ROUNDS", "2"))
env = env  # noqa: F821  (given by odoo shell)
cr = env.cr
now = fields.Datetime.now()


def columns(table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name"
        " != 'id'",
        [table],
    )
    return [row[0] for row in cr.fetchall()]


def clone(table, template_id, source, overrides):
    """Insert one row per row of ``source`` (aliased ``s``), copying the
    template row and replacing the ``overrides`` columns by SQL expressions."""
    cols = columns(table)
    select = [overrides.get(col, f"t.{col}") for col in cols]
    cr.execute(
        f"INSERT INTO {table} ({', '.join(cols)}) SELECT {', '.join(select)}"
        f" FROM {table} t, ({source}) s WHERE t.id = %s",
        [template_id],
    )
    return cr.rowcount


# ------------------------------------------------------------
# Data
# ------------------------------------------------------------
start = time.perf_counter()
Partner = env["res.partner"]
template = Partner.create({"name": "Bench template", "is_company": True, "customer_rank": 1})
order = env["sale.order"].create({"partner_id": template.id})
invoice = env["account.move"].create({"move_type": "out_invoice", "partner_id": template.id})
ticket = env["service.desk.ticket"].create({"name": "Bench", "partner_id": template.id})
followup = env["crm.followup"].create({"partner_id": template.id, "summary": "Bench"})
env.flush_all()
clone(
    "res_partner",
    template.id,
    f"SELECT generate_series(1, {SIZE}) AS n",
    {"name": "'Bench health ' || s.n", "complete_name": "'Bench health ' || s.n"},
)
cr.execute(
    "UPDATE res_partner SET commercial_partner_id = id WHERE name LIKE 'Bench health %%'"
    " RETURNING id"
)
ids = sorted(row[0] for row in cr.fetchall())
# hashtext gives each row a stable pseudo-random value: same data every run.
rnd = "abs(hashtext(s.pid::text || '-' || s.k::text || '{salt}')) %% {mod}"
BENCH_ROWS = "res_partner p WHERE p.name LIKE 'Bench health %%'"


def per(count):
    return f"SELECT p.id AS pid, k FROM generate_series(1, {count}) k, {BENCH_ROWS}"


rows = clone(
    "sale_order",
    order.id,
    per(4),
    {
        "name": "'SB' || s.pid || '-' || s.k",
        "partner_id": "s.pid",
        "partner_invoice_id": "s.pid",
        "partner_shipping_id": "s.pid",
        "state": "'sale'",
        "date_order": f"'{now}'::timestamp - ({rnd.format(salt='d', mod=400)}) * interval '1 day'",
        "amount_untaxed": rnd.format(salt="a", mod=5000),
        "amount_total": rnd.format(salt="a", mod=5000),
    },
)
rows += clone(
    "account_move",
    invoice.id,
    per(3),
    {
        "name": "'INVB/' || s.pid || '/' || s.k",
        "partner_id": "s.pid",
        "commercial_partner_id": "s.pid",
        "state": "'posted'",
        "payment_state": f"CASE WHEN {rnd.format(salt='p', mod=3)} = 0 THEN 'paid'"
        " ELSE 'not_paid' END",
        "amount_residual_signed": rnd.format(salt="r", mod=3000),
        "amount_total_signed": rnd.format(salt="r", mod=3000),
        "invoice_date_due": f"'{now.date()}'::date - {rnd.format(salt='u', mod=150)} + 30",
    },
)
rows += clone(
    "service_desk_ticket",
    ticket.id,
    per(2),
    {
        "number": "'TB' || s.pid || '-' || s.k",
        "partner_id": "s.pid",
        "commercial_partner_id": "s.pid",
        "priority": f"({rnd.format(salt='q', mod=4)})::text",
        "is_done": f"{rnd.format(salt='o', mod=3)} > 0",
    },
)
rows += clone(
    "crm_followup",
    followup.id,
    per(1),
    {
        "partner_id": "s.pid",
        "date": f"'{now}'::timestamp - ({rnd.format(salt='f', mod=200)}) * interval '1 day'",
    },
)
cr.execute(
    "UPDATE res_partner SET health_csm_sentiment = (ARRAY['good', 'neutral', 'poor'])[1 + id %% 3]"
    " WHERE id %% 5 = 0 AND id = ANY(%s)",
    [ids],
)
env.invalidate_all()
cr.commit()  # throwaway database: runs commit per batch, as in production


def vacuum():
    """What autovacuum and the checkpointer do in the hours between two
    daily runs (outside a transaction): a run then neither waits on the
    previous run's dead rows nor on its checkpoint."""
    connection = psycopg2.connect(**connection_info_for(cr.dbname)[1])
    connection.autocommit = True
    with connection.cursor() as maintenance_cr:
        maintenance_cr.execute("VACUUM ANALYZE")
        maintenance_cr.execute("CHECKPOINT")
    connection.close()


vacuum()
print(
    f"customers={SIZE} rows={rows} (orders, invoices, tickets, follow-ups) "
    f"inserted in {time.perf_counter() - start:.1f} s"
)

# ------------------------------------------------------------
# Floor: the same raw measures in one statement
# ------------------------------------------------------------
# Each CTE is MATERIALIZED: computed once over the whole table, as one would
# write it by hand; inlined, the planner may re-run an aggregate per customer.
FLOOR_SQL = """
WITH c AS MATERIALIZED (SELECT unnest(%(ids)s::int[]) AS pid),
days AS MATERIALIZED (
    SELECT p.commercial_partner_id AS pid, so.date_order::date AS day
      FROM sale_order so JOIN res_partner p ON p.id = so.partner_id
     WHERE so.state = 'sale' GROUP BY 1, 2),
rhythm AS MATERIALIZED (
    SELECT pid, max(day) AS last, percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS median
      FROM (SELECT pid, day, day - lag(day) OVER (PARTITION BY pid ORDER BY day) AS gap
              FROM days) g GROUP BY pid),
revenue AS MATERIALIZED (
    SELECT p.commercial_partner_id AS pid,
           sum(so.amount_untaxed) FILTER (WHERE so.date_order >= %(mid)s) AS recent,
           sum(so.amount_untaxed) FILTER (WHERE so.date_order < %(mid)s) AS before
      FROM sale_order so JOIN res_partner p ON p.id = so.partner_id
     WHERE so.state = 'sale' AND so.date_order >= %(start)s AND so.date_order < %(now)s
     GROUP BY 1),
ar AS MATERIALIZED (
    SELECT commercial_partner_id AS pid, sum(amount_residual_signed) AS open,
           sum(amount_residual_signed) FILTER (WHERE invoice_date_due < %(today)s) AS overdue,
           max(%(today)s - invoice_date_due) FILTER (WHERE invoice_date_due < %(today)s) AS late
      FROM account_move
     WHERE move_type = 'out_invoice' AND state = 'posted'
       AND payment_state IN ('not_paid', 'partial')
     GROUP BY 1),
tickets AS MATERIALIZED (
    SELECT commercial_partner_id AS pid,
           sum(CASE priority WHEN '0' THEN 0.5 WHEN '1' THEN 1 WHEN '2' THEN 2 WHEN '3' THEN 4
               ELSE 1 END) AS weighted
      FROM service_desk_ticket WHERE active AND NOT coalesce(is_done, false) GROUP BY 1),
breaches AS MATERIALIZED (
    SELECT t.commercial_partner_id AS pid, count(*) AS n
      FROM service_desk_sla_status s JOIN service_desk_ticket t ON t.id = s.ticket_id
     WHERE s.breached AND s.deadline >= %(since90)s GROUP BY 1),
csat AS MATERIALIZED (
    SELECT t.commercial_partner_id AS pid, avg(r.rating) AS average
      FROM rating_rating r JOIN service_desk_ticket t ON t.id = r.res_id
     WHERE r.res_model = 'service.desk.ticket' AND r.consumed AND r.rating > 0
       AND r.write_date >= %(since180)s GROUP BY 1),
touch AS MATERIALIZED (
    SELECT pid, max(last) AS last FROM (
        SELECT p.commercial_partner_id AS pid, max(f.date) AS last
          FROM crm_followup f JOIN res_partner p ON p.id = f.partner_id GROUP BY 1
        UNION ALL
        SELECT p.commercial_partner_id, max(m.date)
          FROM mail_message m JOIN res_partner p ON p.id = m.author_id
         WHERE m.message_type IN ('email', 'comment')
           AND NOT EXISTS (SELECT 1 FROM res_users u
                            WHERE u.partner_id = m.author_id AND NOT u.share)
         GROUP BY 1) i GROUP BY pid)
SELECT c.pid,
       CASE WHEN rhythm.median > 0 THEN (%(today)s - rhythm.last) / rhythm.median END,
       CASE WHEN revenue.before > 0 THEN coalesce(revenue.recent, 0) / revenue.before END,
       CASE WHEN ar.open > 0 THEN coalesce(ar.overdue, 0) / ar.open ELSE 0 END,
       coalesce(ar.late, 0),
       coalesce(tickets.weighted, 0),
       coalesce(breaches.n, 0),
       csat.average,
       extract(epoch FROM %(now)s - touch.last) / 86400,
       CASE WHEN rp.health_csm_sentiment_expiry IS NULL
              OR rp.health_csm_sentiment_expiry >= %(today)s
            THEN rp.health_csm_sentiment END
  FROM c
  JOIN res_partner rp ON rp.id = c.pid
  LEFT JOIN rhythm ON rhythm.pid = c.pid
  LEFT JOIN revenue ON revenue.pid = c.pid
  LEFT JOIN ar ON ar.pid = c.pid
  LEFT JOIN tickets ON tickets.pid = c.pid
  LEFT JOIN breaches ON breaches.pid = c.pid
  LEFT JOIN csat ON csat.pid = c.pid
  LEFT JOIN touch ON touch.pid = c.pid
"""
FLOOR_PARAMS = {
    "ids": ids,
    "now": now,
    "today": now.date(),
    "mid": now - timedelta(days=90),
    "start": now - timedelta(days=180),
    "since90": now - timedelta(days=90),
    "since180": now - timedelta(days=180),
}


def floor():
    cr.execute(FLOOR_SQL, FLOOR_PARAMS)
    return cr.fetchall()


def ours(kind):
    """Recompute everybody, ``kind`` being one of the situations of the
    module docstring."""
    if kind == "daily":
        cr.execute(
            "UPDATE customer_health_snapshot SET computed_at = computed_at - interval '1 day'"
            " WHERE partner_id = ANY(%s)",
            [ids],
        )
    if kind == "cold":
        cr.execute(
            "UPDATE res_partner SET health_state = NULL, health_score = NULL,"
            " health_model_id = NULL WHERE id = ANY(%s)",
            [ids],
        )
    if kind in ("monday", "cold"):
        cr.execute("DELETE FROM customer_health_snapshot WHERE partner_id = ANY(%s)", [ids])
    cr.commit()
    vacuum()
    env.invalidate_all()
    before = cr.sql_log_count
    start = time.perf_counter()
    done = Partner._cron_health_recompute(batch_size=BATCH)
    elapsed = time.perf_counter() - start
    return elapsed, cr.sql_log_count - before, done


# Same raw measures both ways (a sample: the floor is the reference).
CHECKED = [
    "recency_rhythm",
    "revenue_trend",
    "overdue_ratio",
    "overdue_days_max",
    "open_tickets_weighted",
]
sample = ids[:300]
floor_rows = {row[0]: row for row in floor() if row[0] in set(sample)}
metrics = compute_metrics(env, CHECKED, sample, now)
for pid in sample:
    for index, code in enumerate(CHECKED, start=1):
        got, want = metrics[code].get(pid), floor_rows[pid][index]
        same = (got is None and want is None) or abs(float(got) - float(want)) < 1e-6
        assert same, (pid, code, got, want)
print("raw measures: ours == floor on a 300-customer sample")

PROFILE = os.environ.get("BENCH_C360_HEALTH_PROFILE")  # "first", "daily", "monday" or "cold"


def profiled(function, *args):
    """Run ``function`` under cProfile and print where its time goes."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    result = profiler.runcall(function, *args)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
    return result


floor_runs = []
for _ in range(ROUNDS + 1):
    start = time.perf_counter()
    floor()
    floor_runs.append(time.perf_counter() - start)
# The first computation ever: every customer gets its first score and most of
# them change live status in crm_full (a one-time cost, shown apart).
first = profiled(ours, "first") if PROFILE == "first" else ours("first")
runs = {"daily": [], "monday": [], "cold": []}
queries = {}
for _ in range(ROUNDS):
    for kind, timings in runs.items():
        elapsed, queries[kind], done = ours(kind)
        timings.append(elapsed)
        assert done >= SIZE, done
batches = -(-done // BATCH)
cr.execute(
    "SELECT health_state, count(*) FROM res_partner WHERE id = ANY(%s) GROUP BY 1 ORDER BY 1",
    [ids],
)
print(f"bands: {dict(cr.fetchall())}")
floor_median = statistics.median(floor_runs)
print(f"floor (1 SQL)      median {floor_median:8.2f} s  runs {[round(t, 2) for t in floor_runs]}")
print(
    f"first run          once   {first[0]:8.2f} s  ratio {first[0] / floor_median:.2f}x;"
    f" queries {first[1]}, {first[1] / batches:.1f} per batch"
)
for kind, timings in runs.items():
    median = statistics.median(timings)
    print(
        f"recompute {kind:<7}  median {median:8.2f} s  runs {[round(t, 2) for t in timings]}"
        f"  {median / done * 1e6:.0f} µs per customer, ratio {median / floor_median:.2f}x"
        f" (goal <= 3x); queries {queries[kind]}, {queries[kind] / batches:.1f} per batch"
    )
print(f"customers {done}, batch {BATCH}, {batches} batches")
print(
    "daily: this week's snapshots rewritten; monday: new snapshot rows;"
    " cold: every partner row rewritten as well"
)
if PROFILE in runs:
    profiled(ours, PROFILE)
