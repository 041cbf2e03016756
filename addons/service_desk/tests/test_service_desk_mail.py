# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import MailCommon

EMAIL_TPL = """Return-Path: <{email_from}>
To: {to}
cc: {cc}
Message-ID: {msg_id}
Date: Tue, 29 Nov 2025 12:43:21 +0800
From: {email_from}
MIME-Version: 1.0
Subject: {subject}{extra}
Content-Type: text/plain; charset=UTF-8

Our production line controller is down since this morning.
"""


@tagged("service_desk_mail")
class TestServiceDeskMail(MailCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env["service.desk.team"].create(
            {"name": "Tier 1", "alias_name": "support", "alias_domain_id": cls.mail_alias_domain.id}
        )
        cls.support_email = f"support@{cls.alias_domain}"
        cls.customer = cls.env["res.partner"].create(
            {"name": "Wang Fang", "email": "wang.fang@qiming.example.com"}
        )
        cls.colleague = cls.env["res.partner"].create(
            {"name": "Li Lei", "email": "li.lei@qiming.example.com"}
        )
        cls.user_employee.groups_id += cls.env.ref("service_desk.service_desk_group_user")
        cls.stage_in_progress = cls.env.ref("service_desk.stage_in_progress")
        cls.stage_solved = cls.env.ref("service_desk.stage_solved")
        cls.stage_waiting = cls.env.ref("service_desk.stage_waiting_customer")

    def _send(self, subject, email_from=None, **kwargs):
        with self.mock_mail_gateway():
            return self.format_and_process(
                EMAIL_TPL,
                email_from or self.customer.email_formatted,
                self.support_email,
                subject=subject,
                target_model="service.desk.ticket",
                **kwargs,
            )

    def _ticket_from_mail(self, subject="Line controller down", **kwargs):
        ticket = self._send(subject, **kwargs)
        self.assertEqual(len(ticket), 1)
        return ticket

    def test_email_creates_ticket(self):
        ticket = self._ticket_from_mail(cc=self.colleague.email_formatted)
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.partner_id, self.customer)
        self.assertEqual(ticket.channel, "email")
        self.assertRegex(ticket.number, r"^T\d{4}-\d{5}$")
        self.assertIn(self.colleague, ticket.message_partner_ids, "CC'd contacts follow the ticket")
        self.assertEqual(ticket.message_ids[0].author_id, self.customer)

    def test_email_routing_overrides_alias_team(self):
        """The alias team is a default: a VIP "system down" mail still goes to tier 2."""
        tier2 = self.env["service.desk.team"].create({"name": "Tier 2"})
        vip = self.env["res.partner.category"].create({"name": "VIP"})
        self.customer.category_id = vip
        self.env["service.desk.routing.rule"].create(
            {
                "name": "VIP down",
                "domain": repr(
                    [("partner_id.category_id", "in", vip.ids), ("name", "ilike", "down")]
                ),
                "team_id": tier2.id,
                "priority": "3",
            }
        )
        ticket = self._ticket_from_mail()
        self.assertEqual((ticket.team_id, ticket.priority), (tier2, "3"))
        other = self._ticket_from_mail(subject="Invoice copy")
        self.assertEqual(other.team_id, self.team)

    def test_email_unknown_sender_creates_customer(self):
        ticket = self._ticket_from_mail(email_from="Zhao Min <zhao.min@newco.example.com>")
        self.assertEqual(ticket.partner_id.email, "zhao.min@newco.example.com")

    def test_reply_threads_by_number_in_subject(self):
        ticket = self._ticket_from_mail()
        # No In-Reply-To / References: only the number in the subject links it.
        self._send(f"Re: [{ticket.number}] Line controller down")
        self.assertEqual(
            self.env["service.desk.ticket"].search_count([("partner_id", "=", self.customer.id)]), 1
        )
        self.assertEqual(len(ticket.message_ids.filtered(lambda m: m.message_type == "email")), 2)

    def test_notification_subject_carries_the_whole_number(self):
        """Issue 14: mails about a ticket carry its whole number, bracketed, so the customer
        sees it and a reply without threading headers still finds the ticket."""
        ticket = self._ticket_from_mail()
        with self.mock_mail_gateway():
            ticket.with_user(self.user_employee).message_post(
                body="We are on it.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=self.customer.ids,
            )
        subject = f"[{ticket.number}] Line controller down"
        self.assertEqual(self._mails[-1]["subject"], subject)
        self._send(f"Re: {subject}")
        self.assertEqual(
            self.env["service.desk.ticket"].search_count([("partner_id", "=", self.customer.id)]), 1
        )

    def test_number_in_subject_from_stranger_opens_new_ticket(self):
        """Guessing a ticket number must not let a stranger post on someone else's ticket."""
        ticket = self._ticket_from_mail()
        count = len(ticket.message_ids)
        new = self._send(f"Re: [{ticket.number}] hello", email_from="intruder@evil.example.com")
        self.assertEqual(len(ticket.message_ids), count)
        self.assertTrue(new)
        self.assertNotEqual(new, ticket)

    def test_customer_reply_reopens_solved_ticket(self):
        ticket = self._ticket_from_mail()
        ticket.stage_id = self.stage_solved
        self._send(f"Re: [{ticket.number}] Line controller down")
        self.assertEqual(ticket.stage_id, self.stage_in_progress)
        self.assertFalse(ticket.date_done)

    def test_customer_reply_while_waiting_resumes(self):
        ticket = self._ticket_from_mail()
        ticket.stage_id = self.stage_waiting
        self._send(f"Re: [{ticket.number}] Line controller down")
        self.assertEqual(ticket.stage_id, self.stage_in_progress)

    def test_employee_note_does_not_reopen(self):
        ticket = self._ticket_from_mail()
        ticket.stage_id = self.stage_solved
        ticket.with_user(self.user_employee).message_post(
            body="Closing remark", message_type="comment"
        )
        self.assertEqual(ticket.stage_id, self.stage_solved)

    @mute_logger("odoo.addons.service_desk.models.mail_thread")
    def test_auto_reply_is_ignored(self):
        ticket = self._ticket_from_mail()
        ticket.stage_id = self.stage_solved
        count = len(ticket.message_ids)
        self._send(
            f"Auto: [{ticket.number}] Out of office",
            extra="\nAuto-Submitted: auto-replied",
        )
        self.assertEqual(len(ticket.message_ids), count)
        self.assertEqual(ticket.stage_id, self.stage_solved)
        self.assertFalse(self._send("Out of office", extra="\nAuto-Submitted: auto-replied"))

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_loop_sender_is_stopped(self):
        """Odoo's gateway loop detection stays active for tickets."""
        self.env["ir.config_parameter"].set_param("mail.gateway.loop.threshold", 2)
        for i in range(2):
            self._ticket_from_mail(subject=f"Bot {i}")
        self.assertFalse(self._send("Bot 3"))
