# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from urllib.parse import parse_qs, urlsplit

from odoo.exceptions import AccessDenied
from odoo.tests import new_test_user, tagged

from ..tools.login import DingtalkProof
from .login_common import DingtalkLoginCommon


@tagged("post_install", "-at_install", "dingtalk_login")
class TestDingtalkScanLogin(DingtalkLoginCommon):
    def _start(self, company=None, redirect=None):
        """Press the button: return the state DingTalk is asked to send back."""
        params = {"company": (company or self.company).id}
        if redirect:
            params["redirect"] = redirect
        response = self._get("/dingtalk/oauth/start", params, allow_redirects=False)
        self.assertEqual(response.status_code, 303, response.text[:300])
        target = urlsplit(response.headers["Location"])
        query = {key: values[0] for key, values in parse_qs(target.query).items()}
        self.assertEqual(
            f"{target.scheme}://{target.netloc}{target.path}", f"{self.fake.url}/oauth2/auth"
        )
        self.assertEqual(query["client_id"], (company or self.company).sudo().dingtalk_app_key)
        self.assertEqual(query["redirect_uri"], f"{self.base_url()}/dingtalk/oauth/callback")
        self.assertEqual((query["response_type"], query["scope"]), ("code", "openid"))
        return query["state"]

    def _callback(self, state, code):
        params = {"authCode": code, "state": state}
        return self._get("/dingtalk/oauth/callback", params, allow_redirects=False)

    def test_login_page_offers_the_button_only_when_enabled(self):
        self.company_b.sudo().dingtalk_login_scan = False
        page = self.url_open("/web/login").text
        self.assertIn(f"/dingtalk/oauth/start?company={self.company.id}", page)
        self.assertNotIn(f"/dingtalk/oauth/start?company={self.company_b.id}", page)
        self.company.sudo().dingtalk_login_scan = False
        self.assertNotIn("o_dingtalk_login", self.url_open("/web/login").text)
        self.assertEqual(
            self._get(
                "/dingtalk/oauth/start", {"company": self.company.id}, allow_redirects=False
            ).status_code,
            404,
        )

    def test_scan_signs_in_the_bound_user(self):
        state = self._start(redirect=f"/odoo/res.partner/{self.partner.id}")
        response = self._callback(state, self.fake.issue_oauth_code("union-u1"))
        self.assertEqual(response.status_code, 303, response.text[:300])
        self.assertEqual(
            urlsplit(response.headers["Location"]).path, f"/odoo/res.partner/{self.partner.id}"
        )
        self.assertEqual(self._session_uid(), self.user.id)

    def test_redirect_uri_ignores_the_request_host(self):
        response = self._get(
            "/dingtalk/oauth/start",
            {"company": self.company.id},
            headers={"Host": "evil.example"},
            allow_redirects=False,
        )
        if response.status_code == 303:  # dbfilter may refuse the foreign host first
            query = parse_qs(urlsplit(response.headers["Location"]).query)
            self.assertNotIn("evil.example", query["redirect_uri"][0])

    def test_missing_foreign_or_reused_state_is_refused(self):
        code = self.fake.issue_oauth_code("union-u1")
        self._assert_refused(self._callback("", code), 400, "expired")
        self._assert_refused(self._callback("x" * 43, code), 400, "expired")
        # a state issued to another browser session (login CSRF)
        foreign = self._start()
        self.opener.cookies.clear()
        self._start()
        self._assert_refused(self._callback(foreign, code), 400, "expired")
        self.assertFalse(self.fake.auth_codes[code]["used"], "DingTalk not even asked")
        # reused: the first callback spends it, even when it fails
        state = self._start()
        self._assert_refused(self._callback(state, "0" * 32), 403, "refused")
        self._assert_refused(self._callback(state, code), 400, "expired")

    def test_declined_scan_or_hostile_code_is_refused(self):
        state = self._start()
        response = self._get(
            "/dingtalk/oauth/callback",
            {"error": "access_denied", "state": state},
            allow_redirects=False,
        )
        self._assert_refused(response, 403, "refused")
        for code in ["\x00" * 16, "码" * 16, "c" * 5000]:
            with self.subTest(code=code[:5]):
                self._assert_refused(self._callback(self._start(), code), 403, "refused")
        self.assertFalse(self.Codes.search([]))

    def test_person_outside_the_organisation_or_unbound_is_refused(self):
        outsider = self.fake.issue_oauth_code("union-outsider")  # getbyunionid: 60121
        self._assert_refused(self._callback(self._start(), outsider), 403, "refused")
        # company B's member scanning company A's button
        member_b = self.fake.issue_oauth_code("union-b1", app_key=self.fake.app_key)
        self._assert_refused(self._callback(self._start(), member_b), 403, "refused")
        # a member of A's organisation without an Odoo binding
        self.fake.add_member("dt-nobody", "union-nobody")
        code = self.fake.issue_oauth_code("union-nobody")
        self._assert_refused(self._callback(self._start(), code), 403, "unbound")

    def test_expired_or_replayed_scan_code_is_refused(self):
        code = self.fake.issue_oauth_code("union-u1")
        self.fake.expire_code(code)
        self._assert_refused(self._callback(self._start(), code), 403, "refused")
        code = self.fake.issue_oauth_code("union-u1")
        self.assertEqual(self._callback(self._start(), code).status_code, 303)
        self.url_open("/web/session/logout", allow_redirects=False)
        self.fake.auth_codes[code]["used"] = False
        self._assert_refused(self._callback(self._start(), code), 403, "refused")


@tagged("post_install", "-at_install", "dingtalk_login")
class TestDingtalkPasswordOff(DingtalkLoginCommon):
    def setUp(self):
        super().setUp()
        self.user.password = "dt-pass-1234"
        self.company.sudo().dingtalk_login_password_off = True

    def _password(self, login, password):
        credential = {"type": "password", "login": login, "password": password}
        self.env.flush_all()  # _login reads through its own cursor
        return self.env["res.users"].authenticate(
            self.env.cr.dbname, credential, {"interactive": True}
        )

    def test_bound_user_cannot_use_a_password(self):
        with self.assertRaises(AccessDenied):
            self._password("dt_login_user", "dt-pass-1234")
        self.company.sudo().dingtalk_login_password_off = False
        self.assertEqual(self._password("dt_login_user", "dt-pass-1234")["uid"], self.user.id)

    def test_unbound_users_and_administrators_keep_their_password(self):
        self.user.sudo().dingtalk_userid = False
        self.assertEqual(self._password("dt_login_user", "dt-pass-1234")["uid"], self.user.id)
        admin = new_test_user(
            self.env, "dt_login_admin", groups="base.group_system", dingtalk_userid="dt-admin"
        )
        admin.password = "dt-admin-1234"
        self.assertEqual(self._password("dt_login_admin", "dt-admin-1234")["uid"], admin.id)

    def test_login_form_cannot_forge_a_dingtalk_credential(self):
        response = self.url_open(
            "/web/login",
            data={
                "login": "dt_login_user",
                "type": "dingtalk",
                "password": "anything",
                "dingtalk_proof": "1",
                "csrf_token": self._login_csrf(),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self._session_uid())
        credential = {"type": "dingtalk", "login": "dt_login_user", "dingtalk_proof": "forged"}
        with self.assertRaises(AccessDenied):
            self.env["res.users"].authenticate(
                self.env.cr.dbname, credential, {"interactive": True}
            )
        # a real proof is good once, for its own user
        proof = DingtalkProof(self.user.id, self.company.id)
        credential["dingtalk_proof"] = proof
        with self.assertRaises(AccessDenied):
            self.env["res.users"].authenticate(
                self.env.cr.dbname, {**credential, "login": "admin"}, {"interactive": True}
            )
        info = self.env["res.users"].authenticate(
            self.env.cr.dbname, credential, {"interactive": True}
        )
        self.assertEqual(info["uid"], self.user.id)
        with self.assertRaises(AccessDenied):
            self.env["res.users"].authenticate(
                self.env.cr.dbname, credential, {"interactive": True}
            )

    def _login_csrf(self):
        import re

        return re.search(r'name="csrf_token" value="([^"]+)"', self.url_open("/web/login").text)[1]
