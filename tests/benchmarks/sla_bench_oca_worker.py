# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# Fed to `odoo shell` on the OCA database by bench_service_desk_sla.py (``env`` is given).
"""The OCA helpdesk_mgmt_sla side of the SLA benchmark; prints one RESULT line of JSON.

Three SLAs on one team, split by priority like ours (urgent 2 h, high 4 h, any
other 8 h, to reach "Done"; "Awaiting" is an ignored stage, OCA's pause).
"""

import json
import os
import sys

sys.path.insert(0, os.environ["BENCH_DIR"])

from sla_bench_lib import SLAS, run_scenario, settings, ticket_values

env = env  # noqa: F821  (given by odoo shell)
ref = env.ref
team = env["helpdesk.ticket.team"].create(
    {
        "name": "Bench",
        "use_sla": True,
        "resource_calendar_id": env.company.resource_calendar_id.id,
    }
)
others = [priority for priority, _hours in SLAS if priority]
for priority, hours in SLAS:
    domain = [("priority", "=", priority)] if priority else [("priority", "not in", others)]
    env["helpdesk.sla"].create(
        {
            "name": f"Bench {hours} h",
            "team_ids": [(6, 0, team.ids)],
            "stage_id": ref("helpdesk_mgmt.helpdesk_ticket_stage_done").id,
            "ignore_stage_ids": [(6, 0, ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting").ids)],
            "hours": hours,
            "domain": repr(domain),
        }
    )
env.flush_all()
stages = {
    "in_progress": ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress").id,
    "waiting": ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting").id,
    "done": ref("helpdesk_mgmt.helpdesk_ticket_stage_done").id,
}
scale = settings()
results = run_scenario(
    env,
    "helpdesk.ticket",
    stages,
    lambda index: ticket_values(index, team.id),
    scale["size"],
    scale["single"],
    log=lambda line: print(line, file=sys.stderr, flush=True),
)
sla_rows = env["helpdesk.ticket.sla"].search_count([])
print("RESULT " + json.dumps({"results": results, "sla_rows": sla_rows}), flush=True)
env.cr.rollback()
