# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from urllib.parse import urlsplit

from odoo.tests import tagged

from ..controllers.login import RedactSignInCodes
from ..tools.login import code_hash, safe_redirect
from .login_common import DingtalkLoginCommon

HOSTILE_REDIRECTS = [
    "//evil.example",
    "https://evil.example/odoo",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "/odoo\x00",
    "/odoo\r\nSet-Cookie: x=1",
    "/odoo/客户",
    " /odoo",
    "/" + "a" * 3000,
]


@tagged("post_install", "-at_install", "dingtalk_login")
class TestDingtalkLoginFree(DingtalkLoginCommon):
    def test_tour_lands_on_the_deep_linked_record_as_the_bound_user(self):
        code = self.fake.issue_code("dt-u1")
        redirect = f"/odoo/res.partner/{self.partner.id}"
        url = (
            f"/dingtalk/h5?company={self.company.id}&redirect={redirect}"
            f"#fake_code={code}&fake_corp=dingcorpa"
        )
        self.start_tour(url, "dingtalk_login_tour")
        self.assertTrue(self.fake.auth_codes[code]["used"])
        log = self.env["res.users.log"].search([("create_uid", "=", self.user.id)])
        self.assertTrue(log, "the sign-in goes through res.users._login (res.users.log)")

    def test_code_signs_in_once_and_redirects_on_this_host(self):
        nonce, csrf = self._open_h5(redirect=f"/odoo/res.partner/{self.partner.id}")
        old_sid = self.opener.cookies.get("session_id")
        code = self.fake.issue_code("dt-u1")
        response = self._post_code(code, nonce, csrf)
        self.assertEqual(response.status_code, 303)
        location = urlsplit(response.headers["Location"])
        self.assertEqual(location.path, f"/odoo/res.partner/{self.partner.id}")
        self.assertIn(location.netloc, ("", urlsplit(self.base_url()).netloc))
        self.assertEqual(self._session_uid(), self.user.id)
        self.assertNotEqual(self.opener.cookies.get("session_id"), old_sid, "session rotated")
        used = self.Codes.search([])
        self.assertEqual(used.mapped("code_hash"), [code_hash(code)], "a hash, not the code")

    def test_replayed_code_is_refused_even_if_dingtalk_would_accept_it(self):
        code = self.fake.issue_code("dt-u1")
        self.assertEqual(self._post_code(code).status_code, 303)
        self.url_open("/web/session/logout", allow_redirects=False)
        self.fake.auth_codes[code]["used"] = False  # a DingTalk that forgot
        calls = self.fake.calls["/topapi/v2/user/getuserinfo"]
        self._assert_refused(self._post_code(code), 403, "refused")
        self.assertEqual(self.fake.calls["/topapi/v2/user/getuserinfo"], calls, "no call made")

    def test_code_dingtalk_already_consumed_is_refused(self):
        code = self.fake.issue_code("dt-u1")
        self.fake.auth_codes[code]["used"] = True  # e.g. used by another server
        self._assert_refused(self._post_code(code), 403, "refused")

    def test_expired_code_is_refused(self):
        code = self.fake.issue_code("dt-u1")
        self.fake.expire_code(code)
        self._assert_refused(self._post_code(code), 403, "refused")

    def test_code_of_another_companys_app_is_refused(self):
        """A code issued for company B's app does not open company A's route, nor B's user."""
        code = self.fake.issue_code("dt-b1", app_key="dingappb")
        self._assert_refused(self._post_code(code), 403, "refused")
        code_a = self.fake.issue_code("dt-u1")
        nonce, csrf = self._open_h5(company=self.company_b)
        self._assert_refused(self._post_code(code_a, nonce, csrf), 403, "refused")

    def test_unbound_person_gets_a_page_saying_whom_to_ask(self):
        code = self.fake.issue_code("dt-stranger")
        response = self._post_code(code)
        self._assert_refused(response, 403, "unbound")
        self.assertIn("dt-stranger", response.text)
        self.assertIn(self.env.ref("base.user_admin").name, response.text)

    def test_archived_or_other_company_user_is_not_signed_in(self):
        self.user.active = False
        self._assert_refused(self._post_code(self.fake.issue_code("dt-u1")), 403, "unbound")
        # dt-b1 is bound in company B only: company A's app never maps to that user
        self.fake.add_member("dt-b1", "union-b1")
        self._assert_refused(self._post_code(self.fake.issue_code("dt-b1")), 403, "unbound")

    def test_nonce_is_single_use_and_bound_to_the_session(self):
        nonce, csrf = self._open_h5()
        # spent by a refused attempt: the same page cannot try another code
        self._assert_refused(self._post_code(self.fake.issue_code("dt-x"), nonce, csrf), 403)
        self._assert_refused(self._post_code(self.fake.issue_code("dt-u1"), nonce, csrf), 400)
        nonce, csrf = self._open_h5()
        self.assertEqual(
            self._post_code(self.fake.issue_code("dt-u1"), nonce, csrf).status_code, 303
        )
        self.url_open("/web/session/logout", allow_redirects=False)
        # reused nonce (the session rotated; use a fresh CSRF token of the new session)
        _other_nonce, csrf = self._open_h5()
        response = self._post_code(self.fake.issue_code("dt-u1"), nonce, csrf)
        self._assert_refused(response, 400, "expired")
        # a nonce from another browser session
        foreign_nonce, _csrf = self._open_h5()
        self.opener.cookies.clear()
        _mine, csrf = self._open_h5()
        response = self._post_code(self.fake.issue_code("dt-u1"), foreign_nonce, csrf)
        self._assert_refused(response, 400, "expired")

    def test_missing_csrf_token_is_refused(self):
        nonce, _csrf = self._open_h5()
        with self.assertLogs("odoo.http", "WARNING"):
            response = self._post_code(self.fake.issue_code("dt-u1"), nonce, "")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._session_uid())
        self.assertFalse(self.Codes.search([]), "nothing written before the CSRF check")

    def test_open_redirects_land_on_odoo(self):
        for target in HOSTILE_REDIRECTS:
            with self.subTest(target=target):
                self.assertEqual(safe_redirect(target), "/odoo")
        for target in HOSTILE_REDIRECTS[:5]:
            with self.subTest(target=target):
                self.opener.cookies.clear()
                nonce, csrf = self._open_h5(redirect=target)
                response = self._post_code(self.fake.issue_code("dt-u1"), nonce, csrf)
                self.assertEqual(response.status_code, 303)
                location = urlsplit(response.headers["Location"])
                self.assertEqual(location.path, "/odoo")
                self.assertIn(location.netloc, ("", urlsplit(self.base_url()).netloc))
        self.assertEqual(
            safe_redirect("/odoo/action-42?view_type=list"), "/odoo/action-42?view_type=list"
        )

    def test_hostile_input_is_refused_and_nothing_written(self):
        nonce, csrf = self._open_h5()
        bad_codes = ["", "ab\x00cdefghij", "码" * 16, "x" * 100_000, "a b c d e f g h"]
        for code in bad_codes:
            with self.subTest(code=code[:20]):
                self._assert_refused(self._post_code(code, nonce, csrf), 400, "bad_request")
        for bad_nonce in ["short", "n" * 65, "\x00" * 40, "é" * 40]:
            with self.subTest(nonce=bad_nonce[:10]):
                response = self._post_code(self.fake.issue_code("dt-u1"), bad_nonce, csrf)
                self._assert_refused(response, 400, "bad_request")
        # a file where text is expected
        response = self.url_open(
            "/dingtalk/h5/login",
            data={"csrf_token": csrf, "nonce": nonce},
            files={"code": ("code.txt", b"0123456789abcdef")},
            allow_redirects=False,
        )
        self._assert_refused(response, 400, "bad_request")
        for company in ["abc", "0", "-1", "1" * 40, "1\x00", "１"]:
            with self.subTest(company=company):
                response = self._get("/dingtalk/h5", {"company": company})
                self.assertEqual(response.status_code, 404)
        self.assertFalse(self.Codes.search([]))
        self.assertEqual(self.fake.calls["/topapi/v2/user/getuserinfo"], 0)

    def test_disabled_company_offers_no_entry(self):
        self.company.sudo().dingtalk_login_h5 = False
        response = self._get("/dingtalk/h5", {"company": self.company.id})
        self.assertEqual(response.status_code, 404)

    def test_failures_are_rate_limited_per_address(self):
        self.env["ir.config_parameter"].sudo().set_param("base.login_cooldown_after", 3)
        for _attempt in range(3):
            self._post_code(self.fake.issue_code("dt-stranger"))
        with self.assertLogs("odoo.addons.base.models.res_users", "WARNING"):
            response = self._post_code(self.fake.issue_code("dt-u1"))
        self._assert_refused(response, 429, "too_many")

    def test_access_log_never_shows_codes_or_states(self):
        record = logging.LogRecord(
            "werkzeug",
            logging.INFO,
            __file__,
            1,
            '%s - - "%s" %s',
            ("127.0.0.1", "GET /dingtalk/oauth/callback?authCode=c0de&state=st4te HTTP/1.1", 303),
            None,
        )
        RedactSignInCodes().filter(record)
        line = record.getMessage()
        self.assertNotIn("c0de", line)
        self.assertNotIn("st4te", line)
        self.assertIn("/dingtalk/oauth/callback?authCode=***&state=***", line)
