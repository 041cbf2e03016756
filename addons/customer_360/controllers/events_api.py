# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import request

from ..models.customer_event import MAX_BATCH, MAX_BODY, MAX_BODY_DEPTH
from ..tools import strict_json

# A key made for this scope, or a global key (scope empty), opens the API.
API_KEY_SCOPE = "customer_360_events"
# Printable ASCII only: a NUL or a non-ASCII key never reaches the key lookup's SQL.
BEARER = re.compile(r"^bearer\s+([!-~]{1,128})\s*$", re.IGNORECASE)


class CustomerEventsApi(http.Controller):
    """JSON endpoint where external systems push behaviour events in batches.

    ``auth="none"``: the API key in the Authorization header is the only
    credential (no session, no CSRF token); every error answers JSON.
    """

    def _json(self, data, status=200, headers=None):
        return request.make_json_response(data, headers=headers, status=status)

    def _error(self, status, code, message, headers=None):
        return self._json({"error": {"code": code, "message": message}}, status, headers)

    def _authenticate(self):
        """Return the user id of the bearer API key, or None."""
        match = BEARER.match(request.httprequest.headers.get("Authorization") or "")
        if not match:
            return None
        return request.env["res.users.apikeys"]._check_credentials(
            scope=API_KEY_SCOPE, key=match.group(1)
        )

    def _body_too_large(self):
        return self._error(
            413,
            "body_too_large",
            request.env._("The request body is larger than %s bytes.", MAX_BODY),
        )

    @http.route(
        "/customer_360/api/v1/events",
        type="http",
        auth="none",
        methods=["POST"],
        csrf=False,
        save_session=False,
        readonly=False,  # auth="none" routes default to a read-only cursor
    )
    def post_events(self, **kwargs):
        _ = request.env._
        uid = self._authenticate()
        if not uid:
            return self._error(
                401,
                "unauthorized",
                _("Send a valid API key: Authorization: Bearer <key>."),
                headers=[("WWW-Authenticate", 'Bearer realm="customer_360"')],
            )
        request.update_env(user=uid)
        Event = request.env["customer.event"]
        if not Event.has_access("create"):
            return self._error(403, "forbidden", _("This user may not record customer events."))
        if request.httprequest.mimetype != "application/json":
            # a form-encoded body would be parsed (and consumed) as form fields
            return self._error(
                415,
                "unsupported_media_type",
                _("Send the events as JSON with the header Content-Type: application/json."),
            )
        if (request.httprequest.content_length or 0) > MAX_BODY:
            return self._body_too_large()
        data = request.httprequest.get_data(as_text=False) or b""
        if len(data) > MAX_BODY:  # chunked bodies carry no Content-Length
            return self._body_too_large()
        try:
            # NaN, huge numbers, NUL stay in the items as markers: refused one by one
            body = strict_json.loads(data, MAX_BODY_DEPTH)
        except (ValueError, UnicodeDecodeError, RecursionError):
            return self._error(
                400,
                "malformed_json",
                _(
                    "The request body is not valid JSON, or is nested deeper than %s levels.",
                    MAX_BODY_DEPTH,
                ),
            )
        events = body.get("events") if isinstance(body, dict) else body
        if not isinstance(events, list) or not events:
            return self._error(
                400,
                "invalid_request",
                _('Send a JSON object {"events": [...]} with at least one event.'),
            )
        if len(events) > MAX_BATCH:
            return self._error(
                413,
                "batch_too_large",
                _(
                    "A batch holds at most %(max)s events; this one has %(count)s.",
                    max=MAX_BATCH,
                    count=len(events),
                ),
            )
        try:
            results = Event._ingest(events)
        except AccessError as error:  # nothing written: the insert runs in a savepoint
            return self._error(403, "forbidden", str(error))
        counts = {"accepted": 0, "duplicate": 0, "rejected": 0}
        for result in results:
            counts[result["status"]] += 1
        return self._json({**counts, "results": results})
