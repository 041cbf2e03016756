# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sign in with DingTalk: the login-free entry (免登) and scan-to-login (扫码登录).

Both end the same way: DingTalk vouches for a person (a single-use code we
exchange with the company's app), the person's ``dingtalk_userid`` binding
names the Odoo user, and Odoo's own ``session.authenticate`` opens the
session with a :class:`DingtalkProof` that only this code can build.
Everything a client sends is checked for shape first; refusals are pages
with a 4xx status, logged at INFO without codes, tokens or states.
"""

import hmac
import logging
import re
import secrets
import time
from urllib.parse import urlencode

from odoo import http
from odoo.exceptions import AccessDenied
from odoo.http import request

from odoo.addons.web.controllers.home import Home
from odoo.addons.web.controllers.utils import _get_login_redirect_url

from ..models.res_company_login import DEFAULT_JSAPI_URL
from ..tools.exceptions import RETRYABLE, THROTTLE, DingTalkError
from ..tools.login import (
    CODE_FORMAT,
    COMPANY_FORMAT,
    NONCE_FORMAT,
    DingtalkProof,
    safe_redirect,
    text_param,
)

_logger = logging.getLogger(__name__)
# The access log prints request lines: DingTalk's callback carries the code and state
# in its query string. Redacted there (single-use, but never written down).
SIGN_IN_QUERY = re.compile(r"((?:authCode|code|state|nonce)=)[^&\s\"]+")


class RedactSignInCodes(logging.Filter):
    def filter(self, record):
        if isinstance(record.args, tuple) and any(
            isinstance(arg, str) and "/dingtalk/" in arg for arg in record.args
        ):
            record.args = tuple(
                SIGN_IN_QUERY.sub(r"\1***", arg) if isinstance(arg, str) else arg
                for arg in record.args
            )
        return True


_werkzeug_logger = logging.getLogger("werkzeug")
if not any(type(f).__name__ == "RedactSignInCodes" for f in _werkzeug_logger.filters):
    _werkzeug_logger.addFilter(RedactSignInCodes())

SESSION_KEY = "dingtalk_login"
PENDING_LIFETIME = 600  # seconds a sign-in page or a scan may take
PENDING_MAX = 5  # per kind: a few tabs at once, not an unbounded session
STATUS = {
    "bad_request": 400,
    "expired": 400,
    "disabled": 404,
    "refused": 403,
    "unbound": 403,
    "too_many": 429,
    "unavailable": 503,
}


class LoginRefused(AccessDenied):
    """A refusal with a reason the page explains; counts as a login failure."""

    def __init__(self, reason, **values):
        super().__init__(reason)
        self.reason = reason
        self.values = values


class DingtalkLoginController(http.Controller):
    # ------------------------------------------------------------
    # LOGIN-FREE ENTRY (H5 micro-app, inside DingTalk)
    # ------------------------------------------------------------
    @http.route("/dingtalk/h5", type="http", auth="public", methods=["GET"], sitemap=False)
    def dingtalk_h5(self, company=None, redirect=None, **kw):
        company = self._enabled_company(company, "dingtalk_login_h5")
        if not company:
            return self._refuse("disabled")
        nonce = self._remember("h5", company, safe_redirect(redirect))
        params = request.env["ir.config_parameter"].sudo()
        values = {
            "company_name": company.name,
            "corp_id": company.dingtalk_corp_id,
            "nonce": nonce,
            "jsapi_url": params.get_param("dingtalk_connector.jsapi_url", DEFAULT_JSAPI_URL),
        }
        return self._page("dingtalk_connector.dingtalk_h5_page", values)

    @http.route("/dingtalk/h5/login", type="http", auth="public", methods=["POST"], sitemap=False)
    def dingtalk_h5_login(self, nonce=None, code=None, **kw):
        # csrf=True (the default): Odoo's token ties the post to this browser session.
        nonce, code = text_param(nonce, NONCE_FORMAT), text_param(code, CODE_FORMAT)
        if not (nonce and code):
            return self._refuse("bad_request")
        pending = self._recall("h5", nonce)
        if not pending:
            return self._refuse("expired")
        company, redirect = pending
        return self._sign_in(company, redirect, code, company._dingtalk_userid_from_h5_code)

    # ------------------------------------------------------------
    # SCAN-TO-LOGIN (OAuth 2.0 authorization code, on the login page)
    # ------------------------------------------------------------
    @http.route("/dingtalk/oauth/start", type="http", auth="public", methods=["GET"], sitemap=False)
    def dingtalk_oauth_start(self, company=None, redirect=None, **kw):
        company = self._enabled_company(company, "dingtalk_login_scan")
        if not company:
            return self._refuse("disabled")
        state = self._remember("oauth", company, safe_redirect(redirect))
        return request.redirect(company._dingtalk_oauth_authorize_url(state), local=False)

    @http.route(
        "/dingtalk/oauth/callback", type="http", auth="public", methods=["GET"], sitemap=False
    )
    def dingtalk_oauth_callback(self, authCode=None, state=None, **kw):
        state = text_param(state, NONCE_FORMAT)
        if not state:
            return self._refuse("expired")
        # The state is spent whatever happens next: a second callback is refused.
        pending = self._recall("oauth", state)
        if not pending:
            return self._refuse("expired")
        code = text_param(authCode, CODE_FORMAT)
        if not code:  # the person declined, or DingTalk sent ?error=…
            return self._refuse("refused")
        company, redirect = pending
        return self._sign_in(company, redirect, code, company._dingtalk_userid_from_oauth_code)

    # ------------------------------------------------------------
    # SIGN IN
    # ------------------------------------------------------------
    def _sign_in(self, company, redirect, code, exchange):
        users = request.env["res.users"].sudo()
        try:
            # Odoo's per-IP cooldown: failures here count like wrong passwords.
            with users._assert_can_auth(user="dingtalk"):
                user = self._identify(company, code, exchange)
        except LoginRefused as refusal:
            _logger.info("DingTalk sign-in refused for company %s: %s", company.id, refusal.reason)
            return self._refuse(refusal.reason, company=company, **refusal.values)
        except AccessDenied:
            return self._refuse("too_many")
        if request.session.uid and request.session.uid != user.id:
            request.session.logout(keep_db=True)
        if request.session.uid != user.id:
            credential = {
                "type": "dingtalk",
                "login": user.login,
                "dingtalk_proof": DingtalkProof(user.id, company.id),
            }
            try:
                auth_info = request.session.authenticate(request.db, credential)
            except AccessDenied:
                return self._refuse("too_many")
            uid = auth_info["uid"]
        else:
            uid = user.id  # already signed in as this very person
        return request.redirect(_get_login_redirect_url(uid, redirect), 303)

    def _identify(self, company, code, exchange):
        """The Odoo user DingTalk vouches for, or ``LoginRefused``."""
        if not request.env["dingtalk.auth.code"].sudo()._claim(code, company):
            raise LoginRefused("refused")  # replay: we saw this code before
        try:
            userid = exchange(code)
        except DingTalkError as error:
            if error.kind in (RETRYABLE, THROTTLE):
                raise LoginRefused("unavailable") from None
            raise LoginRefused("refused") from None
        user = company._dingtalk_bound_user(userid)
        if len(user) != 1:
            raise LoginRefused("unbound", userid=userid)
        return user

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------
    def _enabled_company(self, company_id, switch):
        company_id = text_param(company_id, COMPANY_FORMAT)
        if not company_id:
            return None
        # sudo: the switches and app fields are system-only; only existence is used
        company = request.env["res.company"].sudo().browse(int(company_id)).exists()
        if not (company and company[switch] and company.dingtalk_app_key):
            return None
        if switch == "dingtalk_login_h5" and not company.dingtalk_corp_id:
            return None
        return company

    def _remember(self, kind, company, redirect):
        """A random one-time value bound to this browser session, the company and the target."""
        value = secrets.token_urlsafe(32)
        now = time.time()
        store = dict(request.session.get(SESSION_KEY) or {})
        pending = [item for item in store.get(kind) or [] if item[3] > now][-(PENDING_MAX - 1) :]
        pending.append([value, company.id, redirect, now + PENDING_LIFETIME])
        store[kind] = pending
        request.session[SESSION_KEY] = store
        return value

    def _recall(self, kind, value):
        """(company, redirect) for a value this session was given, once; else None."""
        store = dict(request.session.get(SESSION_KEY) or {})
        pending = store.get(kind) or []
        match, keep = None, []
        for item in pending:
            # constant-time: the stored values are secrets of this session
            if hmac.compare_digest(item[0].encode(), value.encode()):
                match = item
            else:
                keep.append(item)
        store[kind] = keep
        request.session[SESSION_KEY] = store
        if not match or match[3] < time.time():
            return None
        switch = "dingtalk_login_h5" if kind == "h5" else "dingtalk_login_scan"
        company = self._enabled_company(str(match[1]), switch)  # still enabled?
        return (company, safe_redirect(match[2])) if company else None

    def _page(self, template, values, status=200):
        response = request.render(template, values, status=status)
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    def _refuse(self, reason, company=None, userid=None):
        values = {"reason": reason, "message": self._explain(reason, company, userid)}
        return self._page("dingtalk_connector.dingtalk_login_message", values, STATUS[reason])

    def _explain(self, reason, company, userid):
        """The page's sentence: chosen here from the reason, never echoing the request."""
        _ = request.env._
        if reason == "unbound":
            return _(
                "Your DingTalk account (%(userid)s) is not linked to an Odoo user of "
                "%(company)s. Ask your Odoo administrator (%(admins)s) to link it: "
                "DingTalk → Synchronize Users, or the DingTalk User ID on your user.",
                userid=userid,
                company=company.name,
                admins=", ".join(company._dingtalk_admin_names()) or "-",
            )
        return {
            "refused": _(
                "DingTalk did not confirm who you are: the sign-in code expired or was "
                "already used. Open the link from DingTalk again."
            ),
            "expired": _(
                "This sign-in page expired or was already used. Start again from DingTalk "
                "or the login page."
            ),
            "disabled": _("Sign-in with DingTalk is not enabled for this company."),
            "too_many": _(
                "Too many failed sign-ins from your network: wait a minute and try again."
            ),
            "unavailable": _("DingTalk cannot be reached right now: try again in a few minutes."),
        }.get(reason) or _("This sign-in request is malformed.")


class DingtalkLoginHome(Home):
    """Odoo's login page offers scan-to-login for the companies that enabled it."""

    @http.route()
    def web_login(self, redirect=None, **kw):
        response = super().web_login(redirect=redirect, **kw)
        if getattr(response, "is_qweb", False):
            # sudo: public visitors read which companies offer DingTalk, nothing else
            companies = (
                request.env["res.company"]
                .sudo()
                .search([("dingtalk_login_scan", "=", True), ("dingtalk_app_key", "!=", False)])
            )
            target = safe_redirect(redirect) if redirect else None
            response.qcontext["dingtalk_login_links"] = [
                (
                    company.name,
                    "/dingtalk/oauth/start?"
                    + urlencode(
                        {"company": company.id, **({"redirect": target} if target else {})}
                    ),
                )
                for company in companies
            ]
        return response
