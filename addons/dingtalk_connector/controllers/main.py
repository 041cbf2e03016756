# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import re
import secrets
import time

from odoo import http
from odoo.http import request

from ..tools import crypto, strict_json
from ..tools.crypto import CallbackCryptoError

_logger = logging.getLogger(__name__)

# What DingTalk sends, and nothing else reaches the crypto or the database.
PARAM_FORMATS = {
    "signature": re.compile(r"[0-9a-fA-F]{40}"),  # SHA-1 hex
    "timestamp": re.compile(r"[0-9]{1,20}"),
    "nonce": re.compile(r"[0-9A-Za-z_-]{1,64}"),
    "encrypt": re.compile(r"[0-9A-Za-z+/=]{1,262144}"),  # base64
}
MAX_BODY = 300 * 1024  # bytes; DingTalk's events are a few kilobytes
MAX_PAYLOAD_DEPTH = 16
MAX_ID = 128  # characters of an event id or type


class DingtalkEventController(http.Controller):
    """Event subscription in HTTP push mode: one URL per company.

    Anyone can post here, so nothing is read beyond the callback secrets and
    nothing is written before the signature and the owner key are checked.
    Rejections are logged at INFO: a scanner must not fill the log with
    warnings. On a server with several databases, set ``dbfilter``.
    """

    @http.route(
        "/dingtalk/event/<int:company_id>",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def dingtalk_event(self, company_id, **params):
        # DingTalk's own libraries accept both spellings of two parameters.
        signature = params.get("msg_signature") or params.get("signature")
        timestamp = params.get("timestamp") or params.get("timeStamp")
        nonce = params.get("nonce")
        encrypted = self._encrypted_body()
        if not (signature and timestamp and nonce and encrypted):
            return self._reject(company_id, "missing parameters", 400)
        values = {"signature": signature, "timestamp": timestamp, "nonce": nonce}
        values["encrypt"] = encrypted
        for name, value in values.items():
            if not (isinstance(value, str) and PARAM_FORMATS[name].fullmatch(value)):
                return self._reject(company_id, f"malformed {name}", 400)
        keys = self._callback_keys(company_id)
        if not keys:
            return self._reject(company_id, "unknown company or callback not configured")
        token, aes_key, owners = keys
        if not crypto.check_signature(token, timestamp, nonce, encrypted, signature):
            return self._reject(company_id, "bad signature")
        try:
            owner, payload = self._open(encrypted, aes_key, owners)
        except CallbackCryptoError as error:
            return self._reject(company_id, str(error))
        reason = self._check_payload(payload)
        if reason:  # signed by the key holder, but nothing we can store
            return self._reject(company_id, reason, 400)
        # sudo: the sender is authenticated by the signature and the AES
        # envelope above; the public user has no access to events.
        events = request.env["dingtalk.event"].sudo()
        if events._store(company_id, payload, encrypted):
            events.env.ref("dingtalk_connector.ir_cron_dingtalk_process_events")._trigger()
        return self._reply(token, aes_key, owner)

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------
    def _encrypted_body(self):
        if (request.httprequest.content_length or 0) > MAX_BODY:
            return None
        data = request.httprequest.get_data()
        if len(data) > MAX_BODY:  # chunked bodies carry no Content-Length
            return None
        try:
            encrypted = strict_json.loads(data, 1).get("encrypt")
        except (ValueError, AttributeError):  # not JSON, or not an object
            return None
        return encrypted if isinstance(encrypted, str) else None

    def _check_payload(self, payload):
        """Why a decrypted payload cannot be stored as an event, or None."""
        for key in ("eventId", "EventType", "eventType"):
            value = payload.get(key)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, (str, int)):
                return f"{key} is not text"
            if len(str(value)) > MAX_ID:
                return f"{key} is too long"
        return None

    def _callback_keys(self, company_id):
        """(token, aes_key, accepted owner keys) of the company, or None."""
        # sudo: the secrets are system-only fields and the check needs them;
        # nothing else is read before the check.
        company = request.env["res.company"].sudo().browse(company_id).exists()
        if not (company and company.dingtalk_callback_token and company.dingtalk_aes_key):
            return None
        # App key for console subscriptions; corp id for the legacy register API.
        owners = [key for key in (company.dingtalk_app_key, company.dingtalk_corp_id) if key]
        return company.dingtalk_callback_token, company.dingtalk_aes_key, owners

    def _open(self, encrypted, aes_key, owners):
        """Return (owner key that matched, payload dict); the reply is sealed for that owner."""
        error = CallbackCryptoError("no app key configured")
        for owner in owners:
            try:
                plaintext = crypto.decrypt(encrypted, aes_key, [owner])
            except CallbackCryptoError as wrong_owner:
                error = wrong_owner
                continue
            break
        else:
            raise error
        try:
            payload = strict_json.loads(plaintext, MAX_PAYLOAD_DEPTH)
        except ValueError as error:  # NaN, NUL, 10**400…: jsonb or the web client refuses them
            raise CallbackCryptoError(f"the payload is not storable JSON: {error}") from error
        if not isinstance(payload, dict):
            raise CallbackCryptoError("the payload is not a JSON object")
        return owner, payload

    def _reply(self, token, aes_key, owner):
        timestamp = str(int(time.time() * 1000))
        nonce = secrets.token_hex(8)
        encrypted = crypto.encrypt("success", aes_key, owner)
        return request.make_json_response(
            {
                "msg_signature": crypto.signature(token, timestamp, nonce, encrypted),
                "timeStamp": timestamp,
                "nonce": nonce,
                "encrypt": encrypted,
            }
        )

    def _reject(self, company_id, reason, status=403):
        _logger.info("DingTalk callback for company %s rejected: %s", company_id, reason)
        return request.make_response(
            "Forbidden" if status == 403 else "Bad Request",
            headers=[("Content-Type", "text/plain")],
            status=status,
        )
