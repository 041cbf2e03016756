# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
import uuid

from werkzeug.exceptions import BadRequest

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.tools import plaintext2html

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..tools.public_input import MAX_COMMENT, text_problem

TICKETS_PER_PAGE = 20
MAX_SUBJECT = 200  # characters
MAX_DESCRIPTION = 20000
MAX_ATTACHMENTS = 5
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024  # per file; a larger one is refused, not truncated
FORM_UID = re.compile(r"[0-9a-f]{32}")
RECORD_ID = re.compile(r"[0-9]{1,9}")  # ASCII digits only: int() accepts "²", " 7", "1_0"
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
            raise request.not_found() from None
        values = self._get_page_view_values(
            ticket_sudo,
            access_token,
            {"ticket": ticket_sudo, "page_name": "ticket"},
            "my_tickets_history",
            False,
            **kw,
        )
        values["show_sla"] = "sla_deadline" in ticket_sudo._fields
        if ticket_sudo.stage_category == "solved":
            partner = request.env.user.partner_id
            if request.env.user._is_public():
                partner = ticket_sudo.partner_id
            values["rating_token"] = ticket_sudo._rating_get_access_token(partner)
        return request.render("service_desk.portal_my_ticket", values)

    @http.route(
        ["/my/tickets/<int:ticket_id>/confirm", "/my/tickets/<int:ticket_id>/reopen"],
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
    )
    def portal_ticket_decide(self, ticket_id, access_token=None, reason=None, **kw):
        """The customer confirms the fix of a solved ticket, or reopens it."""
        try:
            ticket_sudo = self._document_check_access(
                "service.desk.ticket", ticket_id, access_token
            )
        except (AccessError, MissingError):
            raise request.not_found() from None
        reason = reason or ""
        if text_problem(reason, MAX_COMMENT):
            raise BadRequest(
                request.env._(
                    "Write at most %s characters, without control characters.", MAX_COMMENT
                )
            )
        partner = request.env.user.partner_id
        if request.env.user._is_public():
            partner = ticket_sudo.partner_id
        # the request's language for the customer's own note
        ticket = ticket_sudo.with_context(lang=request.env.lang)
        try:
            if request.httprequest.path.endswith("/confirm"):
                ticket._portal_confirm_solution(partner)
            else:
                ticket._portal_reopen(partner, reason.strip())
        except UserError as error:
            raise BadRequest(error.args[0]) from None
        return request.redirect(ticket_sudo.get_portal_url())

    @http.route("/my/tickets/new", type="http", auth="user", website=True, methods=["GET", "POST"])
    def portal_new_ticket(self, **post):
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "ticket_new", "error": {}, "post": {}})
        values.update(self._portal_new_ticket_choices())
        if request.httprequest.method == "POST":
            error, clean = self._portal_new_ticket_check(post)
            self._portal_new_ticket_check_files(error, clean)
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
        category = post.get("category_id") or ""
        if category:
            found = (
                request.env["service.desk.category"].sudo().browse(int(category)).exists()
                if isinstance(category, str) and RECORD_ID.fullmatch(category)
                else None
            )
            if found and found.active:
                clean["category_id"] = found.id
            else:
                error["category_id"] = _("Choose a category from the list.")
        priority = post.get("priority") or ""
        if priority:
            if priority in self._portal_priorities():
                clean["priority"] = priority
            else:
                error["priority"] = _("Choose a priority from the list.")
        return error, clean

    def _portal_priorities(self):
        return request.env["service.desk.ticket"]._fields["priority"].get_values(request.env)

    def _portal_new_ticket_check_files(self, error, clean):
        """Read the attached files, refusing too many, too large or oddly named ones."""
        _ = request.env._
        files = [f for f in request.httprequest.files.getlist("attachment") if f.filename]
        if len(files) > MAX_ATTACHMENTS:
            error["attachment"] = _("Attach at most %s files.", MAX_ATTACHMENTS)
            return
        clean["attachments"] = []
        for upload in files:
            data = upload.read(MAX_ATTACHMENT_BYTES + 1)
            if len(data) > MAX_ATTACHMENT_BYTES:
                error["attachment"] = _(
                    "%(name)s is larger than %(size)s MB.",
                    name=upload.filename[:100],
                    size=MAX_ATTACHMENT_BYTES // (1024 * 1024),
                )
                return
            if text_problem(upload.filename, 255):
                error["attachment"] = _("A file name is too long or holds control characters.")
                return
            clean["attachments"].append((upload.filename, data))

    def _portal_new_ticket_choices(self):
        """Categories, priorities and the SLA promise the form offers."""
        env = request.env
        Ticket = env["service.desk.ticket"]
        partner = env.user.partner_id
        vals = Ticket._get_portal_create_values({"name": "-"}, partner)
        Ticket.sudo()._apply_default_team(vals)
        draft = Ticket.sudo().with_context(lang=env.lang).new(vals)
        return {
            "categories": env["service.desk.category"]
            .sudo()
            .with_context(lang=env.lang)
            .search([]),
            "priorities": Ticket._fields["priority"]._description_selection(env),
            "sla_promise": draft._portal_sla_promise(),
        }

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
            {
                "name": clean["name"],
                "description": plaintext2html(clean["description"]),
                "category_id": clean.get("category_id"),
                "priority": clean.get("priority"),
            },
            partner,
        )
        # Portal users have no create right; the customer is forced to the user's partner.
        ticket = Ticket.sudo().create(vals)
        ticket.message_subscribe(partner.ids)
        if clean.get("attachments"):
            request.env["ir.attachment"].sudo().create(
                [
                    {"name": name, "raw": data, "res_model": ticket._name, "res_id": ticket.id}
                    for name, data in clean["attachments"]
                ]
            )
        sent = dict(request.session.get(SESSION_SENT_FORMS) or {})
        sent[clean["form_uid"]] = ticket.id
        request.session[SESSION_SENT_FORMS] = dict(list(sent.items())[-SESSION_SENT_MAX:])
        return ticket
