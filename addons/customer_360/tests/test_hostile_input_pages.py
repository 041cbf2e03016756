# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Hostile input against the pages people open: NPS, CES, rating, portal form, xlsx export.

Regression for issue 12: ``/customer_360/nps/<token>?score=²`` answered 500
(``"²".isdigit()`` but ``int("²")`` raises); a NUL in a token, score or
comment reached SQL (500); the rating pages raised ValueError (500) for a
rate other than 1, 3, 5; the xlsx export answered 500 for a domain on an
unknown field and wrote a lead named ``=HYPERLINK(...)`` as a formula.
"""

import io
import json
from unittest.mock import patch
from urllib.parse import quote

from openpyxl import load_workbook
from werkzeug.urls import url_encode

from odoo import http
from odoo.tests import new_test_user, tagged

from .hostile_corpus import JSON_VALUES, TEXTS, URL_DEEP_JSON, in_url
from .test_hostile_input import HEADERS, HostileCase

# Text no free-text field may store; the rest of TEXTS is a fine comment.
BAD_COMMENTS = [
    (label, value) for label, value in TEXTS if label in ("nul", "nul_only", "overlong")
]
URL_TEXTS = in_url(TEXTS)


@tagged("post_install", "-at_install", "hostile_input")
class TestHostileSurveyPages(HostileCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        account = cls.env["res.partner"].create({"name": "问卷客户", "is_company": True})
        contact = cls.env["res.partner"].create(
            {"name": "王芳", "parent_id": account.id, "email": "fang@hostile.example"}
        )
        survey = cls.env["customer.nps.survey"].create(
            {"name": "Hostile NPS", "partner_ids": [(6, 0, contact.ids)]}
        )
        with patch.object(type(cls.env["mail.template"]), "send_mail_batch"):
            survey.action_send()
        cls.nps = survey.response_ids
        cls.ticket = cls.env["service.desk.ticket"].create(
            {
                "name": "Hostile printer",
                "partner_id": contact.id,
                "user_id": cls.env.ref("base.user_admin").id,
            }
        )
        cls.ticket.stage_id = cls.env.ref("service_desk.stage_solved")
        cls.ces = cls.ticket.ces_response_ids
        cls.rating = cls.ticket.rating_ids

    def _assert_survey_untouched(self, response):
        response.invalidate_recordset()
        self.assertFalse(response.date_answered)
        self.assertFalse(response.score)

    def _check_survey(self, response, base, good_score):
        url = f"{base}/{response.access_token}"
        with self.assertCalm():
            for label, value in URL_TEXTS:
                page = self.url_open(f"{url}?{url_encode({'score': value})}")
                self.assertEqual(page.status_code, 200, label)  # shown, no score preselected
                self.assertNotIn("checked", page.text, label)
                self.assertRefused(self.url_open(url, data={"score": value}), label)
            for label, value in BAD_COMMENTS:
                answer = {"score": good_score, "comment": value}
                self.assertRefused(self.url_open(url, data=answer), label)
            for label, value in URL_TEXTS:
                other = f"{base}/{quote(value, safe='')}"
                self.assertEqual(self.url_open(other).status_code, 404, label)
                self.assertEqual(self.url_open(other, data={"score": good_score}).status_code, 404)
            self.assertHeadersHarmless(url)
            self.assertHeadersHarmless(url, data={"score": "x"})
        self._assert_survey_untouched(response)
        # a replayed answer is refused, the first one kept
        self.assertEqual(self.url_open(url, data={"score": good_score}).status_code, 200)
        with self.assertCalm():
            self.assertEqual(self.url_open(url, data={"score": "1"}).status_code, 409)
        response.invalidate_recordset()
        self.assertEqual(response.score, int(good_score))

    def test_nps_page(self):
        self._check_survey(self.nps, "/customer_360/nps", "8")

    def test_ces_page(self):
        self._check_survey(self.ces, "/service_desk/ces", "6")

    def test_rating_pages(self):
        self.authenticate(None, None)  # a public session, for its CSRF token
        token = self.rating.access_token
        submit = f"/rate/{token}/submit_feedback"
        with self.assertCalm():
            for rate in (0, 2, 4, 6, 10**30):
                self.assertEqual(self.url_open(f"/rate/{token}/{rate}").status_code, 404, rate)
            for label, value in TEXTS:
                form = {"rate": value, "csrf_token": http.Request.csrf_token(self)}
                self.assertRefused(self.url_open(submit, data=form), label)
            for label, value in BAD_COMMENTS:
                form = {"rate": "5", "feedback": value, "csrf_token": http.Request.csrf_token(self)}
                self.assertRefused(self.url_open(submit, data=form), label)
            for label, value in URL_TEXTS:
                self.assertEqual(
                    self.url_open(f"/rate/{quote(value, safe='')}/5").status_code, 404, label
                )
        self.rating.invalidate_recordset()
        self.assertFalse(self.rating.consumed)
        self.assertFalse(self.ticket.activity_ids)


@tagged("post_install", "-at_install", "hostile_input")
class TestHostilePortalAndExport(HostileCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(cls.env, "c360_hostile_portal", groups="base.group_portal")
        cls.sales = new_test_user(
            cls.env, "c360_hostile_sales", groups="crm_full.crm_full_group_user"
        )
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": '=HYPERLINK("https://evil.example","查看")',
                "type": "opportunity",
                "user_id": cls.sales.id,
                "expected_revenue": 1000,
            }
        )

    def _tickets(self):
        return self.env["service.desk.ticket"].search(
            [("partner_id", "=", self.portal.partner_id.id)]
        )

    def _new_ticket(self, files=None, **values):
        form = {
            "name": "Scanner broken",
            "description": "It smokes",
            "form_uid": "a" * 32,
            "csrf_token": http.Request.csrf_token(self),
            **values,
        }
        return self.url_open(
            "/my/tickets/new", data={k: v for k, v in form.items() if v is not None}, files=files
        )

    def test_portal_ticket_form(self):
        self.authenticate("c360_hostile_portal", "c360_hostile_portal")
        with self.assertCalm():
            for label, value in BAD_COMMENTS:
                self.assertEqual(self._new_ticket(name=value).status_code, 400, label)
                self.assertEqual(self._new_ticket(description=value).status_code, 400, label)
            for label, value in [("missing", None), *TEXTS]:
                self.assertEqual(self._new_ticket(form_uid=value).status_code, 400, label)
            self.assertEqual(self._new_ticket(name="   ").status_code, 400)
            for path in ("/my/tickets/99999999999999999999", f"/my/tickets/{2**31}"):
                self.assertEqual(self.url_open(path).status_code, 404, path)
            self.assertLess(self.url_open("/my/tickets/page/99999999999999999999").status_code, 500)
            # a foreign Cookie header is another (anonymous) session: sent on public pages only
            headers = [header for header in HEADERS if header != "Cookie"]
            self.assertHeadersHarmless("/my/tickets/new", headers=headers)
            self.assertHeadersHarmless("/my/tickets/new", {"name": "\x00"}, headers)
        self.assertFalse(self._tickets())
        # a replayed form opens one ticket
        first, again = self._new_ticket(), self._new_ticket()
        self.assertEqual(len(self._tickets()), 1)
        self.assertEqual(first.url, again.url)
        self.assertIn(f"/my/tickets/{self._tickets().id}", again.url)

    def test_portal_ticket_form_new_fields(self):
        """Category, priority and attachments (issue 14): wrong-typed, unknown or oversized
        values are refused with 400 and nothing is written."""
        self.authenticate("c360_hostile_portal", "c360_hostile_portal")
        Attachment = self.env["ir.attachment"]
        before = Attachment.search_count([("res_model", "=", "service.desk.ticket")])
        category = self.env["service.desk.category"].create({"name": "Hostile category"})
        bad_categories = ["abc", "²", " 7", "1_0", "-1", "99999999999999999999", "999999999"]
        with self.assertCalm():
            for value in [*bad_categories, f"{category.id}\x00", f"[{category.id}]"]:
                self.assertEqual(self._new_ticket(category_id=value).status_code, 400, value)
            for value in ("9", "urgent", "1 ", "\x00", "٣"):
                self.assertEqual(self._new_ticket(priority=value).status_code, 400, value)
            with patch("odoo.addons.service_desk.controllers.portal.MAX_ATTACHMENT_BYTES", 10):
                big = {"attachment": ("big.txt", b"x" * 11, "text/plain")}
                self.assertEqual(self._new_ticket(files=big).status_code, 400)
            many = [("attachment", (f"{i}.txt", b"x", "text/plain")) for i in range(6)]
            self.assertEqual(self._new_ticket(files=many).status_code, 400)
            named = {"attachment": ("a\x00.txt", b"x", "text/plain")}
            self.assertLess(self._new_ticket(files=named).status_code, 500)
        self.assertFalse(self._tickets())
        self.assertEqual(
            Attachment.search_count([("res_model", "=", "service.desk.ticket")]), before
        )
        category.active = False  # an archived category is no choice either
        self.assertEqual(self._new_ticket(category_id=str(category.id)).status_code, 400)
        self.assertFalse(self._tickets())

    def _export(self, domain_text):
        query = url_encode({"domain": domain_text})
        return self.url_open(f"/crm_full/report/xlsx/crm.report.forecast?{query}")

    def test_export_writes_text_never_formulas(self):
        """Regression: a lead named =HYPERLINK(...) was written as a live formula."""
        self.authenticate("c360_hostile_sales", "c360_hostile_sales")
        response = self._export(json.dumps([["lead_id", "=", self.lead.id]]))
        self.assertEqual(response.status_code, 200)
        cell = load_workbook(io.BytesIO(response.content)).active["B2"]
        self.assertEqual(cell.data_type, "s")
        self.assertEqual(cell.value, self.lead.name)
        self.assertIsNone(cell.hyperlink)

    def test_export_refuses_hostile_domains(self):
        """Regression: a domain on an unknown field answered 500."""
        self.authenticate("c360_hostile_sales", "c360_hostile_sales")
        domains = [
            '[["no_such_field", "=", 1]]',
            '[["lead_id.no_such_field", "=", 1]]',
            '[["lead_id", "=", {"a": 1}]]',
            '[["date_deadline", "=", "not a date"]]',
            '[["lead_id", "no_such_operator", 1]]',
            '[["lead_id", "=", "a\\u0000b"]]',
            '["|", ["lead_id", "=", 1]]',
            "[1, 2, 3]",
            *(raw for _label, raw in in_url(JSON_VALUES) + URL_DEEP_JSON),
            *(value for _label, value in URL_TEXTS),
        ]
        with self.assertCalm():
            for domain in domains:
                self.assertRefused(self._export(domain), domain[:60])
