# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# Run by tests/benchmarks/run inside `odoo shell` (``env`` is given).
"""Account figures of a customer list: grouped queries vs one count per customer.

Baseline: the per-record ``search_count`` a naive compute would do (what the
design forbids). Both run on the same data, in the same process, 7 rounds.
Second part (issue 14): the header figures of the 360 view (overdue, SLA
breaches, orders, invoices, last interaction) for the same customers, read
for the whole list at once against the same computes run customer by
customer (no prefetch: one query per figure and customer).
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
product = env["product.product"].create({"name": "Bench widget", "list_price": 100.0})  # noqa: F821
Move = env["account.move"]  # noqa: F821
invoices = Move.create(
    [
        {
            "move_type": "out_invoice",
            "partner_id": account.id,
            "invoice_date": "2026-01-01",
            "invoice_date_due": "2026-01-31",
            "invoice_line_ids": [(0, 0, {"product_id": product.id, "price_unit": 100.0})],
        }
        for account in accounts[: CUSTOMERS // 4]
    ]
)
invoices.action_post()
env.flush_all()  # noqa: F821
HEADER = (
    "c360_amount_overdue",
    "c360_sla_breach_count",
    "c360_order_count",
    "c360_invoice_count",
    "c360_last_interaction",
)


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


def header_grouped():
    return {partner.id: [partner[name] for name in HEADER] for partner in accounts}


def header_per_record():
    return {
        partner.id: [Partner.browse(partner.id)[name] for name in HEADER]
        for partner in (Partner.browse(partner_id) for partner_id in accounts.ids)
    }


def queries(function):
    env.invalidate_all()  # noqa: F821
    before = env.cr.sql_log_count  # noqa: F821
    function()
    return env.cr.sql_log_count - before  # noqa: F821


ours, our_runs, our_result = measure(header_grouped)
base, base_runs, base_result = measure(header_per_record)
assert our_result == base_result, "both ways must read the same header figures"
print(f"360 header figures ({len(HEADER)}) of {CUSTOMERS} customers, {len(invoices)} overdue")
print(
    f"grouped   median {ours * 1000:8.1f} ms  queries {queries(header_grouped)}"
    f"  runs {[round(t * 1000, 1) for t in our_runs]}"
)
print(
    f"per-record median {base * 1000:7.1f} ms  queries {queries(header_per_record)}"
    f"  runs {[round(t * 1000, 1) for t in base_runs]}"
)
print(f"ratio per-record/grouped = {base / ours:.1f}x")
env.cr.rollback()  # noqa: F821
