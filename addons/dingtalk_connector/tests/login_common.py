# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from urllib.parse import urlencode

from odoo.http import root
from odoo.tests import HttpCase, new_test_user

from .fake_dingtalk import FakeDingTalk

JSAPI_STUB = "/dingtalk_connector/static/tests/fake/fake_dingtalk_jsapi.js"
NONCE_INPUT = re.compile(r'name="nonce" value="([^"]+)"')
CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


class DingtalkLoginCommon(HttpCase):
    """Two companies, each with its own DingTalk app on one fake server, and bound users."""

    def setUp(self):
        super().setUp()
        self.fake = FakeDingTalk(corp_id="dingcorpa").start()
        self.addCleanup(self.fake.stop)
        self.fake.add_app("dingappb", "secret-b", "dingcorpb")
        params = self.env["ir.config_parameter"].sudo()
        for key in ("oapi_base_url", "api_base_url", "login_base_url"):
            params.set_param(f"dingtalk_connector.{key}", self.fake.url)
        params.set_param("dingtalk_connector.jsapi_url", JSAPI_STUB)
        params.set_param("web.base.url", self.base_url())
        self.company = self.env.company
        self.company_b = self.env["res.company"].create({"name": "DingTalk Company B"})
        tokens = self.env["dingtalk.token"]
        for company in (self.company, self.company_b):
            tokens._forget(company)
            self.addCleanup(tokens._forget, company)
        login_vals = {"dingtalk_login_h5": True, "dingtalk_login_scan": True}
        self.company.sudo().write(
            {
                "dingtalk_app_key": self.fake.app_key,
                "dingtalk_app_secret": self.fake.app_secret,
                "dingtalk_corp_id": "dingcorpa",
                **login_vals,
            }
        )
        self.company_b.sudo().write(
            {
                "dingtalk_app_key": "dingappb",
                "dingtalk_app_secret": "secret-b",
                "dingtalk_corp_id": "dingcorpb",
                **login_vals,
            }
        )
        self.user = new_test_user(
            self.env, "dt_login_user", dingtalk_userid="dt-u1", tz="Asia/Shanghai"
        )
        self.user_b = new_test_user(
            self.env,
            "dt_login_user_b",
            dingtalk_userid="dt-b1",
            company_id=self.company_b.id,
            company_ids=[self.company_b.id],
        )
        self.fake.add_member("dt-u1", "union-u1")
        self.fake.add_member("dt-b1", "union-b1", app_key="dingappb")
        self.partner = self.env["res.partner"].create({"name": "DingTalk Landing Partner"})
        self.Codes = self.env["dingtalk.auth.code"].sudo()
        # Odoo's per-address login cooldown outlives a test: start each one clean.
        self._clear_login_failures()
        self.addCleanup(self._clear_login_failures)

    def _clear_login_failures(self):
        failures = getattr(self.env.registry, "_login_failures", None)
        if failures is not None:
            failures.clear()

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------
    def _get(self, path, params, **kwargs):
        """``url_open`` with a query string (it takes no ``params``)."""
        return self.url_open(f"{path}?{urlencode(params)}", **kwargs)

    def _session(self):
        sid = self.opener.cookies.get("session_id")
        return root.session_store.get(sid) if sid else None

    def _session_uid(self):
        session = self._session()
        return session.uid if session else None

    def _open_h5(self, company=None, redirect=None):
        """GET the login-free page; return (nonce, csrf token)."""
        params = {"company": (company or self.company).id}
        if redirect is not None:
            params["redirect"] = redirect
        response = self._get("/dingtalk/h5", params)
        self.assertEqual(response.status_code, 200, response.text)
        return NONCE_INPUT.search(response.text)[1], CSRF_INPUT.search(response.text)[1]

    def _post_code(self, code, nonce=None, csrf=None, **extra):
        if nonce is None:
            nonce, csrf = self._open_h5()
        data = {"csrf_token": csrf, "nonce": nonce, "code": code, **extra}
        return self.url_open("/dingtalk/h5/login", data=data, allow_redirects=False)

    def _assert_refused(self, response, status, reason=None):
        self.assertEqual(response.status_code, status, response.text[:500])
        if reason:
            self.assertIn(f'data-reason="{reason}"', response.text)
        self.assertFalse(self._session_uid(), "a refused sign-in must not open a session")
