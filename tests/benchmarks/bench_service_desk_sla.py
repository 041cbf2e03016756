# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# Run by tests/benchmarks/run inside `odoo shell` (``env`` is given).
"""SLA engine against OCA helpdesk_mgmt_sla 18.0, in the same run (issue 6).

1. OCA: helpdesk_mgmt + helpdesk_mgmt_sla are installed from ``$OCA_ADDONS`` into a
   separate database, where a worker (sla_bench_oca_worker.py) creates the tickets
   under 3 SLAs and changes their stages (sla_bench_lib.run_scenario).
2. Ours: the same scenario here, under 3 policies (first reply 1 h + resolution
   2/4/8 h: two clocks per ticket, with event log, warnings and pause).
   Printed side by side with the ratio ours / OCA (below 1: we are cheaper).
3. Ours only: one breach-cron run with size/10 deadlines passed, at size/10 and at
   size open tickets (the query count must stay flat), and queries per ticket as
   one create call grows from 1 to 1,000 tickets.

Scale: ``tests/benchmarks/run bench_service_desk_sla --size 5000`` (default 50,000,
``--quick`` 2,000).
"""

import json
import os
import subprocess
import sys
import time

from odoo import Command
from odoo.tools import config

BENCH_DIR = os.environ.get("BENCH_DIR") or os.path.join(os.getcwd(), "tests", "benchmarks")
sys.path[:0] = [BENCH_DIR, os.path.dirname(BENCH_DIR)]

from odoo_env import db_args, drop_database  # noqa: E402
from sla_bench_lib import (  # noqa: E402
    SLAS,
    Meter,
    median_pair,
    print_table,
    run_scenario,
    settings,
    ticket_values,
)

HOW_TO_GET_OCA = """\
OCA comparison skipped: set OCA_ADDONS to a folder (outside this repository) holding
helpdesk_mgmt and helpdesk_mgmt_sla 18.0, e.g.:
    pip download --no-deps -d /tmp/oca-wheels \\
        'odoo-addon-helpdesk-mgmt>=18.0,<18.1' 'odoo-addon-helpdesk-mgmt-sla>=18.0,<18.1'
    for w in /tmp/oca-wheels/*.whl; do python3 -m zipfile -e "$w" /tmp/oca-unpacked; done
    mv /tmp/oca-unpacked/odoo/addons /work/oca-addons
    OCA_ADDONS=/work/oca-addons tests/benchmarks/run bench_service_desk_sla --quick"""

env = env  # noqa: F821  (given by odoo shell)
cr = env.cr
scale = settings()
SIZE, SINGLE = scale["size"], scale["single"]
DUE = max(SIZE // 10, 1)
GROWTH = tuple(n for n in (1, 10, 100, 1000) if n <= SIZE)
ROUNDS = 3


def log(line):
    print(line, flush=True)


# ----------------------------------------------------------------------------
# 1. OCA, in its own database
# ----------------------------------------------------------------------------
def run_oca():
    oca = os.environ.get("OCA_ADDONS")
    if not oca or not os.path.isdir(os.path.join(oca, "helpdesk_mgmt_sla")):
        log(HOW_TO_GET_OCA)
        return None
    dbname = f"{cr.dbname}_oca"
    common = [
        f"--addons-path={config['addons_path']},{oca}",
        *db_args(),
        f"--database={dbname}",
        "--log-level=warn",
    ]
    odoo = [sys.executable, "-m", "odoo"]
    child_env = {**os.environ, "BENCH_DIR": BENCH_DIR}
    log(f"OCA: installing helpdesk_mgmt_sla into {dbname}")
    try:
        subprocess.run(
            [*odoo, *common, "--init=helpdesk_mgmt_sla", "--without-demo=all", "--stop-after-init"],
            check=True,
            env=child_env,
        )
        with open(os.path.join(BENCH_DIR, "sla_bench_oca_worker.py")) as worker:
            done = subprocess.run(
                [*odoo, "shell", *common, "--no-http"],
                stdin=worker,
                stdout=subprocess.PIPE,
                text=True,
                check=True,
                env=child_env,
            )
    finally:
        drop_database(dbname)
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if not lines:
        raise RuntimeError(f"the OCA worker printed no result:\n{done.stdout[-2000:]}")
    data = json.loads(lines[-1][len("RESULT ") :])
    log(f"OCA: {data['sla_rows']} helpdesk.ticket.sla rows")
    return {label: tuple(pair) for label, pair in data["results"].items()}


started = time.perf_counter()
oca_results = run_oca()
log(f"OCA side took {time.perf_counter() - started:.0f} s")

# ----------------------------------------------------------------------------
# 2. Ours, same scenario
# ----------------------------------------------------------------------------
calendar = env.company.resource_calendar_id
team = env["service.desk.team"].create(
    {"name": "Bench", "resource_calendar_id": calendar.id, "leader_id": env.user.id}
)
for seq, (priority, hours) in enumerate(SLAS, start=1):
    env["service.desk.sla.policy"].create(
        {
            "name": f"Bench {hours} h",
            "sequence": seq,
            "priority": priority or False,
            "team_ids": [Command.set(team.ids)],
            "target_ids": [
                Command.create({"metric": "first_reply", "hours": 1}),
                Command.create({"metric": "resolution", "hours": hours}),
            ],
        }
    )
stages = {
    "in_progress": env.ref("service_desk.stage_in_progress").id,
    "waiting": env.ref("service_desk.stage_waiting_customer").id,
    "done": env.ref("service_desk.stage_solved").id,
}
Status = env["service.desk.sla.status"]
breach_runs = []


def breach_run(tickets):
    """Pass the resolution deadline of the first DUE tickets, run the cron once, undo.

    Twice: the first run warms the caches (templates, activity types), the second counts.
    """
    for _warm in range(2):
        breach_once(tickets)
    breach_runs[-2:] = breach_runs[-1:]


def breach_once(tickets):
    env.flush_all()
    cr.execute("SAVEPOINT bench_breach")
    due = tickets[:DUE]
    cr.execute(
        "UPDATE service_desk_sla_status SET deadline = now() at time zone 'utc' - interval '1 minute'"
        " WHERE ticket_id = ANY(%s) AND metric = 'resolution'",
        [due.ids],
    )
    env.invalidate_all()
    queries, start = cr.sql_log_count, time.perf_counter()
    Status._cron_sla_breach(batch_size=DUE)
    env.flush_all()
    elapsed, queries = time.perf_counter() - start, cr.sql_log_count - queries
    breached = Status.search_count([("ticket_id", "in", due.ids), ("breached", "=", True)])
    breach_runs.append((len(tickets), breached, elapsed * 1000, queries))
    cr.execute("ROLLBACK TO SAVEPOINT bench_breach")
    env.invalidate_all()


started = time.perf_counter()
ours = run_scenario(
    env,
    "service.desk.ticket",
    stages,
    lambda index: {**ticket_values(index, team.id), "channel": "email"},
    SIZE,
    SINGLE,
    checkpoints={DUE: breach_run, SIZE: breach_run},
    log=log,
)
log(f"our side took {time.perf_counter() - started:.0f} s")
clocks = Status.search_count([("ticket_id.team_id", "=", team.id)])
events = env["service.desk.sla.event"].search_count([])
log(f"ours: {clocks} clocks, {events} SLA events")

print(
    f"\nSLA benchmark: {SIZE} tickets + {SINGLE} created one by one, 3 SLAs; "
    "median per ticket; ratio = ours / OCA (below 1: cheaper)"
)
print_table("Ours vs OCA helpdesk_mgmt_sla 18.0" if oca_results else "Ours", ours, oca_results)

# ----------------------------------------------------------------------------
# 3. Ours only: breach run, batch growth
# ----------------------------------------------------------------------------
print(f"\nOne breach-cron run, {DUE} deadlines passed (goal: flat as open tickets grow 10x)")
for open_count, breached, ms, queries in breach_runs:
    print(f"  open={open_count:<7} breached={breached:<6} {ms:9.1f} ms {queries:5d} queries")

print("\nOne create call of n tickets (goal: fewer queries per ticket as n grows)")
meter = Meter(env)
Ticket = env["service.desk.ticket"]
for count in GROWTH:
    samples = []
    for _round in range(ROUNDS):
        env.flush_all()
        cr.execute("SAVEPOINT bench_growth")
        samples.append(
            meter(
                count,
                lambda c=count: Ticket.create(
                    [{**ticket_values(i, team.id), "channel": "email"} for i in range(c)]
                ),
            )[1]
        )
        cr.execute("ROLLBACK TO SAVEPOINT bench_growth")
        env.invalidate_all()
    ms, queries = median_pair(samples)
    print(f"  n={count:<5} {ms:8.2f} ms/ticket {queries:7.2f} queries/ticket")
print(f"(median of {ROUNDS} rounds)")
cr.rollback()
