# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# Run by tests/benchmarks/run inside `odoo shell` (``env`` is given).
"""Public pool crons over many leads (issue 5): flat query count per batch.

At SIZE / 10 and SIZE leads (BENCH_SIZE or CRM_POOL_BENCH_LEADS, default 100,000),
inserted with SQL: 40% owned and past their reclaim date, 30% owned and due for
the warning, 10% owned and not due, 20% in the pool, unclaimed for two days.
Runs the reclaim cron (warnings, then reclaims) and the leader-reminder cron and
prints time, queries, batches and queries per batch at both sizes (goal: the same
per batch). Baseline, same run, on the small data: the naive per-lead ORM loop
doing the same reclaim (``for lead in leads: if ...: lead.write(...)``).
"""

import math
import os
import time

from odoo import Command, fields

SIZE = int(os.environ.get("CRM_POOL_BENCH_LEADS", os.environ.get("BENCH_SIZE", "100000")))
RECLAIM_BATCH, REMIND_BATCH, SALES = 1000, 500, 20
RUN = int(time.time())

cr = env.cr  # noqa: F821
env = env(context={"tracking_disable": True})  # noqa: F821
company = env.company
company.pool_new_leads = False
salesman = env.ref("crm_full.crm_full_group_user")
users = env["res.users"].create(
    [
        {
            "name": f"Pool Bench {i}",
            "login": f"pool_bench_{RUN}_{i}",
            "groups_id": [Command.link(salesman.id)],
        }
        for i in range(SALES + 1)
    ]
)
leader, sales = users[0], users[1:]
team = env["crm.team"].create(
    {"name": f"Pool bench {RUN}", "user_id": leader.id, "use_leads": True}
)
stage = env["crm.stage"].search([("is_won", "=", False)], limit=1)
cr.commit()


def insert(count):
    """``count`` leads in one INSERT; returns their ids."""
    env.flush_all()
    now = fields.Datetime.now()
    cr.execute(
        """
        INSERT INTO crm_lead (name, type, active, company_id, team_id, stage_id, priority,
                              user_id, date_open, pool_reclaim_date, in_pool, pool_date,
                              pool_reminded, pool_reclaim_warned, create_uid, write_uid,
                              create_date, write_date)
        SELECT 'Pool bench ' || g, 'lead', TRUE, %(company)s, %(team)s, %(stage)s, '1',
               CASE WHEN g %% 10 < 8 THEN (%(sales)s)[1 + g %% %(nsales)s] END,
               CASE WHEN g %% 10 < 8 THEN %(now)s - interval '6 days' END,
               CASE WHEN g %% 10 < 4 THEN %(now)s - interval '1 day'
                    WHEN g %% 10 < 7 THEN %(now)s + interval '1 day'
                    WHEN g %% 10 < 8 THEN %(now)s + interval '20 days' END,
               g %% 10 >= 8,
               CASE WHEN g %% 10 >= 8 THEN %(now)s - interval '2 days' END,
               FALSE, FALSE, 1, 1, %(now)s, %(now)s
          FROM generate_series(1, %(count)s) g
     RETURNING id
        """,
        {
            "company": company.id,
            "team": team.id,
            "stage": stage.id,
            "sales": sales.ids,
            "nsales": len(sales),
            "now": now,
            "count": count,
        },
    )
    ids = [row[0] for row in cr.fetchall()]
    cr.commit()
    env.invalidate_all()
    return ids


def clear(ids):
    cr.execute("DELETE FROM mail_activity WHERE res_model = 'crm.lead' AND res_id = ANY(%s)", [ids])
    cr.execute("DELETE FROM crm_lead WHERE id = ANY(%s)", [ids])
    cr.commit()
    env.invalidate_all()


def measure(function):
    env.flush_all()
    env.invalidate_all()
    queries, start = cr.sql_log_count, time.perf_counter()
    result = function()
    env.flush_all()
    return time.perf_counter() - start, cr.sql_log_count - queries, result


def naive(ids):
    """What a first version would do: browse, test and write lead by lead."""
    now = fields.Datetime.now()
    leads = env["crm.lead"].browse(ids).filtered("user_id")
    done = 0
    for lead in leads:
        if lead.pool_reclaim_date and lead.pool_reclaim_date <= now:
            lead.write(
                {
                    "previous_user_id": lead.user_id.id,
                    "user_id": False,
                    "in_pool": True,
                    "pool_date": now,
                    "pool_reclaim_warned": False,
                }
            )
            done += 1
    return done


Lead = env["crm.lead"]
rows = []
for size in (SIZE // 10, SIZE):
    ids = insert(size)
    owned = size * 8 // 10
    warn_n, reclaim_n, pool_n = size * 3 // 10, size * 4 // 10, size * 2 // 10
    seconds, queries, reclaimed = measure(lambda: Lead._cron_pool_reclaim(batch_size=RECLAIM_BATCH))
    batches = math.ceil(warn_n / RECLAIM_BATCH) + math.ceil(reclaim_n / RECLAIM_BATCH)
    assert len(reclaimed & Lead.browse(ids)) == reclaim_n, (len(reclaimed), reclaim_n)
    rows.append((f"reclaim cron, {size:,} leads ({owned:,} owned)", seconds, queries, batches))
    seconds, queries, reminded = measure(
        lambda: Lead._cron_pool_remind_leaders(batch_size=REMIND_BATCH)
    )
    assert len(reminded & Lead.browse(ids)) == pool_n, (len(reminded), pool_n)
    rows.append(
        (
            f"leader reminder, {size:,} leads ({pool_n:,} pooled)",
            seconds,
            queries,
            math.ceil(pool_n / REMIND_BATCH),
        )
    )
    clear(ids)
    if size == SIZE // 10:
        ids = insert(size)
        seconds, queries, done = measure(lambda ids=ids: naive(ids))
        assert done == reclaim_n
        naive_row = (f"naive ORM loop reclaim, {size:,} leads", seconds, queries, done)
        clear(ids)

print(f"batches of {RECLAIM_BATCH} (reclaim) and {REMIND_BATCH} (reminder); commit per batch")
for label, seconds, queries, batches in rows:
    print(
        f"{label:<46} {seconds:8.2f} s {queries:7d} queries {batches:4d} batches "
        f"{queries / batches:6.1f} queries/batch"
    )
label, seconds, queries, done = naive_row
print(
    f"{label:<46} {seconds:8.2f} s {queries:7d} queries for {done:,} reclaims: "
    f"{queries / done:.2f} queries, {seconds * 1000 / done:.2f} ms per reclaimed lead"
)
ours = rows[0]
ours_reclaims = SIZE // 10 * 4 // 10
print(
    f"reclaim cron vs naive loop at {SIZE // 10:,} leads, per reclaimed lead: "
    f"{ours[1] * 1000 / ours_reclaims:.3f} vs {seconds * 1000 / done:.2f} ms, "
    f"{ours[2] / ours_reclaims:.3f} vs {queries / done:.2f} queries "
    f"(time ratio naive/cron {seconds / done * ours_reclaims / ours[1]:.1f}; the cron also "
    "warns 3,000 owners' leads, logs each move and commits per batch, the loop does not)"
)
