# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo.exceptions import AccessError
from odoo.http import Request
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install", "service_desk_portal")
class TestServiceDeskPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env["res.partner"].create({"name": "Customer A", "is_company": True})
        cls.company_b = cls.env["res.partner"].create({"name": "Customer B", "is_company": True})
        cls.portal_a = new_test_user(cls.env, "sd_portal_a", groups="base.group_portal")
        cls.portal_b = new_test_user(cls.env, "sd_portal_b", groups="base.group_portal")
        cls.portal_a.partner_id.parent_id = cls.company_a
        cls.portal_b.partner_id.parent_id = cls.company_b
        Ticket = cls.env["service.desk.ticket"]
        cls.ticket_a = Ticket.create(
            {"name": "A: printer jam", "partner_id": cls.portal_a.partner_id.id}
        )
        cls.ticket_b = Ticket.create({"name": "B: secret outage", "partner_id": cls.company_b.id})

    def test_portal_list_shows_only_own_tickets(self):
        self.authenticate("sd_portal_a", "sd_portal_a")
        response = self.url_open("/my/tickets")
        self.assertEqual(response.status_code, 200)
        self.assertIn("A: printer jam", response.text)
        self.assertNotIn("B: secret outage", response.text)
        self.assertEqual(self.url_open(f"/my/tickets/{self.ticket_a.id}").status_code, 200)

    def test_portal_list_pages(self):
        self.env["service.desk.ticket"].create(
            [{"name": f"A: request {i:02d}", "partner_id": self.company_a.id} for i in range(21)]
        )
        self.authenticate("sd_portal_a", "sd_portal_a")
        page2 = self.url_open("/my/tickets/page/2").text
        # 22 tickets, 20 a page, newest first: page 2 holds the two oldest.
        self.assertIn("A: printer jam", page2)
        self.assertIn("A: request 00", page2)
        self.assertNotIn("A: request 20", page2)

    @mute_logger("odoo.http")
    def test_portal_cannot_open_other_customer_ticket(self):
        """Customer A must never read B's ticket, even by guessing its id."""
        self.authenticate("sd_portal_a", "sd_portal_a")
        response = self.url_open(f"/my/tickets/{self.ticket_b.id}")
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn("B: secret outage", response.text)

    def _post_as_portal(self, ticket, body):
        return self.url_open(
            "/mail/message/post",
            data=self._json(
                {
                    "thread_model": "service.desk.ticket",
                    "thread_id": ticket.id,
                    "post_data": {
                        "body": body,
                        "message_type": "comment",
                        "subtype_xmlid": "mail.mt_comment",
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )

    def test_portal_reply_resumes_ticket_waiting_on_customer(self):
        self.ticket_a.stage_id = self.env.ref("service_desk.stage_waiting_customer")
        self.authenticate("sd_portal_a", "sd_portal_a")
        response = self._post_as_portal(self.ticket_a, "Here is the log you asked for")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("error", response.json())
        self.assertEqual(self.ticket_a.message_ids[0].author_id, self.portal_a.partner_id)
        self.assertEqual(self.ticket_a.stage_id, self.env.ref("service_desk.stage_in_progress"))

    @mute_logger("odoo.http")
    def test_portal_cannot_post_on_other_customer_ticket(self):
        """Posting through the chatter route on B's ticket is refused and changes nothing."""
        count = len(self.ticket_b.message_ids)
        self.authenticate("sd_portal_a", "sd_portal_a")
        response = self._post_as_portal(self.ticket_b, "Injected")
        self.assertTrue(response.status_code in (403, 404) or "error" in response.json())
        with self.assertRaises(AccessError):
            self.ticket_b.with_user(self.portal_a).message_post(
                body="Injected", message_type="comment"
            )
        self.ticket_b.invalidate_recordset()
        self.assertEqual(len(self.ticket_b.message_ids), count)

    def test_portal_customer_replies_and_opens_ticket(self):
        self.ticket_a.with_user(self.portal_a).message_post(
            body="Still jammed", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertEqual(self.ticket_a.message_ids[0].author_id, self.portal_a.partner_id)
        self.authenticate("sd_portal_a", "sd_portal_a")
        response = self.url_open(
            "/my/tickets/new",
            data={
                "name": "Scanner broken",
                "description": "It smokes",
                "csrf_token": self._csrf(),
                "form_uid": "0" * 32,  # the form's one-time id (see TestHostileInput)
            },
        )
        self.assertEqual(response.status_code, 200)
        ticket = self.env["service.desk.ticket"].search([("name", "=", "Scanner broken")])
        self.assertEqual(ticket.partner_id, self.portal_a.partner_id)
        self.assertEqual(ticket.channel, "portal")
        self.assertIn(f"/my/tickets/{ticket.id}", response.url)

    def _json(self, params):
        return json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params})

    def _csrf(self):
        return Request.csrf_token(self)
