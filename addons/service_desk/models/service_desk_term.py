# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

from ..tools.term_extraction import MAX_TERM_LENGTH, extract_terms

# Word-cloud periods offered to users: key -> days back from today (None: all time).
PERIOD_DAYS = {"30": 30, "90": 90, "365": 365, "all": None}
# Most terms a cloud shows: more become unreadable at the smallest font size.
CLOUD_MAX_TERMS = 100
WATERMARK_PARAM = "service_desk.term_watermark.%s"


class ServiceDeskTerm(models.Model):
    """One term found in one customer text (ticket, CSAT or CES comment, and the NPS
    comments customer_360 plugs in), with the dimensions the word cloud filters on.

    Rows are derived by ``_cron_index_terms`` only: nobody creates or edits them.
    """

    _name = "service.desk.term"
    _description = "Service Desk Term"
    _order = "date desc, id desc"
    _rec_name = "term"

    term = fields.Char(required=True, readonly=True, index=True)
    occurrences = fields.Integer(readonly=True, default=1)
    source = fields.Selection(
        [("ticket", "Ticket"), ("csat", "Satisfaction Comment"), ("ces", "Effort Comment")],
        required=True,
        readonly=True,
        index=True,
    )
    res_id = fields.Integer("Source Record", required=True, readonly=True, index=True)
    ticket_id = fields.Many2one(
        "service.desk.ticket", readonly=True, ondelete="cascade", index=True
    )
    date = fields.Date(readonly=True, index=True)
    team_id = fields.Many2one("service.desk.team", readonly=True, index=True)
    category_id = fields.Many2one("service.desk.category", "Ticket Category", readonly=True)
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True, index=True)
    segment = fields.Selection(
        selection="_selection_segment", string="Customer Segment", readonly=True
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)

    # ------------------------------------------------------------
    # HOOKS (customer_360 adds NPS comments and the RFM segment)
    # ------------------------------------------------------------
    @api.model
    def _selection_segment(self):
        return []

    @api.model
    def _get_term_segments(self, partners):
        """:return: {partner id: segment key} of the commercial ``partners``."""
        return {}

    @api.model
    def _get_term_sources(self):
        """:return: {source key: (model name, domain)} of the texts to index."""
        return {
            "ticket": ("service.desk.ticket", [("active", "in", (True, False))]),
            "csat": ("rating.rating", [("res_model", "=", "service.desk.ticket")]),
            "ces": ("service.desk.ces.response", []),
        }

    def _term_documents_ticket(self, tickets):
        return [
            (
                ticket.id,
                f"{ticket.name}\n{html2plaintext(ticket.description or '')}"
                if ticket.active
                else "",
                self._term_ticket_values(ticket, ticket.create_date),
            )
            for ticket in tickets
        ]

    def _term_documents_csat(self, ratings):
        tickets = self.env["service.desk.ticket"].browse(ratings.mapped("res_id")).exists()
        return [
            (
                rating.id,
                (rating.consumed and rating.res_id in tickets.ids and rating.feedback) or "",
                self._term_ticket_values(tickets.browse(rating.res_id), rating.write_date),
            )
            for rating in ratings
        ]

    def _term_documents_ces(self, responses):
        return [
            (
                response.id,
                response.comment or "",
                self._term_ticket_values(response.ticket_id, response.date_answered),
            )
            for response in responses
        ]

    def _term_ticket_values(self, ticket, when):
        return {
            "ticket_id": ticket.id,
            "date": when and when.date(),
            "team_id": ticket.team_id.id,
            "category_id": ticket.category_id.id,
            "partner_id": ticket.commercial_partner_id.id,
            "company_id": ticket.company_id.id,
        }

    # ------------------------------------------------------------
    # INDEXING
    # ------------------------------------------------------------
    @api.model
    def _cron_index_terms(self, batch_size=500):
        """Index the texts written since the last run, source by source.

        Each source keeps a watermark (write_date, id) of the last record indexed:
        a run reads only the records after it, so its cost follows the new and
        changed records, not the history. A changed record's terms are replaced.
        """
        done = remaining = 0
        for source in self._get_term_sources():
            records = self._term_pending(source).search(
                self._term_pending_domain(source), order="write_date, id", limit=batch_size
            )
            self._index_documents(source, records)
            done += len(records)
            remaining += self._term_pending(source).search_count(self._term_pending_domain(source))
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    def _term_pending(self, source):
        model, _domain = self._get_term_sources()[source]
        return self.env[model].sudo().with_context(active_test=False)

    def _term_pending_domain(self, source):
        _model, domain = self._get_term_sources()[source]
        value = self.env["ir.config_parameter"].sudo().get_param(WATERMARK_PARAM % source)
        if not value:
            return list(domain)
        # to the microsecond: records written within one second are told apart
        date, record_id = value.split("|")
        date = datetime.fromisoformat(date)
        return [
            *domain,
            "|",
            ("write_date", ">", date),
            "&",
            ("write_date", "=", date),
            ("id", ">", int(record_id)),
        ]

    def _index_documents(self, source, records):
        """Replace the terms of ``records`` (of ``source``) and move its watermark."""
        if not records:
            return
        Term = self.sudo()
        Term.search([("source", "=", source), ("res_id", "in", records.ids)]).unlink()
        documents = getattr(self, f"_term_documents_{source}")(records)
        partners = self.env["res.partner"].browse(
            {values["partner_id"] for _id, _text, values in documents if values["partner_id"]}
        )
        segments = self._get_term_segments(partners)
        vals_list = []
        for res_id, text, values in documents:
            if not values["company_id"]:
                continue
            for term, count in extract_terms(text).items():
                vals_list.append(
                    {
                        **values,
                        "term": term,
                        "occurrences": count,
                        "source": source,
                        "res_id": res_id,
                        "segment": segments.get(values["partner_id"], False),
                    }
                )
        Term.create(vals_list)
        last = records[-1]
        self.env["ir.config_parameter"].sudo().set_param(
            WATERMARK_PARAM % source, f"{last.write_date.isoformat(' ')}|{last.id}"
        )

    # ------------------------------------------------------------
    # WORD CLOUD (called by the client action, as the user: record rules apply)
    # ------------------------------------------------------------
    @api.model
    def get_term_cloud(self, filters=None, limit=CLOUD_MAX_TERMS):
        """The most frequent terms: one count per text mentioning the term.

        :param filters: dict with optional period (see PERIOD_DAYS), team_id,
            category_id, segment
        :return: list of {term, count}, most frequent first
        :raise UserError: a filter or the limit is not one the cloud offers
        """
        if (
            not isinstance(limit, int)
            or isinstance(limit, bool)
            or not 0 < limit <= CLOUD_MAX_TERMS
        ):
            raise UserError(self.env._("Show from 1 to %s terms.", CLOUD_MAX_TERMS))
        groups = self._read_group(
            self._cloud_domain(filters),
            ["term"],
            ["__count"],
            order="__count desc, term",
            limit=limit,
        )
        return [{"term": term, "count": count} for term, count in groups]

    @api.model
    def action_open_term(self, term, filters=None):
        """The texts behind one term of the cloud, under the cloud's filters."""
        if not isinstance(term, str) or not term.strip() or len(term) > MAX_TERM_LENGTH:
            raise UserError(self.env._("Choose a term of the word cloud."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Mentions of “%s”", term),
            "res_model": "service.desk.term",
            "views": [(False, "list"), (False, "form")],
            "domain": [("term", "=", term), *self._cloud_domain(filters)],
            "context": {"create": False},
        }

    def action_open_source(self):
        """Open the ticket (or the record customer_360 indexed) a term was found in."""
        self.ensure_one()
        if self.ticket_id:
            return {
                "type": "ir.actions.act_window",
                "res_model": "service.desk.ticket",
                "res_id": self.ticket_id.id,
                "views": [(False, "form")],
            }
        return False

    @api.model
    def _cloud_domain(self, filters):
        filters = filters or {}
        if not isinstance(filters, dict) or set(filters) - {
            "period",
            "team_id",
            "category_id",
            "segment",
        }:
            raise UserError(self.env._("Unknown word cloud filter."))
        period = filters.get("period") or "all"
        if period not in PERIOD_DAYS:
            raise UserError(self.env._("Choose a period of the list."))
        domain = []
        if PERIOD_DAYS[period]:
            start = fields.Date.context_today(self) - timedelta(days=PERIOD_DAYS[period])
            domain.append(("date", ">=", start))
        for name in ("team_id", "category_id"):
            value = filters.get(name)
            if value in (None, False):
                continue
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise UserError(self.env._("Choose a team or category of the list."))
            domain.append((name, "=", value))
        segment = filters.get("segment")
        if segment:
            if segment not in dict(self._selection_segment()):
                raise UserError(self.env._("Choose a customer segment of the list."))
            domain.append(("segment", "=", segment))
        return domain
