# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# Run by tests/benchmarks/run inside `odoo shell` (``env`` is given).
"""The 360 view of a small and a big account: queries flat, time ratio, Odoo's form beside.

What the web client does when it opens the view: ``web_read`` of the form with
the field spec of its arch (from ``get_views``), and ``web_search_read`` of the
first timeline page with the list view's fields. The chatter's own RPCs are
left out. Baseline: Odoo's partner form (``base.view_partner_form``) read the
same way for the same customers. History (orders, invoices, messages,
follow-ups, tickets, events) is one ORM record per kind cloned in SQL.
"""

import statistics
import time

from lxml import etree

from odoo import fields
from odoo.tools import SQL

SMALL, BIG, ROUNDS, PAGE = 10, 10_000, 7, 80
KINDS = ("sale_order", "account_move", "mail_message", "crm_followup", "service_desk_ticket")
KINDS += ("customer_event",)
# Columns a clone must not share with its template (unique indexes), and its
# date, one minute older per copy, so that each page mixes every kind.
EARLIER = "t.{} - g * interval '1 minute'"
CLONE_COLUMNS = {
    "sale_order": {"name": "t.name || '-' || g", "date_order": EARLIER.format("date_order")},
    "account_move": {"name": "t.name || '-' || g", "invoice_date": EARLIER.format("invoice_date")},
    "service_desk_ticket": {
        "number": "t.number || '-' || g",
        "create_date": EARLIER.format("create_date"),
    },
    "customer_event": {
        "external_id": "t.external_id || '-' || g",
        "occurred_at": EARLIER.format("occurred_at"),
    },
    "mail_message": {"message_id": "t.message_id || '-' || g", "date": EARLIER.format("date")},
    "crm_followup": {"date": EARLIER.format("date")},
}

admin_env = env(user=env.ref("base.user_admin"), su=False)  # noqa: F821
Partner = admin_env["res.partner"]
product = env["product.product"].create({"name": "Bench widget", "list_price": 100.0})  # noqa: F821


def templates(account):
    """One record of each kind for ``account``, through the ORM."""
    order = env["sale.order"].create(  # noqa: F821
        {"partner_id": account.id, "order_line": [(0, 0, {"product_id": product.id})]}
    )
    order.action_confirm()
    invoice = env["account.move"].create(  # noqa: F821
        {
            "move_type": "out_invoice",
            "partner_id": account.id,
            "invoice_line_ids": [(0, 0, {"product_id": product.id, "price_unit": 100.0})],
        }
    )
    invoice.action_post()
    message = account.message_post(body="Bench call", message_type="comment")
    followup = env["crm.followup"].create({"partner_id": account.id, "summary": "Bench visit"})  # noqa: F821
    ticket = env["service.desk.ticket"].create({"name": "Bench issue", "partner_id": account.id})  # noqa: F821
    event = env["customer.event"].create(  # noqa: F821
        {"partner_id": account.id, "source": "app", "external_id": f"b{account.id}"}
        | {"event_type": "login", "occurred_at": fields.Datetime.now()}
    )
    return dict(zip(KINDS, (order, invoice, message, followup, ticket, event), strict=True))


def clone(table, template_id, copies):
    """``copies`` rows like the template, in one INSERT … SELECT."""
    if copies <= 0:
        return
    cr = env.cr  # noqa: F821
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s"
        " AND column_name <> 'id' AND is_generated = 'NEVER'",
        [table],
    )
    columns = [row[0] for row in cr.fetchall()]
    overrides = CLONE_COLUMNS.get(table, {})
    values = [overrides.get(column, f"t.{column}") for column in columns]
    cr.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(values)}"
        f" FROM {table} t, generate_series(1, %s) g WHERE t.id = %s",
        [copies, template_id],
    )


def customer(name, history):
    account = env["res.partner"].create({"name": name, "is_company": True})  # noqa: F821
    records = templates(account)
    env.flush_all()  # noqa: F821  (computed columns of the templates, before cloning)
    base, extra = divmod(history, len(KINDS))
    for rank, (kind, record) in enumerate(records.items()):
        clone(kind, record.id, base + (rank < extra) - 1)
    env.flush_all()  # noqa: F821
    # Statistics as autovacuum leaves them after a bulk load: without them the
    # planner sees the tables as empty as at install (the clones are not yet
    # committed) and reads the big account's lines by bitmap scans and a sort.
    for table in (*KINDS, "res_partner"):
        env.cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))  # noqa: F821
    env.invalidate_all()  # noqa: F821
    return account


def spec_of(arch, fields):
    """The web client's field spec of a form or list arch (top-level fields)."""
    spec = {"display_name": {}}
    root = etree.fromstring(arch)
    for node in root.iter("field"):
        if any(parent.tag == "field" for parent in node.iterancestors()):
            continue
        name, field_type = node.get("name"), fields[node.get("name")]["type"]
        if field_type in ("many2one", "many2one_reference"):
            spec[name] = {"fields": {"display_name": {}}} if field_type == "many2one" else {}
        elif field_type in ("one2many", "many2many"):
            subfields = {sub.get("name"): {} for sub in node.iter("field") if sub is not node}
            spec[name] = {"fields": subfields or {"display_name": {}}, "limit": 40}
        else:
            spec[name] = {}
    return spec


def view_spec(model, xmlid, view_type):
    views = admin_env[model].get_views([(admin_env.ref(xmlid).id, view_type)])
    return spec_of(views["views"][view_type]["arch"], views["models"][model]["fields"])


c360_spec = view_spec("res.partner", "customer_360.res_partner_view_form_c360", "form")
odoo_spec = view_spec("res.partner", "base.view_partner_form", "form")
page_spec = view_spec("customer.timeline", "customer_360.customer_timeline_view_list", "list")
Timeline = admin_env["customer.timeline"]
# count_limit as the web client sends it: max(the list's count_limit or
# DEFAULT_COUNT_LIMIT, offset + limit) + 1 (relational_model.js)
list_arch = admin_env.ref("customer_360.customer_timeline_view_list").arch
COUNT_LIMIT = max(int(etree.fromstring(list_arch).get("count_limit") or 10_000), PAGE) + 1


def open_c360_form(account):
    return Partner.browse(account.id).web_read(c360_spec)


def open_c360_page(account):
    return Timeline.web_search_read(
        [("partner_id", "=", account.id)],
        page_spec,
        limit=PAGE,
        order="date desc, id desc",
        count_limit=COUNT_LIMIT,
    )


def explain_page(account):
    """Planning and execution ms, and buffers, of the page query (median of ROUNDS)."""
    query = Timeline._search(
        [("partner_id", "=", account.id)], limit=PAGE + 1, order="date desc, id desc"
    )
    plans = []
    for _ in range(ROUNDS):
        env.cr.execute(SQL("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) %s", query.select()))  # noqa: F821
        plans.append(env.cr.fetchone()[0][0])  # noqa: F821
    root = plans[-1]["Plan"]
    return (
        statistics.median(plan["Planning Time"] for plan in plans),
        statistics.median(plan["Execution Time"] for plan in plans),
        root["Shared Hit Blocks"] + root["Shared Read Blocks"],
    )


def open_odoo_form(account):
    return Partner.browse(account.id).web_read(odoo_spec)


def measure(function, account):
    function(account)  # warm up access rights, rules and view caches
    timings, queries = [], []
    for _ in range(ROUNDS):
        admin_env.invalidate_all()
        before = admin_env.cr.sql_log_count
        start = time.perf_counter()
        result = function(account)
        timings.append(time.perf_counter() - start)
        queries.append(admin_env.cr.sql_log_count - before)
    # a cache refilled now and then adds a query to one round: report the usual count
    if len(set(queries)) > 1:
        print(f"  {function.__name__}({account.name}): queries per round {queries}")
    return statistics.median(timings), statistics.mode(queries), result


small, big = customer("Bench Small Co", SMALL), customer("Bench Big Co", BIG)
PARTS = (
    ("360 form", open_c360_form),
    ("timeline p1", open_c360_page),
    ("Odoo form", open_odoo_form),
)
rows = {name: [measure(function, account) for account in (small, big)] for name, function in PARTS}
for label, (_, _, page) in zip(("10", "10k"), rows["timeline p1"], strict=True):
    print(
        f"customer {label:>3}: timeline length {page['length']}, first page {len(page['records'])}"
    )
print(
    f"{'':12}{'queries 10':>11}{'queries 10k':>12}{'median 10':>12}{'median 10k':>12}{'ratio':>7}"
)
for name, ((t_small, q_small, _), (t_big, q_big, _)) in rows.items():
    print(
        f"{name:12}{q_small:>11}{q_big:>12}{t_small * 1000:>10.1f}ms{t_big * 1000:>10.1f}ms"
        f"{t_big / t_small:>6.1f}x"
    )
(t_small, q_small), (t_big, q_big) = (
    (
        sum(rows[name][i][0] for name in ("360 form", "timeline p1")),
        sum(rows[name][i][1] for name in ("360 form", "timeline p1")),
    )
    for i in (0, 1)
)
print(
    f"{'360 view':12}{q_small:>11}{q_big:>12}{t_small * 1000:>10.1f}ms{t_big * 1000:>10.1f}ms"
    f"{t_big / t_small:>6.1f}x"
)
for label, account in (("10", small), ("10k", big)):
    planning, execution, buffers = explain_page(account)
    print(
        f"page query {label:>3}: EXPLAIN ANALYZE planning {planning:.1f} ms,"
        f" execution {execution:.1f} ms, {buffers} buffers"
    )
assert rows["360 form"][0][1] == rows["360 form"][1][1], "the 360 form must cost the same queries"
# The pager's length comes with the page (one line more fetched, the list
# counting no further than a page): no COUNT for a long timeline either.
middle = customer("Bench Middle Co", 100)
t_middle, q_middle, _ = measure(open_c360_page, middle)
t_big = rows["timeline p1"][1][0]
print(
    f"timeline p1 at 100 lines (a full page too): {q_middle} queries, {t_middle * 1000:.1f}ms;"
    f" 10k/100 {t_big / t_middle:.1f}x"
)
assert rows["timeline p1"][0][1] == rows["timeline p1"][1][1] == q_middle, "page must stay flat"
assert rows["timeline p1"][1][2]["length"] == COUNT_LIMIT, "the pager must offer the next page"
env.cr.rollback()  # noqa: F821
