# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.service_desk.tools.public_input import parse_score

from ..models.customer_nps_response import NPS_MAX, NPS_MIN


class CustomerNpsController(http.Controller):
    """Public NPS page: the unguessable token is the only credential.

    GET never writes (mail scanners follow links); the answer is a POST.
    """

    def _nps_response(self, token):
        # sudo: visitors have no access; the token lookup is the access check
        return request.env["customer.nps.response"].sudo()._get_by_token(token)

    def _render(self, values, status=200):
        return request.render("customer_360.nps_page", values, status=status)

    def _render_error(self, message, status):
        return self._render({"error": message}, status=status)

    @http.route("/customer_360/nps/<string:token>", type="http", auth="public", methods=["GET"])
    def nps_form(self, token, score=None, **kwargs):
        response = self._nps_response(token)
        if not response:
            return self._render_error(request.env._("This link is not valid."), 404)
        if response.date_answered:
            return self._render_error(
                request.env._("This survey has already been answered. Thank you!"), 409
            )
        # strict: "²".isdigit() is true, but int("²") raises
        selected = parse_score(score, NPS_MIN, NPS_MAX)
        return self._render(
            {
                "response": response,
                "scores": range(NPS_MIN, NPS_MAX + 1),
                "selected": selected,
            }
        )

    # csrf off: the page is opened from an e-mail without a session; the token authorizes
    @http.route(
        "/customer_360/nps/<string:token>",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
    )
    def nps_submit(self, token, score=None, comment=None, **kwargs):
        response = self._nps_response(token)
        if not response:
            return self._render_error(request.env._("This link is not valid."), 404)
        try:
            response._record_answer(score, comment)
        except ValidationError as error:  # a UserError too: catch it first
            return self._render_error(str(error), 400)
        except UserError as error:
            return self._render_error(str(error), 409)
        return self._render({"thanks": True})
