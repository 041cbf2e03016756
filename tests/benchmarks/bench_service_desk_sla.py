# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# Run by tests/benchmarks/run inside `odoo shell` (``env`` is given).
"""SLA engine: ticket creation with clocks, stage changes, breach cron (issue 6).

Figures per ticket (ms and queries) for batches of growing size under 3
policies, then one breach-cron run with the same number of due clocks while
open tickets grow 10x. Goals: queries per ticket fall as the batch grows; the
breach run does not grow with open tickets. The OCA helpdesk_mgmt_sla
comparison of the issue is not automated here yet.
"""

import os
import time
from datetime import timedelta
from unittest.mock import patch

from odoo import Command, fields

SIZES = tuple(int(s) for s in os.environ.get("SLA_BENCH_SIZES", "10,100,1000").split(","))
DUE, OPEN = 500, (2000, 20000)

cr = env.cr  # noqa: F821
Ticket, Policy = env["service.desk.ticket"], env["service.desk.sla.policy"]  # noqa: F821
Status = env["service.desk.sla.status"]  # noqa: F821
calendar = env.company.resource_calendar_id  # noqa: F821
team = env["service.desk.team"].create({"name": "Bench", "resource_calendar_id": calendar.id})  # noqa: F821
waiting = env.ref("service_desk.stage_waiting_customer")  # noqa: F821
in_progress = env.ref("service_desk.stage_in_progress")  # noqa: F821
for seq, priority, hours in ((1, "3", 2), (2, "2", 4), (3, False, 8)):
    Policy.create(
        {
            "name": f"Bench {seq}",
            "sequence": seq,
            "priority": priority,
            "target_ids": [
                Command.create({"metric": "first_reply", "hours": 1}),
                Command.create({"metric": "resolution", "hours": hours}),
            ],
        }
    )
cr.commit()  # throwaway database: each measure below rolls back to this setup


def measure(label, count, function):
    env.flush_all()  # noqa: F821
    env.invalidate_all()  # noqa: F821
    queries, start = cr.sql_log_count, time.perf_counter()
    result = function()
    env.flush_all()  # noqa: F821
    elapsed, queries = time.perf_counter() - start, cr.sql_log_count - queries
    print(
        f"{label:<28} n={count:<6} {elapsed * 1000 / count:7.2f} ms/ticket "
        f"{queries / count:7.2f} queries/ticket"
    )
    return result


def new_tickets(count):
    return Ticket.create(
        [
            {"name": f"B{i}", "team_id": team.id, "priority": str(i % 4), "channel": "email"}
            for i in range(count)
        ]
    )


for size in SIZES:
    tickets = measure("create (one batch)", size, lambda size=size: new_tickets(size))
    measure("stage -> waiting (pause)", size, lambda t=tickets: t.write({"stage_id": waiting.id}))
    measure("stage -> in progress", size, lambda t=tickets: t.write({"stage_id": in_progress.id}))
    cr.rollback()

for open_count in OPEN:
    new_tickets(open_count)
    due = new_tickets(DUE)
    env.flush_all()  # noqa: F821
    later = fields.Datetime.now() + timedelta(hours=3)
    cr.execute(
        "UPDATE service_desk_sla_status SET deadline = now() at time zone 'utc' - interval '1 minute'"
        " WHERE ticket_id = ANY(%s) AND metric = 'resolution'",
        [due.ids],
    )
    env.invalidate_all()  # noqa: F821
    with patch.object(fields.Datetime, "now", lambda later=later: later):
        queries, start = cr.sql_log_count, time.perf_counter()
        Status._cron_sla_breach(batch_size=DUE)
        elapsed, queries = time.perf_counter() - start, cr.sql_log_count - queries
    print(
        f"breach run: open={open_count + DUE:<6} due={DUE} {elapsed * 1000:8.1f} ms {queries} queries"
    )
    cr.rollback()
