# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
import uuid

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request
from odoo.tools import plaintext2html

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..tools.public_input import text_problem

TICKETS_PER_PAGE = 20
MAX_SUBJECT = 200  # characters
MAX_DESCRIPTION = 20000
FORM_UID = re.compile(r"[0-9a-f]{32}")
# Forms already sent in this session, {form uid: ticket id}: a replay opens nothing new.
SESSION_SENT_FORMS = "service_desk_sent_forms"
SESSION_SENT_MAX = 20


class ServiceDeskPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "ticket_count" in counters:
            Ticket = request.env["service.desk.ticket"]
            values["ticket_count"] = (
                Ticket.search_count(self._ticket_get_portal_domain())
                if Ticket.has_access("read")
                else 0
            )
        return values

    def _ticket_get_portal_domain(self):
        # Record rules restrict portal users; employees only list their own company's tickets.
        user = request.env.user
        if user.share:
            return []
        return [("commercial_partner_id", "=", user.commercial_partner_id.id)]

    @http.route(
        ["/my/tickets", "/my/tickets/page/<int:page>"], type="http", auth="user", website=True
    )
    def portal_my_tickets(self, page=1, **kw):
        # Read as the user: record rules decide what is listed.
        Ticket = request.env["service.desk.ticket"]
        domain = self._ticket_get_portal_domain()
        count = Ticket.search_count(domain)
        pager = portal_pager(url="/my/tickets", total=count, page=page, step=TICKETS_PER_PAGE)
        tickets = Ticket.search(
            domain, limit=TICKETS_PER_PAGE, offset=pager["offset"], order="id desc"
        )
        request.session["my_tickets_history"] = tickets.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "tickets": tickets,
                "page_name": "ticket",
                "pager": pager,
                "default_url": "/my/tickets",
            }
        )
        return request.render("service_desk.portal_my_tickets", values)

    @http.route("/my/tickets/<int:ticket_id>", type="http", auth="public", website=True)
    def portal_my_ticket(self, ticket_id, access_token=None, **kw):
        try:
            ticket_sudo = self._document_check_access(
                "service.desk.ticket", ticket_id, access_token
            )
        except (AccessError, MissingError):
            return request.not_found()
        values = self._get_page_view_values(
            ticket_sudo,
            access_token,
            {"ticket": ticket_sudo, "page_name": "ticket"},
            "my_tickets_history",
            False,
            **kw,
        )
        values["show_sla"] = "sla_deadline" in ticket_sudo._fields
        return request.render("service_desk.portal_my_ticket", values)

    @http.route("/my/tickets/new", type="http", auth="user", website=True, methods=["GET", "POST"])
    def portal_new_ticket(self, **post):
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "ticket_new", "error": {}, "post": {}})
        if request.httprequest.method == "POST":
            error, clean = self._portal_new_ticket_check(post)
            replayed = self._portal_new_ticket_replayed(clean.get("form_uid"))
            if replayed:  # the same form sent twice (double click, back button): one ticket
                return request.redirect(replayed.access_url)
            if not error:
                ticket = self._portal_new_ticket_create(clean)
                return request.redirect(ticket.access_url)
            values.update({"error": error, "post": clean})
        values["form_uid"] = uuid.uuid4().hex
        status = 400 if values["error"] else 200
        return request.render("service_desk.portal_new_ticket", values, status=status)

    def _portal_new_ticket_check(self, post):
        """(errors by field, values safe to store and to show again)."""
        _ = request.env._
        error, clean = {}, {}
        form_uid = post.get("form_uid")
        if isinstance(form_uid, str) and FORM_UID.fullmatch(form_uid):
            clean["form_uid"] = form_uid
        else:
            error["form"] = _("This form has expired. Please send it again.")
        for field, limit in (("name", MAX_SUBJECT), ("description", MAX_DESCRIPTION)):
            value = post.get(field) or ""
            if text_problem(value, limit):
                error[field] = _("Write at most %s characters, without control characters.", limit)
            else:
                clean[field] = value.strip() if field == "name" else value
        if "name" in clean and not clean["name"]:
            error["name"] = _("Please give your request a subject.")
        return error, clean

    def _portal_new_ticket_replayed(self, form_uid):
        """The ticket this very form already opened in this session, if any."""
        sent = request.session.get(SESSION_SENT_FORMS) or {}
        ticket_id = form_uid and sent.get(form_uid)
        return (
            request.env["service.desk.ticket"].sudo().browse(ticket_id).exists()
            if ticket_id
            else None
        )

    def _portal_new_ticket_create(self, clean):
        partner = request.env.user.partner_id
        Ticket = request.env["service.desk.ticket"]
        vals = Ticket._get_portal_create_values(
            {"name": clean["name"], "description": plaintext2html(clean["description"])},
            partner,
        )
        # Portal users have no create right; the customer is forced to the user's partner.
        ticket = Ticket.sudo().create(vals)
        ticket.message_subscribe(partner.ids)
        sent = dict(request.session.get(SESSION_SENT_FORMS) or {})
        sent[clean["form_uid"]] = ticket.id
        request.session[SESSION_SENT_FORMS] = dict(list(sent.items())[-SESSION_SENT_MAX:])
        return ticket
