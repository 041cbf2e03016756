# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install", "service_desk_csat")
class TestServiceDeskRatingHttp(HttpCase):
    """The rating link of the solve mail is public: only its own token may rate the ticket."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        customer = cls.env["res.partner"].create({"name": "Guest", "email": "g@example.com"})
        cls.ticket = cls.env["service.desk.ticket"].create(
            {
                "name": "Label printer",
                "partner_id": customer.id,
                "user_id": cls.env.ref("base.user_admin").id,  # who calls the customer back
            }
        )
        cls.ticket.stage_id = cls.env.ref("service_desk.stage_solved")
        cls.rating = cls.ticket.rating_ids
        cls.todo = cls.env.ref("mail.mail_activity_data_todo")

    def _submit(self, token, rate):
        self.authenticate(None, None)  # a public session, for its CSRF token
        return self.url_open(
            f"/rate/{token}/submit_feedback",
            data={"rate": rate, "feedback": "", "csrf_token": http.Request.csrf_token(self)},
        )

    @mute_logger("odoo.http")
    def test_forged_token_changes_nothing(self):
        self.assertEqual(len(self.rating), 1)
        response = self._submit("x" * len(self.rating.access_token), 1)
        self.assertEqual(response.status_code, 404)
        self.rating.invalidate_recordset()
        self.assertFalse(self.rating.consumed)
        self.ticket.invalidate_recordset()
        self.assertFalse(self.ticket.activity_ids)

    def test_rating_again_updates_without_a_second_care_activity(self):
        self.assertEqual(self._submit(self.rating.access_token, 1).status_code, 200)
        self.assertEqual(self._submit(self.rating.access_token, 1).status_code, 200)
        self.rating.invalidate_recordset()
        self.assertEqual((self.rating.rating, self.rating.consumed), (1, True))
        self.ticket.invalidate_recordset()
        self.assertEqual(len(self.ticket.activity_ids), 1, "one care call, however often rated")
