# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "customer_360_nps")
class TestNpsPage(HttpCase):
    """The NPS link is public: the token answers once and cannot be forged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        account = cls.env["res.partner"].create({"name": "Page Co", "is_company": True})
        contact = cls.env["res.partner"].create(
            {"name": "Reader", "parent_id": account.id, "email": "reader@page.example"}
        )
        survey = cls.env["customer.nps.survey"].create(
            {"name": "Page NPS", "partner_ids": [(6, 0, contact.ids)]}
        )
        with patch.object(type(cls.env["mail.template"]), "send_mail_batch"):
            survey.action_send()
        cls.account = account
        cls.response = survey.response_ids
        cls.url = f"/customer_360/nps/{cls.response.access_token}"

    def test_answer_then_reuse_is_refused(self):
        page = self.url_open(f"{self.url}?score=4")
        self.assertEqual(page.status_code, 200)
        self.assertEqual(page.text.count('name="score"'), 11)
        self.assertIn('value="4" checked', page.text)
        self.response.invalidate_recordset()
        self.assertFalse(self.response.date_answered, "opening the link does not answer")
        done = self.url_open(self.url, data={"score": "4", "comment": "Slow support"})
        self.assertEqual(done.status_code, 200)
        self.assertIn("o_nps_thanks", done.text)
        self.response.invalidate_recordset()
        self.assertEqual(
            (self.response.score, self.response.comment, self.response.category),
            (4, "Slow support", "detractor"),
        )
        self.assertEqual(len(self.account.activity_ids), 1, "a detractor opens a care activity")
        answered_on = self.response.date_answered
        self.assertEqual(self.url_open(self.url).status_code, 409)
        again = self.url_open(self.url, data={"score": "10"})
        self.assertEqual(again.status_code, 409)
        self.assertIn("o_nps_error", again.text)
        self.response.invalidate_recordset()
        self.assertEqual((self.response.score, self.response.date_answered), (4, answered_on))
        self.assertEqual(len(self.account.activity_ids), 1)

    def test_forged_token_is_refused(self):
        forged = "/customer_360/nps/" + "x" * 32
        self.assertEqual(self.url_open(forged).status_code, 404)
        res = self.url_open(forged, data={"score": "10"})
        self.assertEqual(res.status_code, 404)
        self.assertIn("o_nps_error", res.text)
        self.response.invalidate_recordset()
        self.assertFalse(self.response.date_answered)

    def test_out_of_range_score_changes_nothing(self):
        res = self.url_open(self.url, data={"score": "11"})
        self.assertEqual(res.status_code, 400)
        self.response.invalidate_recordset()
        self.assertFalse(self.response.date_answered)
