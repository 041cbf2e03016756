# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request
from odoo.tools import plaintext2html

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

TICKETS_PER_PAGE = 20


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
        values.update({"page_name": "ticket_new", "error": {}, "post": post})
        if request.httprequest.method == "POST":
            name = (post.get("name") or "").strip()
            if not name:
                values["error"]["name"] = request.env._("Please give your request a subject.")
            else:
                partner = request.env.user.partner_id
                vals = request.env["service.desk.ticket"]._get_portal_create_values(
                    {"name": name, "description": plaintext2html(post.get("description") or "")},
                    partner,
                )
                # Portal users have no create right; the customer is forced to the user's partner.
                ticket = request.env["service.desk.ticket"].sudo().create(vals)
                ticket.message_subscribe(partner.ids)
                return request.redirect(ticket.access_url)
        return request.render("service_desk.portal_new_ticket", values)
