# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# Run by tests/benchmarks/run inside `odoo shell` (``env`` is given).
"""Hand-over of a leaving salesperson's book (issue 17): flat queries per batch.

SIZE open leads (BENCH_SIZE or CRM_HANDOVER_BENCH_LEADS, default 20,000) on SIZE / 10
customers, all owned by one salesperson, inserted with SQL. Our hand-over
(``crm.handover._handover_run``: one write per kind and new owner) gives them to two
colleagues, round-robin, and back, REPEAT times each way; at SIZE / 10 and SIZE, to
show the queries per 1,000 records stay the same. Baseline, same run, same data:
Odoo's per-record loop, ``for record in records: record.write({"user_id": heir})``,
on customers and leads. Prints the medians and the ratio.
"""

import os
import statistics
import time

from odoo import Command, fields

SIZE = int(os.environ.get("CRM_HANDOVER_BENCH_LEADS", os.environ.get("BENCH_SIZE", "20000")))
REPEAT = 3
# the per-record loop takes minutes at 20,000: CRM_HANDOVER_BENCH_BASE_REPEAT=1 for one round
BASE_REPEAT = int(os.environ.get("CRM_HANDOVER_BENCH_BASE_REPEAT", REPEAT))
RUN = int(time.time())

cr = env.cr  # noqa: F821
env = env(context={"tracking_disable": False})  # noqa: F821
env.company.pool_new_leads = False
salesman = env.ref("crm_full.crm_full_group_user")
leaver, heir_a, heir_b = env["res.users"].create(
    [
        {
            "name": f"Handover Bench {i}",
            "login": f"ho_bench_{RUN}_{i}",
            "groups_id": [Command.link(salesman.id)],
        }
        for i in range(3)
    ]
)
stage = env["crm.stage"].search([("is_won", "=", False)], limit=1)
cr.commit()


def insert(count):
    """``count`` leads (one INSERT) on ``count // 10`` customers (the ORM) of the leaver."""
    env.flush_all()
    now = fields.Datetime.now()
    # customers through the ORM (many required columns), leads with SQL
    partners = (
        env["res.partner"]
        .with_context(tracking_disable=True)
        .create(
            [
                {"name": f"HO bench {RUN} {i}", "is_company": True, "user_id": leaver.id}
                for i in range(max(count // 10, 1))
            ]
        )
        .ids
    )
    env.flush_all()
    cr.execute(
        """
        INSERT INTO crm_lead (name, type, active, company_id, stage_id, priority, user_id,
                              partner_id, in_pool, create_uid, write_uid, create_date, write_date)
        SELECT 'HO bench ' || g, 'opportunity', TRUE, %(company)s, %(stage)s, '1', %(user)s,
               (%(partners)s)[1 + g %% %(npartners)s], FALSE, 1, 1, %(now)s, %(now)s
          FROM generate_series(1, %(count)s) g
     RETURNING id
        """,
        {
            "company": env.company.id,
            "stage": stage.id,
            "user": leaver.id,
            "partners": partners,
            "npartners": len(partners),
            "now": now,
            "count": count,
        },
    )
    leads = [row[0] for row in cr.fetchall()]
    cr.commit()
    env.invalidate_all()
    return partners, leads


def clear(partners, leads):
    cr.execute("DELETE FROM crm_lead WHERE id = ANY(%s)", [leads])
    env.invalidate_all()
    env["res.partner"].browse(partners).unlink()
    cr.commit()
    env.invalidate_all()


def measure(function):
    env.flush_all()
    env.invalidate_all()
    queries, start = cr.sql_log_count, time.perf_counter()
    function()
    env.flush_all()
    seconds = time.perf_counter() - start
    cr.rollback()  # each run starts from the same book
    env.invalidate_all()
    return seconds, cr.sql_log_count - queries


def ours():
    env["crm.handover"]._handover_run(leaver, heir_a | heir_b)


def naive(partners, leads):
    """Odoo's own way, record by record, as a list view's mass edit loops."""
    heirs = [heir_a.id, heir_b.id]
    for index, partner in enumerate(env["res.partner"].browse(partners)):
        partner.write({"user_id": heirs[index % 2]})
    for index, lead in enumerate(env["crm.lead"].browse(leads)):
        lead.write({"user_id": heirs[index % 2]})


results = {}
for size in (SIZE // 10, SIZE):
    partners, leads = insert(size)
    records = len(partners) + len(leads)
    runs = [measure(ours) for _ in range(REPEAT)]
    results[size] = (records, runs)
    if size == SIZE:
        base = [measure(lambda p=partners, ids=leads: naive(p, ids)) for _ in range(BASE_REPEAT)]
    clear(partners, leads)

print(f"hand-over of one salesperson's book to two colleagues, round-robin, {REPEAT} runs each")
for size, (records, runs) in results.items():
    seconds = statistics.median(run[0] for run in runs)
    queries = statistics.median(run[1] for run in runs)
    print(
        f"ours, {size:>7,} leads + {size // 10:>6,} customers: median {seconds:8.2f} s "
        f"{queries:8.0f} queries, {queries * 1000 / records:6.1f} queries per 1,000 records"
    )
ours_s = statistics.median(run[0] for run in results[SIZE][1])
ours_q = statistics.median(run[1] for run in results[SIZE][1])
base_s = statistics.median(run[0] for run in base)
base_q = statistics.median(run[1] for run in base)
records = results[SIZE][0]
print(
    f"Odoo per-record write loop, same {records:,} records: median {base_s:8.2f} s "
    f"{base_q:8.0f} queries, {base_q * 1000 / records:6.1f} queries per 1,000 records"
)
print(
    f"ratio (loop / ours) at {SIZE:,} leads: time {base_s / ours_s:.1f}x, queries "
    f"{base_q / max(ours_q, 1):.1f}x (ours also moves follow-ups, quotations and to-dos, "
    "keeps an audit record and sends one digest per new owner)"
)
