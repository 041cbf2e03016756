# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import tagged

from .sla_common import ServiceDeskSlaCommon, local


@tagged("service_desk_sla")
class TestServiceDeskSlaFlow(ServiceDeskSlaCommon):
    def _run_cron(self):
        self.env["service.desk.sla.status"]._cron_sla_breach()

    def test_pause_then_resume_moves_deadline_by_paused_working_time(self):
        with self.at("2026-01-12 09:00"):
            ticket = self._new_ticket()
        clock = self.clock(ticket)
        self.assertEqual(clock.deadline, local("2026-01-12 13:00"))
        with self.at("2026-01-12 10:00"):
            ticket.stage_id = self.stage_waiting
        self.assertEqual(clock.state, "paused")
        self.assertEqual(clock.elapsed_seconds, 3600)
        self.assertFalse(ticket.sla_deadline)
        with self.at("2026-01-12 15:00"):
            ticket.stage_id = self.stage_in_progress
        self.assertEqual(clock.state, "running")
        self.assertEqual(clock.paused_seconds, 5 * 3600)
        self.assertEqual(clock.deadline, local("2026-01-12 18:00"))
        self.assertEqual(
            clock.event_ids.sorted("id").mapped("event_type"), ["activate", "pause", "resume"]
        )

    def test_breach_at_deadline_by_cron_then_late_fulfil_stays_breached(self):
        with self.at("2026-01-12 09:00"):
            ticket = self._new_ticket(user_id=self.user_agent.id)
        clock = self.clock(ticket)
        cron = self.env.ref("service_desk.ir_cron_service_desk_sla_breach")
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        # woken at the warning (50 %: 11:00) first; each run wakes it for the next instant
        self.assertIn(local("2026-01-12 11:00"), triggers.mapped("call_at"))
        with self.at("2026-01-12 11:00"):
            self._run_cron()
        self.assertTrue(clock.warned)
        self.assertIn(
            local("2026-01-12 13:00"),
            self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]).mapped("call_at"),
        )
        with self.at("2026-01-12 12:59"):
            self._run_cron()
        self.assertFalse(clock.breached)
        with self.at("2026-01-12 13:00"):
            self._run_cron()
        self.assertTrue(clock.breached)
        self.assertTrue(ticket.sla_breached)
        # issue 14: the breach is a state change at the deadline, not at the late fulfil
        self.assertEqual(clock.state, "breached")
        self.assertFalse(clock.date_reached)
        self.assertEqual(ticket.sla_state, "breached")
        self.assertIn("SLA breached", ticket.message_ids[0].body)
        self.assertEqual(ticket.activity_ids.user_id, self.user_agent)
        self.assertEqual(ticket.activity_ids.summary, "SLA breached")
        self.assertEqual(
            clock.event_ids.filtered(lambda e: e.event_type == "breach").date,
            local("2026-01-12 13:00"),
        )
        with self.at("2026-01-12 14:00"):
            ticket.stage_id = self.stage_solved
        self.assertEqual(clock.state, "breached")
        self.assertTrue(clock.breached)
        self.assertEqual(clock.overdue_seconds, 3600)
        self.assertEqual(clock.date_reached, local("2026-01-12 14:00"))

    def test_reopen_resumes_with_remaining_budget(self):
        with self.at("2026-01-12 09:00"):
            ticket = self._new_ticket()
        clock = self.clock(ticket)
        with self.at("2026-01-12 10:00"):
            ticket.stage_id = self.stage_solved
        self.assertEqual(clock.state, "met")
        with self.at("2026-01-13 09:00"):
            ticket.stage_id = self.stage_in_progress
        self.assertEqual(self.clock(ticket), clock)
        self.assertEqual(clock.state, "running")
        self.assertEqual(clock.elapsed_seconds, 3600)
        self.assertEqual(clock.deadline, local("2026-01-13 12:00"))

    def test_reopen_new_cycle_keeps_old_result(self):
        self.policy.target_ids.reopen_mode = "new_cycle"
        with self.at("2026-01-12 09:00"):
            ticket = self._new_ticket()
        first = self.clock(ticket)
        with self.at("2026-01-12 10:00"):
            ticket.stage_id = self.stage_solved
        with self.at("2026-01-13 09:00"):
            ticket.stage_id = self.stage_in_progress
        second = self.clock(ticket)
        self.assertNotEqual(first, second)
        self.assertEqual((first.state, second.state, second.cycle), ("met", "running", 2))
        self.assertEqual(second.deadline, local("2026-01-13 13:00"))

    def test_priority_change_keeps_start_and_elapsed(self):
        urgent = self.env["service.desk.sla.policy"].create(
            {
                "name": "Urgent",
                "sequence": 1,
                "priority": "3",
                "target_ids": [Command.create({"metric": "resolution", "hours": 2})],
            }
        )
        with self.at("2026-01-12 09:00"):
            ticket = self._new_ticket()
        clock = self.clock(ticket)
        with self.at("2026-01-12 10:00"):
            ticket.priority = "3"
        self.assertEqual(ticket.sla_policy_id, urgent)
        self.assertEqual(self.clock(ticket), clock)
        self.assertEqual(clock.target_id, urgent.target_ids)
        self.assertEqual(clock.date_start, local("2026-01-12 09:00"))
        self.assertEqual(clock.elapsed_seconds, 3600)
        self.assertEqual(clock.deadline, local("2026-01-12 11:00"))
        self.assertIn("retarget", clock.event_ids.mapped("event_type"))

    def test_policy_that_stops_matching_cancels_its_clock(self):
        with self.at("2026-01-12 09:00"):
            ticket = self._new_ticket()
        clock = self.clock(ticket)
        with self.at("2026-01-12 10:00"):
            ticket.team_id = self.team_other
        self.assertFalse(ticket.sla_policy_id)
        self.assertTrue(clock.exists())
        self.assertEqual(clock.state, "cancelled")
        self.assertEqual(clock.elapsed_seconds, 3600)
        self.assertFalse(ticket.sla_deadline)

    def test_first_reply_needs_a_public_employee_reply(self):
        self.policy.target_ids = [Command.create({"metric": "first_reply", "hours": 1})]
        with self.at("2026-01-12 09:00"):
            ticket = self._new_ticket()
        clock = self.clock(ticket, "first_reply")
        self.assertEqual(clock.deadline, local("2026-01-12 10:00"))
        with self.at("2026-01-12 09:10"):
            ticket.with_user(self.user_agent).message_post(
                body="Checking the spooler", message_type="comment", subtype_xmlid="mail.mt_note"
            )
            ticket.message_post(
                body="Ticket received", message_type="notification", subtype_xmlid="mail.mt_comment"
            )
        self.assertEqual(clock.state, "running")
        with self.at("2026-01-12 09:20"):
            ticket.with_user(self.user_agent).message_post(
                body="Please restart the printer",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(clock.state, "met")
        self.assertEqual(clock.elapsed_seconds, 1200)
        self.assertEqual(self.clock(ticket).state, "running")

    def test_solving_without_reply_fulfils_first_reply(self):
        self.policy.target_ids = [Command.create({"metric": "first_reply", "hours": 1})]
        with self.at("2026-01-12 09:00"):
            ticket = self._new_ticket()
        with self.at("2026-01-12 09:30"):
            ticket.stage_id = self.stage_solved
        self.assertEqual(ticket.sla_status_ids.mapped("state"), ["met", "met"])
        self.assertFalse(ticket.sla_deadline)
