# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from typing import NamedTuple

from odoo import fields, models, tools
from odoo.tools import SQL

KINDS = [
    ("message", "Message"),
    ("followup", "Follow-up"),
    ("lead", "Lead"),
    ("order", "Sales Order"),
    ("invoice", "Invoice"),
    ("payment", "Payment"),
    ("ticket", "Ticket"),
    ("activity", "Activity Done"),
    ("sla", "SLA Event"),
    ("rating", "Rating"),
    ("nps", "NPS Answer"),
    ("event", "External Event"),
    ("handover", "Implementation Hand-off"),
]

# Row ids are ``source id * ID_FACTOR + rank of the kind``: unique across the
# union, stable between queries (unlike row_number()) and still exact in a
# JavaScript number for source ids up to 2**53 / 100.
ID_FACTOR = 100
RANK = {kind: rank for rank, (kind, _label) in enumerate(KINDS, 1)}


def row_id(alias, kind):
    """SQL of the timeline id of a ``kind`` row of table ``alias`` (None: unqualified)."""
    return f"{alias + '.' if alias else ''}id::bigint * {ID_FACTOR} + {RANK[kind]}"


# Records that carry done activities, with the path to their customer.
ACTIVITY_RECORDS = [
    # (model, table, partner column or None when the record is the partner)
    ("res.partner", "res_partner", None),
    ("crm.lead", "crm_lead", "partner_id"),
    ("sale.order", "sale_order", "partner_id"),
    ("service.desk.ticket", "service_desk_ticket", "partner_id"),
]
# SLA clock transitions worth a line: the others (activate, pause…) are noise.
SLA_EVENTS = ("fulfil", "warn", "escalate", "breach")
# The columns of every source, in this order; then the customer account.
SOURCE_COLUMNS = "id, date, kind, name, res_model, res_id, user_id, company_id, amount"


class TimelineSource(NamedTuple):
    """One source of the timeline: ``SELECT <select>, <account> FROM <tables> WHERE <where>``.

    ``select`` lists SOURCE_COLUMNS; ``params`` fill the ``%s`` of ``select``
    then ``where``. ``partner`` is the column holding the row's partner: a
    contact of the account when ``contact`` is true (the account is its
    commercial partner), the account itself otherwise.
    """

    select: str
    tables: str
    where: str
    partner: str
    contact: bool = True
    params: tuple = ()

    def query(self, account=None, extra_where=""):
        """The SELECT; ``account`` (an SQL expression) spares the partner lookup."""
        tables = self.tables
        if account is None and self.contact:
            tables = f"{tables} JOIN res_partner p ON p.id = {self.partner}"
            account = "p.commercial_partner_id"
        return SQL(
            f"SELECT {self.select}, {account or self.partner} FROM {tables}"
            f" WHERE {self.where}{extra_where}",
            *self.params,
        )


class CustomerTimeline(models.Model):
    """Every interaction with a customer account, in one chronological list.

    A read-only query (``_table_query``), not a stored view: one SELECT per
    source, each keyed by the commercial partner, glued with UNION ALL.
    Labels (SLA events, ratings, activity types) are in the reader's
    language. A page of one account costs a bounded number of rows per source
    whatever the amount of history: see customer_timeline_page.py.
    """

    _name = "customer.timeline"
    _description = "Customer Timeline"
    _auto = False
    _order = "date desc, id desc"

    partner_id = fields.Many2one("res.partner", "Customer Account", readonly=True)
    date = fields.Datetime(readonly=True)
    kind = fields.Selection(KINDS, readonly=True)
    name = fields.Char("Summary", readonly=True)
    res_model = fields.Char("Source Model", readonly=True)
    res_id = fields.Many2oneReference("Source Record", model_field="res_model", readonly=True)
    user_id = fields.Many2one("res.users", "User", readonly=True)
    company_id = fields.Many2one("res.company", "Company", readonly=True)
    currency_id = fields.Many2one("res.currency", "Currency", readonly=True)
    amount = fields.Monetary(readonly=True, currency_field="currency_id")
    partner_company_id = fields.Many2one(
        "res.company", "Customer's Company", readonly=True, help="Empty: a shared customer."
    )

    # Fields of the record rules: fetched with every page, so that the access
    # check of the page reads them from the cache instead of querying again.
    _RULE_FIELDS = ("company_id", "partner_company_id")

    @property
    def _table_query(self):
        union = SQL("\nUNION ALL\n").join(source.query() for source in self._sources())
        return self._with_currency(self._rows(union))

    def _rows(self, sources, partner_company=None):
        """The timeline's columns but the currency over ``sources`` (one SELECT or a union).

        :param partner_company: SQL expression of the account's company, when
            the caller knows it; by default it is read from the account
        """
        return SQL(
            """
            SELECT e.id, e.partner_id, e.date, e.kind, e.name, e.res_model, e.res_id,
                   e.user_id, e.company_id, e.amount, %s AS partner_company_id
              FROM (%s) e (%s, partner_id)
              %s
            """,
            partner_company or SQL("cp.company_id"),
            sources,
            SQL(SOURCE_COLUMNS),
            SQL() if partner_company else SQL("LEFT JOIN res_partner cp ON cp.id = e.partner_id"),
        )

    def _with_currency(self, rows):
        """``rows`` and their currency, the company's: joined once over a union."""
        return SQL(
            "SELECT r.*, c.currency_id FROM (%s) r LEFT JOIN res_company c ON c.id = r.company_id",
            rows,
        )

    def init(self):
        # the timeline was a stored view before it followed the reader's language
        tools.drop_view_if_exists(self.env.cr, self._table)

    def _sources(self):
        """The TimelineSource of each kind. Override to add one."""
        return [
            self._source_message(),
            self._source_followup(),
            self._source_lead(),
            self._source_order(),
            self._source_invoice(),
            self._source_payment(),
            self._source_ticket(),
            *(self._source_activity(*record) for record in ACTIVITY_RECORDS),
            self._source_sla_event(),
            self._source_rating(),
            self._source_nps(),
            self._source_event(),
            self._source_handover(),
        ]

    def _source_message(self):
        select = f"""
            {row_id("m", "message")}, m.date, 'message',
            COALESCE(NULLIF(m.subject, ''),
                     LEFT(regexp_replace(m.body, '<[^>]*>', ' ', 'g'), 200)),
            'res.partner', m.res_id,
            (SELECT u.id FROM res_users u
              WHERE u.partner_id = m.author_id ORDER BY u.id LIMIT 1),
            NULL::integer, NULL::numeric"""
        where = """m.model = 'res.partner' AND m.message_type IN ('comment', 'email')
               AND m.mail_activity_type_id IS NULL"""
        return TimelineSource(select, "mail_message m", where, "m.res_id")

    def _source_followup(self):
        select = f"""
            {row_id("f", "followup")}, f.date, 'followup', f.summary, 'crm.followup',
            f.id, f.user_id, f.company_id, NULL::numeric"""
        return TimelineSource(select, "crm_followup f", "TRUE", "f.partner_id")

    def _source_lead(self):
        select = f"""
            {row_id("l", "lead")}, l.create_date, 'lead', l.name, 'crm.lead',
            l.id, l.user_id, l.company_id, NULL::numeric"""
        return TimelineSource(select, "crm_lead l", "TRUE", "l.partner_id")

    def _source_order(self):
        select = f"""
            {row_id("s", "order")}, s.date_order, 'order', s.name, 'sale.order',
            s.id, s.user_id, s.company_id,
            s.amount_total / CASE COALESCE(s.currency_rate, 0)
                             WHEN 0 THEN 1.0 ELSE s.currency_rate END"""
        where = "s.state IN ('sale', 'done')"
        return TimelineSource(select, "sale_order s", where, "s.partner_id")

    def _source_invoice(self):
        select = f"""
            {row_id("am", "invoice")}, am.invoice_date::timestamp, 'invoice',
            am.name, 'account.move', am.id, am.invoice_user_id, am.company_id,
            am.amount_total_signed"""
        where = "am.move_type IN ('out_invoice', 'out_refund') AND am.state = 'posted'"
        return TimelineSource(select, "account_move am", where, "am.partner_id")

    def _source_payment(self):
        select = f"""
            {row_id("ap", "payment")}, ap.date::timestamp, 'payment', ap.name,
            'account.payment', ap.id, ap.create_uid, ap.company_id,
            ap.amount_company_currency_signed"""
        # Odoo 18 payments: "posted" is in_process (not yet matched) or paid.
        where = """ap.payment_type = 'inbound' AND ap.partner_type = 'customer'
               AND ap.state IN ('in_process', 'paid')"""
        return TimelineSource(select, "account_payment ap", where, "ap.partner_id")

    def _source_ticket(self):
        select = f"""
            {row_id("t", "ticket")}, t.create_date, 'ticket',
            CONCAT_WS(' ', NULLIF(t.number, '/'), t.name), 'service.desk.ticket',
            t.id, t.user_id, t.company_id, NULL::numeric"""
        where = "t.commercial_partner_id IS NOT NULL"
        return TimelineSource(
            select, "service_desk_ticket t", where, "t.commercial_partner_id", contact=False
        )

    def _source_activity(self, model, table, partner_column):
        """Activities marked done on the customer or on one of its records."""
        tables = "mail_message m JOIN mail_activity_type at ON at.id = m.mail_activity_type_id"
        if partner_column:
            tables += f" JOIN {table} r ON r.id = m.res_id"
            partner, company = f"r.{partner_column}", "r.company_id"
        else:
            partner = "m.res_id"
            company = "(SELECT rp.company_id FROM res_partner rp WHERE rp.id = m.res_id)"
        select = f"""
            {row_id("m", "activity")}, m.date, 'activity',
            CONCAT_WS(': ', COALESCE(at.name->>%s, at.name->>'en_US'), NULLIF(
                LEFT(TRIM(regexp_replace(m.body, '<[^>]*>', ' ', 'g')), 200), '')),
            m.model, m.res_id,
            (SELECT u.id FROM res_users u
              WHERE u.partner_id = m.author_id ORDER BY u.id LIMIT 1),
            {company}, NULL::numeric"""
        params = (self.env.lang or "en_US", model)
        return TimelineSource(select, tables, "m.model = %s", partner, params=params)

    def _sla_event_labels(self):
        return {
            "fulfil": self.env._("SLA met"),
            "warn": self.env._("SLA warning"),
            "escalate": self.env._("SLA escalated"),
            "breach": self.env._("SLA breached"),
        }

    def _source_sla_event(self):
        labels = self._sla_event_labels()
        cases = SQL(" ").join(SQL("WHEN %s THEN %s", code, labels[code]) for code in SLA_EVENTS)
        select = f"""
            {row_id("e", "sla")}, e.date, 'sla',
            CONCAT(CASE e.event_type %s END, ': ',
                   CONCAT_WS(' ', NULLIF(t.number, '/'), t.name)),
            'service.desk.ticket', t.id, t.user_id, t.company_id, NULL::numeric"""
        tables = "service_desk_sla_event e JOIN service_desk_ticket t ON t.id = e.ticket_id"
        where = "t.commercial_partner_id IS NOT NULL AND e.event_type IN %s"
        return TimelineSource(
            select, tables, where, "t.commercial_partner_id", False, (cases, SLA_EVENTS)
        )

    def _source_rating(self):
        select = f"""
            {row_id("r", "rating")}, r.write_date, 'rating',
            CONCAT_WS(': ', CONCAT(REPLACE(%s, %s, r.rating::integer::text), ' ',
                                   CONCAT_WS(' ', NULLIF(t.number, '/'), t.name)),
                      NULLIF(r.feedback, '')),
            'service.desk.ticket', t.id, t.user_id, t.company_id, NULL::numeric"""
        tables = "rating_rating r JOIN service_desk_ticket t ON t.id = r.res_id"
        where = """r.res_model = 'service.desk.ticket' AND r.consumed AND r.rating > 0
               AND t.commercial_partner_id IS NOT NULL"""
        # the label in the reader's language, its placeholder filled in SQL
        params = (self.env._("Rated %(score)s/5"), "%(score)s")
        return TimelineSource(select, tables, where, "t.commercial_partner_id", False, params)

    def _source_nps(self):
        select = f"""
            {row_id("n", "nps")}, n.date_answered, 'nps',
            CONCAT_WS(': ', CONCAT('NPS ', n.score, '/10'), NULLIF(n.comment, '')),
            'customer.nps.response', n.id, n.user_id, n.company_id, NULL::numeric"""
        where = "n.date_answered IS NOT NULL"
        return TimelineSource(
            select, "customer_nps_response n", where, "n.partner_id", contact=False
        )

    def _source_event(self):
        select = f"""
            {row_id("ev", "event")}, ev.occurred_at, 'event',
            CONCAT(ev.source, ': ', ev.event_type,
                   CASE WHEN ev.value <> 0 THEN CONCAT(' (', ev.value, ')') END),
            'customer.event', ev.id, NULL::integer, ev.company_id, NULL::numeric"""
        return TimelineSource(select, "customer_event ev", "TRUE", "ev.partner_id", contact=False)

    def _source_handover(self):
        """A signed order handed over to implementation (sale_order_implementation.py)."""
        select = f"""
            {row_id("h", "handover")}, h.implementation_date, 'handover', h.name,
            'sale.order', h.id, h.user_id, h.company_id, NULL::numeric"""
        where = "h.implementation_date IS NOT NULL"
        return TimelineSource(select, "sale_order h", where, "h.partner_id")

    def search_fetch(self, domain, field_names, offset=0, limit=None, order=None):
        field_names = [*field_names, *(f for f in self._RULE_FIELDS if f not in field_names)]
        return super().search_fetch(domain, field_names, offset=offset, limit=limit, order=order)

    def action_open_source(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "views": [(False, "form")],
            "target": "current",
        }
