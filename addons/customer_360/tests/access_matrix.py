# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may do what: the declared access matrix of crm_full, service_desk and customer_360.

Plain data (no Odoo import): test_access_matrix.py measures every cell, and
``python3 access_matrix.py`` prints the README's "Who sees what" table.

Columns are the personas of access_common.py, in this order:

    por  portal customer (a contact of customer a)    fin  finance (account invoicing)
    int  plain internal user                          agt  service agent
    sa   salesperson A (team A)                       smg  service manager
    sb   salesperson B (team B)                       360  Customer 360 user and team B's
    ldr  team A's leader                                   leader (a salesperson too)
    dir  Sales Director                               api  integration API user (360 user only,
                                                       no account of its own)
    gm   General Manager                              sz   salesperson of the second company

A cell is ``-`` (the ACL refuses), ``ok`` (the ACL allows; no labelled records for
this model), or the labels of the fixture records the persona reaches: ``a``
salesperson A's, ``b`` salesperson B's, ``u`` unowned (the pool), ``z`` the second
company's; ``.`` = the ACL allows but none of them. A trailing ``!`` on a create
cell means creating made more customers, leads or orders readable (never declared).
For create, scoped models listed in test_access_matrix.CREATE_FACTORIES give the
labels whose customer, lead or order accepts the new record.
"""

import sys

OUR_ADDONS = ("crm_full", "service_desk", "customer_360")
OPERATIONS = ("read", "write", "create", "unlink")
COLUMNS = "por int sa sb ldr dir gm fin agt smg 360 api sz".split()

# The many2one that ties a record to a labelled customer, lead, order or owner.
SCOPES = {
    "res.partner": "id",
    "crm.lead": "id",
    "sale.order": "id",
    "crm.followup": "lead_id",
    "crm.lifecycle.history": "partner_id",
    "crm.pool.log": "lead_id",
    "crm.payment.plan": "order_id",
    "service.desk.ticket": "partner_id",
    "customer.health.snapshot": "partner_id",
    "customer.care.log": "partner_id",
    "customer.nps.response": "partner_id",
    "customer.event": "partner_id",
    "customer.timeline": "partner_id",
    "customer.churn.risk": "partner_id",
    "customer.repurchase.report": "partner_id",
    "customer.region.report": "partner_id",
    "crm.report.stage.funnel": "lead_id",
    "crm.report.forecast": "lead_id",
    "crm.report.followup.delay": "lead_id",
    "crm.report.lifecycle.funnel": "partner_id",
    "crm.report.leaderboard": "user_id",
    "crm.report.renewal": "order_id",
    "crm.report.activity": "user_id",
}

# fmt: off
#           por int sa  sb  ldr dir gm  fin agt smg 360 api sz
NONE     = "-   -   -   -   -   -   -   -   -   -   -   -   -"
EMPLOYEE = "-   ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok"
SALES    = "-   -   ok  ok  ok  ok  ok  -   -   -   ok  -   ok"
SALES_MG = "-   -   -   -   -   ok  ok  -   -   -   -   -   -"
AGENTS   = "-   -   -   -   -   -   -   -   ok  ok  -   -   -"
SD_MG    = "-   -   -   -   -   -   -   -   -   ok  -   -   -"
C360     = "-   -   -   -   -   -   -   -   -   -   ok  ok  -"
# what a salesperson may reach follows the customer: own, the led team's, the pool
OWNED    = "-   -   au  bu  au  abu abu -   -   -   bu  -   z"
# rows of a report: own, the led team's; managers all
REPORT   = "-   -   a   b   au  abu abu -   -   -   b   -   z"
# 360 data follows the account's owner: own and the led team's (not the pool)
C360_OWN = "-   -   -   -   -   -   -   -   -   -   b   .   -"
# hand-overs (离职交接): sales managers for the sales side, service managers for tickets
HANDOVER = "-   -   -   -   -   ok  ok  -   -   ok  -   -   -"
# fmt: on


def rows(read, write=NONE, create=NONE, unlink=NONE):
    return {"read": read, "write": write, "create": create, "unlink": unlink}


SALES_CONFIG = rows(SALES, SALES_MG, SALES_MG, SALES_MG)
EMPLOYEE_CONFIG = rows(EMPLOYEE, SALES_MG, SALES_MG, SALES_MG)
SD_CONFIG = rows(AGENTS, SD_MG, SD_MG, SD_MG)
C360_CONFIG = rows(C360)
SALES_WIZARD = rows(SALES, SALES, SALES)
C360_LOG = rows(C360_OWN)
SQL_REPORT = rows(REPORT)

# fmt: off
MATRIX = {
    # -- crm_full: business records --------------------------------------------------
    "res.partner": rows(
        read=  "a   abu au  bu  au  abu abu abu abu abu bu  abu z",
        write= OWNED,
        create=OWNED,  # a contact under the customer
    ),
    "crm.lead": rows(OWNED, OWNED, OWNED, unlink="-   -   -   -   -   abu abu -   -   -   -   -   -"),
    "sale.order": rows(
        read=  ".   -   au  bu  au  abu abu abu -   -   bu  -   z",
        write= "-   -   au  bu  au  abu abu abu -   -   bu  -   z",
        create=SALES,
        unlink="-   -   -   -   -   abu abu -   -   -   -   -   -",
    ),
    "sale.order.line": rows(
        read=  "ok  -   ok  ok  ok  ok  ok  ok  -   -   ok  -   ok",
        write= "-   -   ok  ok  ok  ok  ok  ok  -   -   ok  -   ok",
        create=SALES, unlink=SALES,
    ),
    "crm.followup": rows(
        read=  "-   -   a   b   au  abu abu -   -   -   b   -   z",
        write= "-   -   a   b   u   abu abu -   -   -   .   -   z",
        # a pool lead takes follow-ups (a call before claiming); it moves no reclaim clock
        create="-   -   au  bu  au  abu abu -   -   -   bu  -   z",
        unlink="-   -   -   -   -   abu abu -   -   -   -   -   -",
    ),
    "crm.payment.plan": rows(
        read=  "-   -   au  bu  au  abu abu abu -   -   bu  -   z",
        write=OWNED, create=OWNED, unlink=OWNED,
    ),
    "crm.lifecycle.history": rows(OWNED),  # written by the system only
    "crm.pool.log": rows(OWNED),  # written by the system only
    "crm.export.log": rows(SALES_MG),  # written by the system only; managers read it
    "crm.approval.request": rows(EMPLOYEE),  # record rules: requester, approvers, salesperson
    # record rules: requester, engineer, the lead's salesperson and leaders; managers all
    "crm.presales.request": rows(SALES, SALES, SALES, SALES_MG),
    # -- crm_full: configuration -------------------------------------------------------
    "crm.lifecycle.stage": EMPLOYEE_CONFIG,
    "crm.approval.rule": EMPLOYEE_CONFIG,
    "crm.stage": EMPLOYEE_CONFIG,
    "crm.team": EMPLOYEE_CONFIG,
    "crm.assignment.rule": SALES_CONFIG,
    "crm.payment.plan.template": SALES_CONFIG,
    "crm.payment.plan.template.line": SALES_CONFIG,
    "crm.pool.reclaim.delay": SALES_CONFIG,
    "crm.sales.target": SALES_CONFIG,
    # -- crm_full: wizards ----------------------------------------------------------------
    "crm.approval.decision": rows(EMPLOYEE, EMPLOYEE, EMPLOYEE),
    "crm.assignment.preview": rows(SALES, SALES, create=OWNED),
    "crm.lifecycle.move": rows(SALES_MG, SALES_MG, SALES_MG),
    "crm.pool.release": SALES_WIZARD,
    "crm.handover.wizard": rows(HANDOVER, HANDOVER, HANDOVER),
    # -- crm_full: hand-over audit, written by the wizard as the system ----------------
    "crm.handover": rows(HANDOVER),
    "crm.handover.line": rows(HANDOVER),
    # -- crm_full: SQL-view reports ----------------------------------------------------
    "crm.report.stage.funnel": SQL_REPORT,
    "crm.report.forecast": SQL_REPORT,
    "crm.report.followup.delay": SQL_REPORT,
    "crm.report.lifecycle.funnel": rows(
        read=  "-   -   a   b   a   abu abu -   -   -   b   -   z",  # the u customer has no salesperson
    ),
    # one row per contract; the fixture's orders carry no contract term: no rows
    "crm.report.renewal": rows(
        read=  "-   -   .   .   .   .   .   -   -   -   .   -   .",
    ),
    "crm.report.leaderboard": rows(  # the fixture wins nothing: no rows
        read=  "-   -   .   .   .   .   .   -   -   -   .   -   .",
    ),
    # -- service_desk ----------------------------------------------------------------------
    "service.desk.ticket": rows(
        read=  "a   -   -   -   -   -   -   -   abu abu -   -   -",
        write= "-   -   -   -   -   -   -   -   abu abu -   -   -",
        create="-   -   -   -   -   -   -   -   abu abu -   -   -",
        unlink="-   -   -   -   -   -   -   -   -   abu -   -   -",
    ),
    "service.desk.category": rows(
        read=  "ok  -   -   -   -   -   -   -   ok  ok  -   -   -", write=SD_MG, create=SD_MG, unlink=SD_MG,
    ),
    "service.desk.stage": rows(
        read=  "ok  -   -   -   -   -   -   -   ok  ok  -   -   -", write=SD_MG, create=SD_MG, unlink=SD_MG,
    ),
    "service.desk.team": SD_CONFIG,
    "service.desk.tag": SD_CONFIG,
    "service.desk.routing.rule": SD_CONFIG,
    "service.desk.sla.policy": SD_CONFIG,
    "service.desk.sla.target": SD_CONFIG,
    "service.desk.sla.escalation": SD_CONFIG,
    "service.desk.sla.status": rows(AGENTS),  # the SLA engine's clocks and log
    "service.desk.sla.event": rows(AGENTS),
    "service.desk.ces.response": SD_CONFIG,
    "service.desk.sla.replan": rows(SD_MG, SD_MG, SD_MG, SD_MG),
    "service.desk.sla.replan.line": rows(SD_MG, SD_MG, SD_MG, SD_MG),
    "service.desk.cn.holiday.load": rows(SD_MG, SD_MG, SD_MG, SD_MG),  # and Settings admins
    "service.desk.ticket.report": rows(AGENTS),
    "service.desk.term": rows(AGENTS),  # written by the indexing cron only
    # -- customer_360 ------------------------------------------------------------------------
    "customer.health.model": C360_CONFIG,
    "customer.health.component": C360_CONFIG,
    "customer.health.band": C360_CONFIG,
    "customer.care.rule": C360_CONFIG,
    "customer.nps.survey": rows(C360, C360, C360),
    "customer.health.snapshot": C360_LOG,
    "customer.care.log": C360_LOG,
    "customer.timeline": C360_LOG,
    # events are pushed for every customer one may read (the pool's too), read back
    # only for one's own and the led team's accounts
    "customer.event": rows(C360_OWN, create="-   -   -   -   -   -   -   -   -   -   bu  abu -"),
    "customer.nps.response": rows(C360_OWN),  # created by Send, as the system
    "customer.churn.risk": rows(
        read=  "-   -   -   -   -   -   -   -   -   -   .   .   -",  # no rows for the fixture
    ),
    "customer.repurchase.report": rows(
        read=  "-   -   -   -   -   -   -   -   -   -   .   .   -",
    ),
    "customer.region.report": rows(
        read=  "-   -   -   -   -   -   -   -   -   -   b   .   -",
    ),
    # -- Odoo models our addons extend: Odoo's own rights ----------------------------------
    "account.move": rows(
        read=  "ok  -   ok  ok  ok  ok  ok  ok  -   -   ok  -   ok",
        write= "-   -   -   -   -   -   -   ok  -   -   -   -   -",
        create="-   -   -   -   -   -   -   ok  -   -   -   -   -",
        unlink="-   -   -   -   -   -   -   ok  -   -   -   -   -",
    ),
    "ir.attachment": rows(EMPLOYEE, EMPLOYEE, EMPLOYEE, EMPLOYEE),
    "crm.report.activity": rows(  # own rows, the led team's; managers all of their company
        read=  "-   -   a   b   a   ab  ab  -   -   -   b   -   z",
    ),
    # crm_full batches the lifecycle moves of a conversion: Odoo's own rights on the wizard
    "crm.lead2opportunity.partner": SALES_WIZARD,
    "res.company": rows("ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok"),
    "res.config.settings": rows(NONE),
    # crm_full's role presets (_default_groups): Odoo's own rights on users
    "res.users": rows("ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok"),
    "resource.calendar": rows(EMPLOYEE),
    "resource.calendar.attendance": rows(EMPLOYEE),
    "resource.calendar.leaves": rows(EMPLOYEE, EMPLOYEE, EMPLOYEE, EMPLOYEE),
}
# fmt: on

# Figures only some may read or total: ``ok`` = read_group works and totals only
# what the persona may read; ``-`` = refused (ACL, or the field's groups=).
# fmt: off
#                                   por int sa  sb  ldr dir gm  fin agt smg 360 api sz
ORDERS   =                         "ok  -   ok  ok  ok  ok  ok  ok  -   -   ok  -   ok"
AGGREGATES = {
    ("res.partner", "health_score"):  C360,
    ("res.partner", "health_state"):  C360,
    ("res.partner", "clv_historic"):  C360,
    ("res.partner", "clv_predicted"): C360,
    ("res.partner", "p_alive"):       C360,
    ("res.partner", "rfm_segment"):   C360,
    ("crm.lead", "expected_revenue"): SALES,
    ("sale.order", "amount_total"):   ORDERS,
    ("crm.payment.plan", "amount"):   "-   -   ok  ok  ok  ok  ok  ok  -   -   ok  -   ok",
    ("crm.report.forecast", "weighted_amount"):    SALES,
    ("crm.report.leaderboard", "won_amount"):      SALES,
    ("crm.report.renewal", "expiring_amount"):     SALES,
    ("customer.timeline", "amount"):               C360,
    ("customer.repurchase.report", "amount"):      C360,
    ("customer.region.report", "revenue"):         C360,
    ("customer.churn.risk", "clv_historic"):       C360,
}
# fmt: on

# The "Who sees what" table of the README: business records, read / write.
README_MODELS = {
    "res.partner": "Customers",
    "crm.lead": "Leads, opportunities",
    "sale.order": "Sale orders",
    "crm.followup": "Follow-ups",
    "crm.payment.plan": "Payment plans",
    "crm.lifecycle.history": "Lifecycle history",
    "crm.pool.log": "Pool log",
    "crm.report.forecast": "Sales reports (funnel, forecast…)",
    "service.desk.ticket": "Tickets",
    "customer.timeline": "360 timeline",
    "customer.health.snapshot": "Health snapshots",
    "customer.care.log": "Care log",
    "customer.nps.response": "NPS responses",
    "customer.event": "External events",
}
README_BEGIN = (
    "<!-- access-matrix:begin (generated by addons/customer_360/tests/access_matrix.py) -->"
)
README_END = "<!-- access-matrix:end -->"


def row(cells):
    return " ".join(f"{cell:<4}" for cell in cells).rstrip()


def readme_block():
    """The README table: read / write per persona on each kind of business record."""
    lines = [
        README_BEGIN,
        "| Records | " + " | ".join(COLUMNS) + " |",
        "|---|" + "---|" * len(COLUMNS),
    ]
    for model, title in README_MODELS.items():
        reads = MATRIX[model]["read"].split()
        writes = MATRIX[model]["write"].split()
        cells = [
            read if write in ("-", ".") else f"{read} ✎" if write == read else f"{read} ✎{write}"
            for read, write in zip(reads, writes, strict=True)
        ]
        lines.append(f"| {title} | " + " | ".join(cells) + " |")
    lines.append(README_END)
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(readme_block() + "\n")
