# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# Run by tests/benchmarks/run inside `odoo shell` (``env`` is given).
"""Lead assignment rules against Odoo's own team assignment (issue 5).

20,000 new leads (CRM_ASSIGN_BENCH_LEADS=2000 for a quick run) spread over 10
provinces; 10 rules (one per province, 5 salespeople each, round-robin) give
them to 50 salespeople. The same leads are then reset and handed out by Odoo's
``crm.team._action_assign_leads`` with 10 teams whose team and member assignment
domains and quotas make the same split. Prints both times, query counts, the
figures per lead and the ratio. Goals: >= 10x faster, < 0.1 query per lead.
"""

import os
import statistics
import time
from collections import Counter

from odoo import Command

LEADS = int(os.environ.get("CRM_ASSIGN_BENCH_LEADS", "20000"))
RULES, PER_RULE, ROUNDS = 10, 5, 3
RUN = int(time.time())  # unique logins if run twice on one database

cr = env.cr  # noqa: F821
env = env(context={"default_user_id": False, "tracking_disable": True})  # noqa: F821
env.company.pool_new_leads = False  # leads stay unowned and out of the pool for both engines
env["crm.assignment.rule"].search([]).active = False
states = env["res.country.state"].search([("country_id.code", "=", "CN")], order="id", limit=RULES)
salesman = env.ref("crm_full.crm_full_group_user")
users = env["res.users"].create(
    [
        {
            "name": f"Bench Sales {i}",
            "login": f"bench_sales_{RUN}_{i}",
            "groups_id": [Command.link(salesman.id)],
        }
        for i in range(RULES * PER_RULE)
    ]
)
teams = env["crm.team"]
rules = env["crm.assignment.rule"]
quota = 30 * (LEADS // (RULES * PER_RULE) + 1)  # Odoo's daily quota is assignment_max / 30
for i, state in enumerate(states):
    domain = repr([("state_id", "=", state.id)])
    members = users[i * PER_RULE : (i + 1) * PER_RULE]
    team = env["crm.team"].create(
        {"name": f"Bench team {state.code}", "use_leads": True, "assignment_domain": domain}
    )
    env["crm.team.member"].create(
        [
            {
                "crm_team_id": team.id,
                "user_id": user.id,
                "assignment_max": quota,
                "assignment_domain": domain,
            }
            for user in members
        ]
    )
    teams |= team
    rules |= env["crm.assignment.rule"].create(
        {
            "name": f"Bench rule {state.code}",
            "sequence": i,
            "domain": domain,
            "team_id": team.id,
            "member_ids": [Command.set(members.ids)],
        }
    )
leads = (
    env["crm.lead"]
    .with_context(crm_full_no_rule_assignment=True, mail_create_nolog=True)
    .create(
        [
            {"name": f"Bench lead {i}", "type": "lead", "state_id": states[i % RULES].id}
            for i in range(LEADS)
        ]
    )
)
cr.commit()  # throwaway database; Odoo's run commits by itself anyway


def reset():
    """Back to new, unowned leads, as created."""
    env.flush_all()
    cr.execute(
        """UPDATE crm_lead SET user_id = NULL, team_id = NULL, date_open = NULL,
                  assignment_rule_id = NULL, type = 'lead'
            WHERE id = ANY(%s)""",
        [leads.ids],
    )
    cr.execute(
        "DELETE FROM mail_followers WHERE res_model = 'crm.lead' AND res_id = ANY(%s)", [leads.ids]
    )
    cr.execute("UPDATE crm_assignment_rule SET last_user_id = NULL WHERE id = ANY(%s)", [rules.ids])
    cr.commit()
    env.invalidate_all()


def split():
    env.invalidate_all()
    cr.execute(
        "SELECT user_id, count(*) FROM crm_lead WHERE id = ANY(%s) GROUP BY user_id", [leads.ids]
    )
    return Counter(dict(cr.fetchall()))


def measure(function):
    env.flush_all()
    env.invalidate_all()
    queries, start = cr.sql_log_count, time.perf_counter()
    function()
    env.flush_all()
    return time.perf_counter() - start, cr.sql_log_count - queries


ours = []
for _round in range(ROUNDS):
    reset()
    ours.append(measure(lambda: env["crm.lead"].browse(leads.ids)._assignment_apply()))
    cr.commit()
ours_split = split()
assert None not in ours_split, "every lead is assigned by the rules"

reset()
odoo_time, odoo_queries = measure(
    lambda: teams._action_assign_leads(force_quota=True, creation_delta_days=0)
)
cr.commit()
odoo_split = split()

ours_time = statistics.median(t for t, _q in ours)
ours_queries = statistics.median(q for _t, q in ours)
print(
    f"{LEADS} leads, {RULES} rules, {RULES * PER_RULE} salespeople; same split: {ours_split == odoo_split}"
)
for label, seconds, queries in (
    (f"rules (median of {ROUNDS})", ours_time, ours_queries),
    ("Odoo _action_assign_leads", odoo_time, odoo_queries),
):
    print(
        f"{label:<28} {seconds:8.2f} s {queries:8.0f} queries "
        f"{seconds * 1000 / LEADS:7.3f} ms/lead {queries / LEADS:7.3f} queries/lead"
    )
print(
    f"ratio: {odoo_time / ours_time:.1f}x faster, {odoo_queries / max(ours_queries, 1):.0f}x fewer queries"
)
