# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "service_desk_csat")
class TestServiceDeskCesHttp(HttpCase):
    """The CES link is public: the token must answer once and never be guessable."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        customer = cls.env["res.partner"].create({"name": "Guest", "email": "g@example.com"})
        cls.ticket = cls.env["service.desk.ticket"].create(
            {"name": "Scanner jam", "partner_id": customer.id}
        )
        cls.ticket.stage_id = cls.env.ref("service_desk.stage_solved")
        cls.ces = cls.ticket.ces_response_ids
        cls.url = f"/service_desk/ces/{cls.ces.access_token}"

    def test_answer_then_reuse_is_refused(self):
        page = self.url_open(self.url)
        self.assertEqual(page.status_code, 200)
        self.assertIn('name="score"', page.text)
        done = self.url_open(self.url, data={"score": "5", "comment": "Easy"})
        self.assertEqual(done.status_code, 200)
        self.assertIn("o_ces_thanks", done.text)
        self.ces.invalidate_recordset()
        self.assertEqual((self.ces.score, self.ces.comment), (5, "Easy"))
        answered_on = self.ces.date_answered
        # reused token: refused on GET and POST, the first answer stays
        self.assertEqual(self.url_open(self.url).status_code, 409)
        again = self.url_open(self.url, data={"score": "1"})
        self.assertEqual(again.status_code, 409)
        self.assertIn("o_ces_error", again.text)
        self.ces.invalidate_recordset()
        self.assertEqual((self.ces.score, self.ces.date_answered), (5, answered_on))
        self.assertEqual(self.ticket.ces_score, 5)

    def test_forged_token_is_refused(self):
        forged = "/service_desk/ces/" + "x" * 32
        self.assertEqual(self.url_open(forged).status_code, 404)
        res = self.url_open(forged, data={"score": "7"})
        self.assertEqual(res.status_code, 404)
        self.assertIn("o_ces_error", res.text)
        self.ces.invalidate_recordset()
        self.assertFalse(self.ces.date_answered)

    def test_out_of_range_score_changes_nothing(self):
        res = self.url_open(self.url, data={"score": "8"})
        self.assertEqual(res.status_code, 400)
        self.ces.invalidate_recordset()
        self.assertFalse(self.ces.score)
