# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import secrets
import string

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.client import TIMEOUT, DingTalkClient
from ..tools.exceptions import QUOTA, RETRYABLE, THROTTLE, TOKEN, DingTalkError

DEFAULT_OAPI_BASE = "https://oapi.dingtalk.com"
DEFAULT_API_BASE = "https://api.dingtalk.com"
TOKEN_MARGIN = 600  # seconds: DingTalk advises refreshing 10 minutes before expiry
CREDENTIAL_CODES = {"invalidClientIdOrSecret", "40096", "40089"}
WHITELIST_CODES = {"60020", "Forbidden.AccessDenied.IpNotInWhiteList"}
PERMISSION_CODES = {"60011", "Forbidden.AccessDenied.AccessTokenPermissionDenied"}


def _random_key(length):
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(length))


class ResCompany(models.Model):
    _inherit = "res.company"

    dingtalk_app_key = fields.Char(
        "DingTalk App Key",
        groups="base.group_system",
        copy=False,
        help="Client ID of the internal app.",
    )
    dingtalk_app_secret = fields.Char(
        "DingTalk App Secret",
        groups="base.group_system",
        copy=False,
        help="Client secret of the internal app.",
    )
    dingtalk_agent_id = fields.Char(
        "DingTalk Agent ID",
        groups="base.group_system",
        copy=False,
        help="AgentId used for work notifications.",
    )
    dingtalk_corp_id = fields.Char("DingTalk Corp ID", groups="base.group_system", copy=False)
    dingtalk_callback_token = fields.Char(
        "DingTalk Callback Token",
        groups="base.group_system",
        copy=False,
        default=lambda self: _random_key(16),
        help="Token of the event subscription (HTTP push), 3 to 32 letters or digits.",
    )
    dingtalk_aes_key = fields.Char(
        "DingTalk AES Key",
        groups="base.group_system",
        copy=False,
        default=lambda self: _random_key(43),
        help="aes_key of the event subscription: 43 letters or digits.",
    )

    @api.constrains("dingtalk_callback_token", "dingtalk_aes_key")
    def _check_dingtalk_callback_keys(self):
        for company in self.sudo():
            token, aes_key = company.dingtalk_callback_token, company.dingtalk_aes_key
            if token and not (3 <= len(token) <= 32 and token.isalnum() and token.isascii()):
                raise ValidationError(
                    self.env._("The DingTalk callback token must be 3 to 32 letters or digits.")
                )
            if aes_key and not (len(aes_key) == 43 and aes_key.isalnum() and aes_key.isascii()):
                raise ValidationError(
                    self.env._("The DingTalk AES key must be exactly 43 letters or digits.")
                )

    def _dingtalk_regenerate_callback_keys(self):
        self.write(
            {"dingtalk_callback_token": _random_key(16), "dingtalk_aes_key": _random_key(43)}
        )

    def _dingtalk_is_enabled(self):
        """Whether this company's app can send work notifications (key, secret, agent)."""
        self.ensure_one()
        company = self.sudo()
        return bool(
            company.dingtalk_app_key and company.dingtalk_app_secret and company.dingtalk_agent_id
        )

    # ------------------------------------------------------------
    # CLIENT AND TOKEN
    # ------------------------------------------------------------
    def _dingtalk_client(self, oapi_base=None, api_base=None):
        """:param oapi_base, api_base: hosts being edited in the settings (test connection)"""
        self.ensure_one()
        company = self.sudo()
        params = self.env["ir.config_parameter"].sudo()
        timeout = float(params.get_param("dingtalk_connector.timeout", TIMEOUT))
        return DingTalkClient(
            oapi_base or params.get_param("dingtalk_connector.oapi_base_url", DEFAULT_OAPI_BASE),
            api_base or params.get_param("dingtalk_connector.api_base_url", DEFAULT_API_BASE),
            company.dingtalk_app_key,
            company.dingtalk_app_secret,
            timeout=timeout,
        )

    def _dingtalk_token(self, client=None, force_refresh=False):
        """A valid app access token, from the cache unless it is (nearly) expired."""
        self.ensure_one()
        tokens = self.env["dingtalk.token"].sudo()
        if not force_refresh:
            cached = tokens._get_valid(self, TOKEN_MARGIN)
            if cached:
                return cached
        token, expires_in = (client or self._dingtalk_client()).fetch_token()
        tokens._store(self, token, expires_in)
        return token

    def _dingtalk_call(self, style, path, body=None, method="POST", params=None, client=None):
        """Call DingTalk as this company's app, refreshing the token once if DingTalk refuses it.

        :param style: ``"oapi"`` (old style) or ``"api"`` (v1.0)
        :raise DingTalkError: classified failure
        """
        client = client or self._dingtalk_client()
        for attempt in range(2):
            token = self._dingtalk_token(client, force_refresh=bool(attempt))
            try:
                if style == "oapi":
                    return client.oapi(path, body, token=token, params=params, method=method)
                return client.api(method, path, token=token, body=body, params=params)
            except Exception as error:
                if getattr(error, "kind", None) != TOKEN or attempt:
                    raise
                self.env["dingtalk.token"].sudo()._forget(self)
        raise AssertionError("unreachable")

    # ------------------------------------------------------------
    # TEST CONNECTION
    # ------------------------------------------------------------
    def action_dingtalk_test_connection(self):
        """Fetch a fresh token and read the root department; say in plain words what is wrong."""
        return self._dingtalk_test_connection()

    def _dingtalk_test_connection(self, client=None):
        """:param client: a client on the values being edited; default: the saved ones"""
        self.ensure_one()
        company = self.sudo()
        if not (company.dingtalk_app_key and company.dingtalk_app_secret):
            return self._dingtalk_notification(
                "danger",
                self.env._("Fill in the DingTalk app key and app secret of %s first.", self.name),
            )
        client = client or company._dingtalk_client()
        try:
            company._dingtalk_token(client, force_refresh=True)
            # A token proves key and secret; a real call also proves whitelist and quota.
            company._dingtalk_call(
                "oapi", "/topapi/v2/department/listsub", body={"dept_id": 1}, client=client
            )
        except DingTalkError as error:
            return self._dingtalk_notification("danger", self._dingtalk_explain(error, client))
        if not company.dingtalk_agent_id:
            return self._dingtalk_notification(
                "warning",
                self.env._(
                    "Connected to DingTalk, but the agent ID is missing: "
                    "work notifications cannot be sent until you fill it in."
                ),
            )
        return self._dingtalk_notification(
            "success", self.env._("Connected to DingTalk: key, secret and agent ID are set.")
        )

    def _dingtalk_explain(self, error, client=None):
        code = error.code or ""
        if code in CREDENTIAL_CODES:
            return self.env._(
                "DingTalk rejected the app key or app secret: copy them again from the "
                "developer console (%(detail)s).",
                detail=error.message,
            )
        if code in WHITELIST_CODES:
            return self.env._(
                "This server's IP address is not in the app's IP whitelist: add it in the "
                "developer console (%(detail)s).",
                detail=error.message,
            )
        if code in PERMISSION_CODES:
            return self.env._(
                "The app lacks a permission (contacts read access is needed): grant it in "
                "the developer console (%(detail)s).",
                detail=error.message,
            )
        if error.kind == QUOTA:
            return self.env._(
                "The organisation's monthly DingTalk API quota is used up: calls resume next "
                "month or after an upgrade."
            )
        if error.kind == RETRYABLE and not code:
            base = (
                client.api_base
                if client
                else self.env["ir.config_parameter"]
                .sudo()
                .get_param("dingtalk_connector.api_base_url", DEFAULT_API_BASE)
            )
            return self.env._(
                "Cannot reach DingTalk at %(url)s (%(detail)s): check the server's internet "
                "access, proxy and the DingTalk base URL parameters.",
                url=base,
                detail=error.message,
            )
        if error.kind in (RETRYABLE, THROTTLE):
            return self.env._(
                "DingTalk is busy or temporarily refuses this server; try again in a few "
                "minutes (%(detail)s).",
                detail=error.message,
            )
        return self.env._("DingTalk refused the call: %(detail)s", detail=str(error))

    def _dingtalk_notification(self, kind, message):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("DingTalk connection"),
                "message": message,
                "type": kind,
                "sticky": kind != "success",
            },
        }
