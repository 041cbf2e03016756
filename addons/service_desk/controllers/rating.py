# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import BadRequest, NotFound

from odoo import http
from odoo.http import request

from odoo.addons.rating.controllers.main import Rating

from ..tools.public_input import MAX_COMMENT, is_token, parse_score, text_problem

RATES = (1, 3, 5)  # rating's own scale: dissatisfied, okay, satisfied


class ServiceDeskRating(Rating):
    """The public rating pages, which our tickets' CSAT e-mails link to.

    Odoo's controller answers 500 for a rate other than 1, 3, 5 (ValueError),
    a token with a NUL (SQL error) or a feedback it cannot store: refuse them
    with 4xx before any of them reaches ``int()`` or SQL.
    """

    @http.route()
    def action_open_rating(self, token, rate, **kwargs):
        if rate not in RATES:
            raise NotFound()
        return super().action_open_rating(token, rate, **kwargs)

    @http.route()
    def action_submit_rating(self, token, rate=0, **kwargs):
        if request.httprequest.method == "POST":
            rate = parse_score(rate, min(RATES), max(RATES))
            if rate not in RATES:
                raise BadRequest(request.env._("Choose a rating of 1, 3 or 5."))
            feedback = kwargs.get("feedback")
            if feedback is not None and text_problem(feedback, MAX_COMMENT):
                raise BadRequest(
                    request.env._(
                        "Write a comment of at most %s characters, without control characters.",
                        MAX_COMMENT,
                    )
                )
        return super().action_submit_rating(token, rate=rate, **kwargs)

    def _get_rating_and_record(self, token):
        if not is_token(token):  # a NUL or a non-ASCII token never reaches SQL
            raise NotFound()
        return super()._get_rating_and_record(token)
