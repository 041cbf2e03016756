# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager
from datetime import datetime
from unittest.mock import patch

from odoo.tests import freeze_time, tagged

from .common import ServiceDeskCommon

# Friday 2026-01-09 17:00 UTC on a 9:00-18:00 UTC Monday-Friday calendar.
FRIDAY_1700 = datetime(2026, 1, 9, 17, 0)


@tagged("service_desk_csat")
class TestServiceDeskMetrics(ServiceDeskCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "9-18 UTC",
                "tz": "UTC",
                "attendance_ids": [
                    (0, 0, {"name": f"Day {d}", "dayofweek": str(d), "hour_from": 9, "hour_to": 18})
                    for d in range(5)
                ],
            }
        )
        cls.team.resource_calendar_id = cls.calendar
        cls.stage_progress = cls.env.ref("service_desk.stage_in_progress")
        cls.agent_partner = cls.user_agent.partner_id

    @contextmanager
    def _at(self, when):
        with freeze_time(when), patch.object(self.env.cr, "now", lambda: when):
            yield

    def _reply(self, ticket, internal=False):
        ticket.with_user(self.user_agent).message_post(
            body="We are on it.",
            message_type="comment",
            subtype_xmlid="mail.mt_note" if internal else "mail.mt_comment",
        )

    def test_first_reply_and_resolution_in_working_hours(self):
        with self._at(FRIDAY_1700):
            ticket = self._new_ticket()
        with self._at(datetime(2026, 1, 10, 11, 0)):  # Saturday: a note is no reply
            self._reply(ticket, internal=True)
        self.assertFalse(ticket.first_reply_date)
        with self._at(datetime(2026, 1, 12, 10, 0)):  # Monday
            self._reply(ticket)
        self.assertEqual(ticket.first_reply_date, datetime(2026, 1, 12, 10, 0))
        self.assertAlmostEqual(ticket.first_reply_hours, 2.0)  # Fri 1h + Mon 1h
        with self._at(datetime(2026, 1, 12, 15, 30)):
            self._reply(ticket)
            ticket.stage_id = self.stage_solved
        self.assertEqual(ticket.first_reply_date, datetime(2026, 1, 12, 10, 0))
        self.assertEqual(ticket.public_reply_count, 2)
        self.assertAlmostEqual(ticket.resolution_hours, 7.5)  # Fri 1h + Mon 6.5h

    def test_customer_message_is_no_reply(self):
        ticket = self._new_ticket()
        ticket.message_post(
            body="Any news?",
            author_id=self.customer.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertFalse(ticket.first_reply_date)
        self.assertEqual(ticket.public_reply_count, 0)

    def test_fcr_final_after_seven_days(self):
        with self._at(FRIDAY_1700):
            ticket = self._new_ticket()
            self._reply(ticket)
            ticket.stage_id = self.stage_solved
        self.assertEqual(ticket.fcr_state, "pending")
        with self._at(datetime(2026, 1, 14, 9, 0)):
            ticket._cron_finalize_fcr()
        self.assertEqual(ticket.fcr_state, "pending", "still inside the 7-day window")
        with self._at(datetime(2026, 1, 17, 9, 0)):
            ticket._cron_finalize_fcr()
        self.assertEqual(ticket.fcr_state, "yes")
        self.assertEqual(ticket.reopen_count, 0)

    def test_reopen_within_window_is_no_fcr(self):
        with self._at(FRIDAY_1700):
            ticket = self._new_ticket()
            ticket.stage_id = self.stage_solved
        with self._at(datetime(2026, 1, 12, 9, 0)):
            ticket.stage_id = self.stage_progress
        self.assertEqual((ticket.reopen_count, ticket.fcr_state), (1, "no"))
        with self._at(datetime(2026, 1, 12, 10, 0)):
            ticket.stage_id = self.stage_solved
            ticket.stage_id = self.stage_progress
            ticket.stage_id = self.stage_solved
        self.assertEqual((ticket.reopen_count, ticket.fcr_state), (2, "no"))

    def test_reopen_after_window_keeps_fcr(self):
        with self._at(FRIDAY_1700):
            ticket = self._new_ticket()
            ticket.stage_id = self.stage_solved
        with self._at(datetime(2026, 1, 20, 9, 0)):
            ticket.stage_id = self.stage_progress
        self.assertEqual((ticket.reopen_count, ticket.fcr_state), (1, "yes"))

    def test_many_replies_is_no_fcr(self):
        ticket = self._new_ticket()
        self._reply(ticket)
        self._reply(ticket)
        ticket.stage_id = self.stage_solved
        self.assertEqual(ticket.fcr_state, "no")
