# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One-screen decision page that DingTalk's Approve / Reject buttons open.

The record is read and decided as the signed-in user, with Odoo's access
rules: no sudo anywhere. Only models that implement the decision hooks
(see ``dingtalk.message._dingtalk_decision_card``) are reachable.
"""

import logging
import re

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from ..tools.login import text_param

_logger = logging.getLogger(__name__)

MODEL_FORMAT = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+){1,5}")
DECISIONS = ("approve", "reject")
DECISION_FORMAT = re.compile("approve|reject")
MAX_COMMENT = 2000  # characters
HOOKS = ("_dingtalk_decision_values", "_dingtalk_decide")


class DingtalkDecisionController(http.Controller):
    @http.route(
        "/dingtalk/decide/<string:model>/<int:res_id>",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        sitemap=False,
    )
    def dingtalk_decide(self, model, res_id, decision=None, comment=None, **kw):
        record = self._record(model, res_id)
        if record is None:
            return self._page({"error": "missing"}, 404)
        if decision is not None and text_param(decision, DECISION_FORMAT) is None:
            return self._page({"error": "bad_request"}, 400)
        values = {"record": record, "decision": decision, "model": model, "res_id": res_id}
        if request.httprequest.method == "GET":
            return self._page({**values, **self._offer(record)})
        # POST (csrf=True by default): apply it as the user, all or nothing.
        if comment is None:
            comment = ""
        if (
            decision is None
            or not isinstance(comment, str)
            or len(comment) > MAX_COMMENT
            or "\x00" in comment
        ):
            return self._page({"error": "bad_request"}, 400)
        try:
            with request.env.cr.savepoint():
                record._dingtalk_decide(decision, comment.strip())
        except AccessError:
            return self._page({**values, **self._offer(record), "error": "forbidden"}, 403)
        except (UserError, ValidationError) as error:
            offer = self._offer(record)
            return self._page({**values, **offer, "message": str(error.args[0])}, 409)
        return self._page({**values, **self._offer(record), "done": decision})

    def _record(self, model, res_id):
        """The record as the user sees it, or None: unknown model, no hooks, no access."""
        if not MODEL_FORMAT.fullmatch(model) or model not in request.env:
            return None
        record = request.env[model].browse(res_id)
        if not all(hasattr(record, hook) for hook in HOOKS):
            return None
        if not record.exists():
            return None
        try:
            record.check_access("read")
        except (AccessError, MissingError):
            return None
        return record

    def _offer(self, record):
        """What the record shows, from its hook; shaped defensively for the template."""
        offer = record._dingtalk_decision_values() or {}
        lines = [(str(label), str(value)) for label, value in (offer.get("lines") or [])[:30]]
        return {
            "title": str(offer.get("title") or record.display_name),
            "amount": offer.get("amount") and str(offer["amount"]),
            "customer": offer.get("customer") and str(offer["customer"]),
            "lines": lines,
            "can_decide": bool(offer.get("can_decide", True)),
            "status": offer.get("status") and str(offer["status"]),
        }

    def _page(self, values, status=200):
        response = request.render(
            "dingtalk_connector.dingtalk_decision_page", values, status=status
        )
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Frame-Options"] = "DENY"
        return response
