# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A page of the timeline at the cost of a page, whatever the history.

Sorting the union of every source, then keeping 80 lines, reads all of an
account's history. A page query instead asks each source for its first
``offset + limit`` lines (the domain and the access rules applied inside), so
that only the union of those is sorted. When the domain names the accounts,
the page walks their partners (each account and its contacts): a source is
then an index range scan on (partner, date, timeline id) per partner that
stops after ``offset + limit`` lines. Sources reached through another record
(done activities, SLA events, ratings) still read the account's records of
that model, not its whole history.

The pager's total comes from the same query: the page asks for one line more
than it shows, and the list view counts up to one page (``count_limit``), so a
long timeline shows "1-80 / 80+" with no COUNT, and the exact total on click.
"""

from odoo import api, models
from odoo.osv import expression
from odoo.tools import SQL, Query, create_index

from .customer_timeline import row_id

# Aliases of the page query's walk over the partners of the accounts.
WALK, ACCOUNT = "timeline_partner", "timeline_account"

# Indexes of the page's range scans, one per source that grows with history:
# (table, kind, partner column, date expression, predicate of the source's
# WHERE clause). Their order is the page's (date, then timeline id), so a scan
# stops after the page's lines even when many share a date.
PAGE_INDEXES = [
    (
        "mail_message",
        "message",
        "res_id",
        "date",
        "model = 'res.partner' AND message_type IN ('comment', 'email')"
        " AND mail_activity_type_id IS NULL",
    ),
    ("crm_followup", "followup", "partner_id", "date", ""),
    ("sale_order", "order", "partner_id", "date_order", "state IN ('sale', 'done')"),
    (
        "account_move",
        "invoice",
        "partner_id",
        "(invoice_date::timestamp)",
        "move_type IN ('out_invoice', 'out_refund') AND state = 'posted'",
    ),
    (
        "account_payment",
        "payment",
        "partner_id",
        "(date::timestamp)",
        "payment_type = 'inbound' AND partner_type = 'customer'"
        " AND state IN ('in_process', 'paid')",
    ),
    ("service_desk_ticket", "ticket", "commercial_partner_id", "create_date", ""),
    ("customer_event", "event", "partner_id", "occurred_at", ""),
]


class CustomerTimeline(models.Model):
    _inherit = "customer.timeline"

    def init(self):
        super().init()
        for table, kind, partner, date, where in PAGE_INDEXES:
            columns = [partner, f"{date} DESC", f"({row_id(None, kind)}) DESC"]
            create_index(self.env.cr, f"customer_timeline_{table}_idx", table, columns, where=where)

    @api.model
    @api.readonly
    def web_search_read(
        self, domain, specification, offset=0, limit=None, order=None, count_limit=None
    ):
        """The list's page, and its length without a COUNT when the page tells it.

        One line more than the page is fetched. If it exists, the total is
        more than ``offset + limit``: when the client asked to count no
        further than that (``count_limit``, one more than the list's
        ``count_limit``), the answer is ``count_limit`` itself, which the
        pager shows as "80+" and lets the user go on to the next page. The
        length is the one Odoo's own count would give; only a client that
        wants a longer count gets a COUNT query.
        """
        if not limit or self.env.context.get("force_search_count"):
            return super().web_search_read(
                domain, specification, offset, limit, order, count_limit=count_limit
            )
        lines = self.search_fetch(
            domain, specification.keys(), offset=offset, limit=limit + 1, order=order
        )
        records = lines[:limit].web_read(specification)
        if not records:
            return {"length": 0, "records": []}
        if len(lines) <= limit:
            length = offset + len(records)
        elif count_limit and count_limit <= offset + limit + 1:
            length = max(count_limit, offset + limit)
        else:
            length = self.search_count(domain, limit=count_limit)
        return {"length": length, "records": records}

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        query = super()._search(domain, offset=offset, limit=limit, order=order)
        plain = Query(self.env, self._table, self._table_sql)
        if (
            not limit
            or query.is_empty()
            # joined to other tables (a sort on a many2one)
            or query.from_clause != plain.from_clause
            # the currency is joined to the page, not to each source's lines
            or '"currency_id"' in query.where_clause.code
        ):
            return query
        return self._page_query(query, self._required_accounts(domain))

    def _page_query(self, query, accounts=None):
        """``query`` (the timeline's page) rewritten to read each source's first lines.

        :param query: the Query built by ``_search``, limited, without joins
        :param accounts: the accounts the domain requires, if known: their
            partners are then walked one by one, each source an index range
            scan of one partner
        :return: a Query with the same conditions, order, offset and limit
        """
        alias = SQL.identifier(self._table)
        where = SQL(" WHERE %s", query.where_clause) if query.where_clause.code else SQL()
        order = SQL(" ORDER BY %s", query.order) if query.order else SQL()
        first = (query.offset or 0) + query.limit

        def first_lines(rows):
            return SQL(
                "(SELECT %(t)s.* FROM (%(rows)s) AS %(t)s%(where)s%(order)s LIMIT %(first)s)",
                t=alias,
                rows=rows,
                where=where,
                order=order,
                first=first,
            )

        if accounts:
            # a contact's rows: its account and the account's company are
            # known from the walk, no lookup per row
            branches = SQL(" UNION ALL ").join(
                first_lines(
                    self._rows(
                        source.query(
                            f"{WALK}.commercial_partner_id" if source.contact else f"{WALK}.id",
                            f" AND {source.partner} = {WALK}.id",
                        ),
                        SQL(f"{ACCOUNT}.company_id" if source.contact else f"{WALK}.company_id"),
                    )
                )
                for source in self._sources()
            )
            table = SQL(
                f"SELECT %(t)s.* FROM res_partner {WALK}"
                f" JOIN res_partner {ACCOUNT} ON {ACCOUNT}.id = {WALK}.commercial_partner_id"
                " CROSS JOIN LATERAL (%(branches)s) AS %(t)s"
                f" WHERE {WALK}.commercial_partner_id IN %(ids)s OR {WALK}.id IN %(ids)s",
                t=alias,
                branches=branches,
                ids=accounts,
            )
        else:
            table = SQL(" UNION ALL ").join(
                first_lines(self._rows(source.query())) for source in self._sources()
            )
        page = Query(self.env, self._table, SQL("(%s)", self._with_currency(table)))
        page.order = query.order
        page.limit = query.limit
        page.offset = query.offset
        return page

    @api.model
    def _required_accounts(self, domain):
        """The account ids every line of ``domain`` must belong to, or None.

        Only a plain conjunction counts: a ``partner_id`` leaf under a "|" or
        a "!" does not bound the result.
        """
        domain = expression.normalize_domain(domain)
        if any(item in (expression.OR_OPERATOR, expression.NOT_OPERATOR) for item in domain):
            return None
        for leaf in domain:
            if not (isinstance(leaf, (list, tuple)) and len(leaf) == 3):
                continue
            name, operator, value = leaf
            if name != "partner_id" or operator not in ("=", "in"):
                continue
            ids = [value] if operator == "=" else value
            if (
                isinstance(ids, (list, tuple))
                and ids
                and all(isinstance(i, int) and not isinstance(i, bool) for i in ids)
            ):
                return tuple(ids)
        return None
