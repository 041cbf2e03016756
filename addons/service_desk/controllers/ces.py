# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request


class ServiceDeskCesController(http.Controller):
    """Public Customer Effort Score page: the unguessable token is the only credential."""

    def _ces_response(self, token):
        # sudo: public visitors have no access; the token lookup is the access check
        return request.env["service.desk.ces.response"].sudo()._get_by_token(token)

    def _render(self, values, status=200):
        return request.render("service_desk.ces_page", values, status=status)

    def _render_error(self, message, status):
        return self._render({"error": message}, status=status)

    @http.route("/service_desk/ces/<string:token>", type="http", auth="public", methods=["GET"])
    def ces_form(self, token, **kwargs):
        response = self._ces_response(token)
        if not response:
            return self._render_error(request.env._("This link is not valid."), 404)
        if response.date_answered:
            return self._render_error(
                request.env._("This question has already been answered. Thank you!"), 409
            )
        return self._render({"response": response, "scores": range(1, 8)})

    # csrf off: the page is opened from an e-mail without a session; the token authorizes
    @http.route(
        "/service_desk/ces/<string:token>",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
    )
    def ces_submit(self, token, score=None, comment=None, **kwargs):
        response = self._ces_response(token)
        if not response:
            return self._render_error(request.env._("This link is not valid."), 404)
        try:
            response._record_answer(score, comment)
        except ValidationError as error:  # a UserError too: catch it first
            return self._render_error(str(error), 400)
        except UserError as error:
            return self._render_error(str(error), 409)
        return self._render({"thanks": True})
