# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sign-in with DingTalk: per-company switches and the identity exchanges."""

from urllib.parse import urlencode

from odoo import fields, models

from ..tools.exceptions import INPUT, DingTalkError
from ..tools.links import dingtalk_link, odoo_record_url

DEFAULT_LOGIN_BASE = "https://login.dingtalk.com"
DEFAULT_JSAPI_URL = "https://g.alicdn.com/dingding/dingtalk-jsapi/3.0.25/dingtalk.open.js"
H5_PATH = "/dingtalk/h5"
OAUTH_CALLBACK_PATH = "/dingtalk/oauth/callback"


class ResCompany(models.Model):
    _inherit = "res.company"

    dingtalk_login_h5 = fields.Boolean(
        "Login-free entry from DingTalk",
        groups="base.group_system",
        help="Links in DingTalk messages and the app's home page sign people in with "
        "their DingTalk identity (免登).",
    )
    dingtalk_login_scan = fields.Boolean(
        "Scan-to-login",
        groups="base.group_system",
        help="Show 'Log in with DingTalk' on Odoo's login page (钉钉扫码登录).",
    )
    dingtalk_login_password_off = fields.Boolean(
        "DingTalk only for bound users",
        groups="base.group_system",
        help="Users of this company bound to DingTalk cannot sign in with a password. "
        "Administrators keep their password so that nobody is locked out.",
    )

    # ------------------------------------------------------------
    # URLS
    # ------------------------------------------------------------
    def _dingtalk_oauth_redirect_uri(self):
        """Fixed by the database's base URL, never taken from the request."""
        return f"{self.get_base_url()}{OAUTH_CALLBACK_PATH}"

    def _dingtalk_oauth_authorize_url(self, state):
        self.ensure_one()
        base = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("dingtalk_connector.login_base_url", DEFAULT_LOGIN_BASE)
            .rstrip("/")
        )
        query = {
            "redirect_uri": self._dingtalk_oauth_redirect_uri(),
            "response_type": "code",
            "client_id": self.sudo().dingtalk_app_key,
            "scope": "openid",
            "state": state,
            "prompt": "consent",
        }
        return f"{base}/oauth2/auth?{urlencode(query)}"

    def _dingtalk_h5_url(self, path="/odoo"):
        """Login-free entry that lands on ``path``: what the app's home page and links use."""
        self.ensure_one()
        query = urlencode({"company": self.id, "redirect": path})
        return f"{self.get_base_url()}{H5_PATH}?{query}"

    def _dingtalk_open_url(self, record):
        """The one link DingTalk messages carry to open ``record`` (a DingTalk link).

        Through the login-free entry when the company enabled it, so a tap in
        DingTalk lands on the record already signed in; a plain deep link
        otherwise.
        """
        self.ensure_one()
        url = odoo_record_url(record)
        if self.sudo().dingtalk_login_h5:
            path = url[len(record.get_base_url()) :]
            url = self._dingtalk_h5_url(path)
        return dingtalk_link(url)

    def _dingtalk_open_path_url(self, path):
        """Like ``_dingtalk_open_url`` for a path of this server (a decision page)."""
        self.ensure_one()
        if self.sudo().dingtalk_login_h5:
            return dingtalk_link(self._dingtalk_h5_url(path))
        return dingtalk_link(f"{self.get_base_url()}{path}")

    # ------------------------------------------------------------
    # IDENTITY EXCHANGES (sudo: the app credentials are system fields)
    # ------------------------------------------------------------
    def _dingtalk_userid_from_h5_code(self, code):
        """userid of the person whose DingTalk client issued ``code`` for this app."""
        self.ensure_one()
        reply = self.sudo()._dingtalk_call(
            "oapi", "/topapi/v2/user/getuserinfo", body={"code": code}
        )
        return self._dingtalk_userid_of(reply.get("result"))

    def _dingtalk_userid_from_oauth_code(self, code):
        """userid, in this company's organisation, of the person who scanned."""
        self.ensure_one()
        company = self.sudo()
        client = company._dingtalk_client()
        user_token = client.api(
            "POST",
            "/v1.0/oauth2/userAccessToken",
            body={
                "clientId": company.dingtalk_app_key,
                "clientSecret": company.dingtalk_app_secret,
                "code": code,
                "grantType": "authorization_code",
            },
        ).get("accessToken")
        if not isinstance(user_token, str) or not user_token:
            raise DingTalkError(INPUT, "no user access token")
        unionid = client.api("GET", "/v1.0/contact/users/me", token=user_token).get("unionId")
        if not isinstance(unionid, str) or not unionid:
            raise DingTalkError(INPUT, "no unionId")
        # Only members of this company's organisation resolve to a userid.
        reply = company._dingtalk_call(
            "oapi", "/topapi/user/getbyunionid", body={"unionid": unionid}, client=client
        )
        return self._dingtalk_userid_of(reply.get("result"))

    @staticmethod
    def _dingtalk_userid_of(result):
        userid = (result or {}).get("userid") if isinstance(result, dict) else None
        if not isinstance(userid, str) or not userid or len(userid) > 64:
            raise DingTalkError(INPUT, "DingTalk returned no userid")
        return userid

    def _dingtalk_bound_user(self, userid):
        """The active Odoo user bound to ``userid`` in this company; never by name or mobile."""
        self.ensure_one()
        return (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("dingtalk_userid", "=", userid),
                    ("company_id", "=", self.id),
                    ("active", "=", True),
                    ("share", "=", False),
                ],
                limit=2,
            )
        )

    def _dingtalk_admin_names(self):
        """Whom an unbound person should ask: this company's administrators."""
        self.ensure_one()
        admins = (
            self.env.ref("base.group_system")
            .sudo()
            .users.filtered(lambda user: user.active and self in user.company_ids and user.id != 1)
        )
        return admins[:3].mapped("name")
