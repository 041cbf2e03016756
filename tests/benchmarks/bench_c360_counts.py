# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# Run by tests/benchmarks/run inside `odoo shell` (``env`` is given).
"""Account figures of a customer list: grouped queries vs one count per customer.

Baseline: the per-record ``search_count`` a naive compute would do (what the
design forbids). Both run on the same data, in the same process, 7 rounds.
"""

import statistics
import time

CUSTOMERS, TICKETS_EACH, ROUNDS = 400, 5, 7

Partner, Ticket = env["res.partner"], env["service.desk.ticket"]  # noqa: F821
accounts = Partner.create([{"name": f"Bench {i}", "is_company": True} for i in range(CUSTOMERS)])
Ticket.create(
    [
        {"name": "Bench", "partner_id": account.id}
        for account in accounts
        for _ in range(TICKETS_EACH)
    ]
)
env.flush_all()  # noqa: F821


def grouped():
    return {partner.id: partner.c360_open_ticket_count for partner in accounts}


def per_record_baseline():
    return {
        partner.id: Ticket.search_count(
            [("commercial_partner_id", "=", partner.id), ("is_done", "=", False)]
        )
        for partner in accounts
    }


def measure(function):
    timings = []
    for _ in range(ROUNDS):
        env.invalidate_all()  # noqa: F821
        start = time.perf_counter()
        result = function()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings), timings, result


ours, our_runs, our_result = measure(grouped)
base, base_runs, base_result = measure(per_record_baseline)
assert our_result == base_result, "both ways must count the same tickets"
print(f"customers={CUSTOMERS} tickets={CUSTOMERS * TICKETS_EACH} rounds={ROUNDS}")
print(f"grouped   median {ours * 1000:8.1f} ms  runs {[round(t * 1000, 1) for t in our_runs]}")
print(f"baseline  median {base * 1000:8.1f} ms  runs {[round(t * 1000, 1) for t in base_runs]}")
print(f"ratio baseline/grouped = {base / ours:.1f}x")
env.cr.rollback()  # noqa: F821
