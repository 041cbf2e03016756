# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import secrets
import string

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.client import TIMEOUT, DingTalkClient
from ..tools.exceptions import TOKEN

DEFAULT_OAPI_BASE = "https://oapi.dingtalk.com"
DEFAULT_API_BASE = "https://api.dingtalk.com"
TOKEN_MARGIN = 600  # seconds: DingTalk advises refreshing 10 minutes before expiry


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

    # ------------------------------------------------------------
    # CLIENT AND TOKEN
    # ------------------------------------------------------------
    def _dingtalk_client(self):
        self.ensure_one()
        company = self.sudo()
        params = self.env["ir.config_parameter"].sudo()
        timeout = float(params.get_param("dingtalk_connector.timeout", TIMEOUT))
        return DingTalkClient(
            params.get_param("dingtalk_connector.oapi_base_url", DEFAULT_OAPI_BASE),
            params.get_param("dingtalk_connector.api_base_url", DEFAULT_API_BASE),
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

    def _dingtalk_call(self, style, path, body=None, method="POST", params=None):
        """Call DingTalk as this company's app, refreshing the token once if DingTalk refuses it.

        :param style: ``"oapi"`` (old style) or ``"api"`` (v1.0)
        :raise DingTalkError: classified failure
        """
        client = self._dingtalk_client()
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
