# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools

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
]

# Row ids are ``source id * ID_FACTOR + source rank``: unique across the
# union, stable between queries (unlike row_number()) and still exact in a
# JavaScript number for source ids up to 2**53 / 100.
ID_FACTOR = 100

# Records that carry done activities, with the path to their customer.
ACTIVITY_RECORDS = [
    # (model, table, partner column or None when the record is the partner)
    ("res.partner", "res_partner", None),
    ("crm.lead", "crm_lead", "partner_id"),
    ("sale.order", "sale_order", "partner_id"),
    ("service.desk.ticket", "service_desk_ticket", "partner_id"),
]
# SLA clock transitions worth a line: the others (activate, pause…) are noise.
SLA_EVENT_LABELS = {
    "fulfil": "SLA met",
    "warn": "SLA warning",
    "escalate": "SLA escalated",
    "breach": "SLA breached",
}


class CustomerTimeline(models.Model):
    """Every interaction with a customer account, in one chronological list.

    A read-only SQL view: one SELECT per source, each keyed by the
    commercial partner, glued with UNION ALL. A filter on ``partner_id`` is
    pushed down into every branch, so a page of the timeline costs one query
    whatever the amount of history.
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

    # One SELECT per source. Each returns the same columns in the same order:
    # id, partner_id, date, kind, name, res_model, res_id, user_id,
    # company_id, amount. Override ``_sources`` to add one.

    def _sources(self):
        return [
            self._select_message(),
            self._select_followup(),
            self._select_lead(),
            self._select_order(),
            self._select_invoice(),
            self._select_payment(),
            self._select_ticket(),
            *(self._select_activity(*record) for record in ACTIVITY_RECORDS),
            self._select_sla_event(),
            self._select_rating(),
            self._select_nps(),
            self._select_event(),
        ]

    def _select_message(self):
        return f"""
            SELECT m.id::bigint * {ID_FACTOR} + 1 AS id,
                   p.commercial_partner_id AS partner_id,
                   m.date AS date,
                   'message' AS kind,
                   COALESCE(
                       NULLIF(m.subject, ''),
                       LEFT(regexp_replace(m.body, '<[^>]*>', ' ', 'g'), 200)
                   ) AS name,
                   'res.partner' AS res_model,
                   m.res_id AS res_id,
                   (SELECT u.id FROM res_users u
                     WHERE u.partner_id = m.author_id ORDER BY u.id LIMIT 1) AS user_id,
                   NULL::integer AS company_id,
                   NULL::numeric AS amount
              FROM mail_message m
              JOIN res_partner p ON p.id = m.res_id
             WHERE m.model = 'res.partner'
               AND m.message_type IN ('comment', 'email')
               AND m.mail_activity_type_id IS NULL
        """

    def _select_followup(self):
        return f"""
            SELECT f.id::bigint * {ID_FACTOR} + 2,
                   p.commercial_partner_id,
                   f.date,
                   'followup',
                   f.summary,
                   'crm.followup',
                   f.id,
                   f.user_id,
                   f.company_id,
                   NULL::numeric
              FROM crm_followup f
              JOIN res_partner p ON p.id = f.partner_id
        """

    def _select_lead(self):
        return f"""
            SELECT l.id::bigint * {ID_FACTOR} + 3,
                   p.commercial_partner_id,
                   l.create_date,
                   'lead',
                   l.name,
                   'crm.lead',
                   l.id,
                   l.user_id,
                   l.company_id,
                   NULL::numeric
              FROM crm_lead l
              JOIN res_partner p ON p.id = l.partner_id
        """

    def _select_order(self):
        return f"""
            SELECT s.id::bigint * {ID_FACTOR} + 4,
                   p.commercial_partner_id,
                   s.date_order,
                   'order',
                   s.name,
                   'sale.order',
                   s.id,
                   s.user_id,
                   s.company_id,
                   s.amount_total / CASE COALESCE(s.currency_rate, 0)
                                    WHEN 0 THEN 1.0 ELSE s.currency_rate END
              FROM sale_order s
              JOIN res_partner p ON p.id = s.partner_id
             WHERE s.state IN ('sale', 'done')
        """

    def _select_invoice(self):
        return f"""
            SELECT am.id::bigint * {ID_FACTOR} + 5,
                   p.commercial_partner_id,
                   am.invoice_date::timestamp,
                   'invoice',
                   am.name,
                   'account.move',
                   am.id,
                   am.invoice_user_id,
                   am.company_id,
                   am.amount_total_signed
              FROM account_move am
              JOIN res_partner p ON p.id = am.partner_id
             WHERE am.move_type IN ('out_invoice', 'out_refund')
               AND am.state = 'posted'
        """

    def _select_payment(self):
        # Odoo 18 payments: "posted" is in_process (not yet matched) or paid.
        return f"""
            SELECT ap.id::bigint * {ID_FACTOR} + 6,
                   p.commercial_partner_id,
                   ap.date::timestamp,
                   'payment',
                   ap.name,
                   'account.payment',
                   ap.id,
                   ap.create_uid,
                   ap.company_id,
                   ap.amount_company_currency_signed
              FROM account_payment ap
              JOIN res_partner p ON p.id = ap.partner_id
             WHERE ap.payment_type = 'inbound'
               AND ap.partner_type = 'customer'
               AND ap.state IN ('in_process', 'paid')
        """

    def _select_ticket(self):
        return f"""
            SELECT t.id::bigint * {ID_FACTOR} + 7,
                   t.commercial_partner_id,
                   t.create_date,
                   'ticket',
                   CONCAT_WS(' ', NULLIF(t.number, '/'), t.name),
                   'service.desk.ticket',
                   t.id,
                   t.user_id,
                   t.company_id,
                   NULL::numeric
              FROM service_desk_ticket t
             WHERE t.commercial_partner_id IS NOT NULL
        """

    def _select_activity(self, model, table, partner_column):
        """Activities marked done on the customer or on one of its records."""
        if partner_column:
            join = f"""JOIN {table} r ON r.id = m.res_id
                       JOIN res_partner p ON p.id = r.{partner_column}"""
            company = "r.company_id"
        else:
            join = "JOIN res_partner p ON p.id = m.res_id"
            company = "p.company_id"
        return f"""
            SELECT m.id::bigint * {ID_FACTOR} + 8,
                   p.commercial_partner_id,
                   m.date,
                   'activity',
                   CONCAT_WS(': ', at.name->>'en_US', NULLIF(
                       LEFT(TRIM(regexp_replace(m.body, '<[^>]*>', ' ', 'g')), 200), '')),
                   m.model,
                   m.res_id,
                   (SELECT u.id FROM res_users u
                     WHERE u.partner_id = m.author_id ORDER BY u.id LIMIT 1),
                   {company},
                   NULL::numeric
              FROM mail_message m
              {join}
              JOIN mail_activity_type at ON at.id = m.mail_activity_type_id
             WHERE m.model = '{model}'
        """

    def _select_sla_event(self):
        labels = " ".join(
            f"WHEN '{code}' THEN '{label}'" for code, label in SLA_EVENT_LABELS.items()
        )
        return f"""
            SELECT e.id::bigint * {ID_FACTOR} + 9,
                   t.commercial_partner_id,
                   e.date,
                   'sla',
                   CONCAT(CASE e.event_type {labels} END, ': ',
                          CONCAT_WS(' ', NULLIF(t.number, '/'), t.name)),
                   'service.desk.ticket',
                   t.id,
                   t.user_id,
                   t.company_id,
                   NULL::numeric
              FROM service_desk_sla_event e
              JOIN service_desk_ticket t ON t.id = e.ticket_id
             WHERE t.commercial_partner_id IS NOT NULL
               AND e.event_type IN ({", ".join(f"'{code}'" for code in SLA_EVENT_LABELS)})
        """

    def _select_rating(self):
        return f"""
            SELECT r.id::bigint * {ID_FACTOR} + 10,
                   t.commercial_partner_id,
                   r.write_date,
                   'rating',
                   CONCAT_WS(': ', CONCAT(r.rating::integer, '/5 ',
                             CONCAT_WS(' ', NULLIF(t.number, '/'), t.name)),
                             NULLIF(r.feedback, '')),
                   'service.desk.ticket',
                   t.id,
                   t.user_id,
                   t.company_id,
                   NULL::numeric
              FROM rating_rating r
              JOIN service_desk_ticket t ON t.id = r.res_id
             WHERE r.res_model = 'service.desk.ticket'
               AND r.consumed
               AND r.rating > 0
               AND t.commercial_partner_id IS NOT NULL
        """

    def _select_nps(self):
        return f"""
            SELECT n.id::bigint * {ID_FACTOR} + 11,
                   n.partner_id,
                   n.date_answered,
                   'nps',
                   CONCAT_WS(': ', CONCAT('NPS ', n.score, '/10'), NULLIF(n.comment, '')),
                   'customer.nps.response',
                   n.id,
                   n.user_id,
                   n.company_id,
                   NULL::numeric
              FROM customer_nps_response n
             WHERE n.date_answered IS NOT NULL
        """

    def _select_event(self):
        return f"""
            SELECT ev.id::bigint * {ID_FACTOR} + 12,
                   ev.partner_id,
                   ev.occurred_at,
                   'event',
                   CONCAT(ev.source, ': ', ev.event_type,
                          CASE WHEN ev.value <> 0 THEN CONCAT(' (', ev.value, ')') END),
                   'customer.event',
                   ev.id,
                   NULL::integer,
                   ev.company_id,
                   NULL::numeric
              FROM customer_event ev
        """

    def _query(self):
        union = "\nUNION ALL\n".join(self._sources())
        return f"""
            SELECT e.id, e.partner_id, e.date, e.kind, e.name, e.res_model,
                   e.res_id, e.user_id, e.company_id,
                   c.currency_id AS currency_id, e.amount,
                   cp.company_id AS partner_company_id
              FROM ({union}) e
              LEFT JOIN res_company c ON c.id = e.company_id
              LEFT JOIN res_partner cp ON cp.id = e.partner_id
        """

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(f"CREATE OR REPLACE VIEW {self._table} AS ({self._query()})")

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
