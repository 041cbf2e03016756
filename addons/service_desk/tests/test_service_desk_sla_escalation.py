# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from .sla_common import ServiceDeskSlaCommon, local


@tagged("service_desk_sla")
class TestServiceDeskSlaEscalation(ServiceDeskSlaCommon):
    """4 working hours from Monday 09:00: 50 % at 11:00, breach at 13:00."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_senior = new_test_user(
            cls.env, "sd_senior", groups="service_desk.service_desk_group_user"
        )
        cls.team.leader_id = cls.user_manager
        cls.target = cls.policy.target_ids
        # no warning: the wake-ups below can only come from the escalation steps
        cls.target.write(
            {
                "warning_percent": 0,
                "escalation_ids": [
                    Command.create({"sequence": 1, "percent": 50, "priority": "3"}),
                    Command.create(
                        {
                            "sequence": 2,
                            "trigger": "breach",
                            "reassign_user_id": cls.user_senior.id,
                            "notify_leader": True,
                        }
                    ),
                ],
            }
        )
        cls.step_half, cls.step_breach = cls.target.escalation_ids
        cls.cron = cls.env.ref("service_desk.ir_cron_service_desk_sla_breach")

    def _run_cron(self, when):
        with self.at(when):
            self.env["service.desk.sla.status"]._cron_sla_breach()

    def _escalations(self, clock):
        return clock.event_ids.filtered(lambda e: e.event_type == "escalate").sorted("id")

    def _leader_todos(self, ticket):
        return ticket.activity_ids.filtered(
            lambda a: a.user_id == self.user_manager and a.summary.startswith("SLA escalation")
        )

    def _wakeups(self):
        return (
            self.env["ir.cron.trigger"].search([("cron_id", "=", self.cron.id)]).mapped("call_at")
        )

    def test_steps_fire_once_at_their_share_of_working_time(self):
        with self.at("2026-01-12 09:00"):
            ticket = self._new_ticket(user_id=self.user_agent.id)
        clock = self.clock(ticket)
        self.assertEqual(clock.escalation_date, local("2026-01-12 11:00"))
        self.assertIn(local("2026-01-12 11:00"), self._wakeups())
        self._run_cron("2026-01-12 10:59")
        self.assertFalse(self._escalations(clock))
        self.assertEqual(ticket.priority, "1")

        self._run_cron("2026-01-12 11:00")
        self.assertEqual(ticket.priority, "3")
        self.assertEqual(self._escalations(clock).escalation_id, self.step_half)
        self.assertEqual(self._escalations(clock).elapsed_seconds, 2 * 3600)
        self.assertEqual(ticket.user_id, self.user_agent)
        self.assertEqual(clock.escalation_date, local("2026-01-12 13:00"))
        self.assertIn(local("2026-01-12 13:00"), self._wakeups())
        # a second run, or a later one before the next step, does nothing more
        ticket.priority = "2"
        self._run_cron("2026-01-12 11:00")
        self._run_cron("2026-01-12 12:59")
        self.assertEqual(len(self._escalations(clock)), 1)
        self.assertEqual(ticket.priority, "2")

        self._run_cron("2026-01-12 13:00")
        self.assertTrue(clock.breached)
        self.assertEqual(ticket.user_id, self.user_senior)
        self.assertEqual(len(self._leader_todos(ticket)), 1)
        self.assertEqual(
            self._escalations(clock).mapped("escalation_id"), self.step_half | self.step_breach
        )
        self.assertFalse(clock.escalation_date)
        ticket.user_id = self.user_agent
        self._run_cron("2026-01-12 13:00")
        self._run_cron("2026-01-13 10:00")
        self.assertEqual(len(self._escalations(clock)), 2)
        self.assertEqual(len(self._leader_todos(ticket)), 1)
        self.assertEqual(ticket.user_id, self.user_agent)

    def test_late_cron_catches_up_every_step_once(self):
        with self.at("2026-01-12 09:00"):
            ticket = self._new_ticket()
        clock = self.clock(ticket)
        self._run_cron("2026-01-12 15:00")
        self._run_cron("2026-01-12 15:00")
        self._run_cron("2026-01-12 15:05")
        self.assertEqual(
            self._escalations(clock).mapped("escalation_id"), self.step_half | self.step_breach
        )
        self.assertEqual((ticket.priority, ticket.user_id), ("3", self.user_senior))
        self.assertEqual(len(self._leader_todos(ticket)), 1)

    def test_paused_clock_does_not_escalate_until_resumed(self):
        with self.at("2026-01-12 09:00"):
            ticket = self._new_ticket()
        clock = self.clock(ticket)
        with self.at("2026-01-12 10:00"):
            ticket.stage_id = self.stage_waiting
        for when in ("2026-01-12 11:00", "2026-01-12 13:00", "2026-01-12 17:00"):
            self._run_cron(when)
        self.assertFalse(self._escalations(clock))
        self.assertEqual(ticket.priority, "1")
        with self.at("2026-01-12 15:00"):
            ticket.stage_id = self.stage_in_progress
        # one working hour was used: 50 % is one more hour away
        self.assertEqual(clock.escalation_date, local("2026-01-12 16:00"))
        self._run_cron("2026-01-12 15:59")
        self.assertFalse(self._escalations(clock))
        self._run_cron("2026-01-12 16:00")
        self.assertEqual(self._escalations(clock).escalation_id, self.step_half)
        self.assertEqual(ticket.priority, "3")
        self.assertEqual(clock.escalation_date, local("2026-01-12 18:00"))

    def test_fulfilled_clock_never_escalates(self):
        with self.at("2026-01-12 09:00"):
            ticket = self._new_ticket(user_id=self.user_agent.id)
        clock = self.clock(ticket)
        with self.at("2026-01-12 10:00"):
            ticket.stage_id = self.stage_solved
        self.assertEqual(clock.state, "met")
        for when in ("2026-01-12 11:00", "2026-01-12 13:00", "2026-01-13 13:00"):
            self._run_cron(when)
        self.assertFalse(self._escalations(clock))
        self.assertEqual((ticket.priority, ticket.user_id), ("1", self.user_agent))
        self.assertFalse(self._leader_todos(ticket))

    def test_new_cycle_escalates_again_resume_does_not(self):
        with self.at("2026-01-12 09:00"):
            ticket = self._new_ticket()
        clock = self.clock(ticket)
        self._run_cron("2026-01-12 11:00")
        with self.at("2026-01-12 11:30"):
            ticket.stage_id = self.stage_solved
        with self.at("2026-01-13 09:00"):
            ticket.stage_id = self.stage_in_progress
        self.assertEqual(self.clock(ticket), clock)
        # resumed with 2h30 elapsed: the 50 % step is done, the breach step is next
        self.assertEqual(clock.escalation_date, local("2026-01-13 10:30"))
        self._run_cron("2026-01-13 10:30")
        self.assertEqual(
            self._escalations(clock).mapped("escalation_id"), self.step_half | self.step_breach
        )

    def test_group_user_and_follower_actions(self):
        self.step_half.write(
            {
                "notify_user_ids": [Command.link(self.user_agent.id)],
                "notify_group_id": self.env.ref("service_desk.service_desk_group_manager").id,
                "follower_partner_ids": [Command.link(self.customer.id)],
            }
        )
        with self.at("2026-01-12 09:00"):
            ticket = self._new_ticket()
        self._run_cron("2026-01-12 11:00")
        todos = ticket.activity_ids.filtered(lambda a: a.summary == "SLA escalation: At 50%")
        self.assertIn(self.user_agent, todos.user_id)
        self.assertIn(self.user_manager, todos.user_id)
        self.assertIn(self.customer, ticket.message_partner_ids)

    def test_percent_must_be_positive(self):
        with self.assertRaises(ValidationError):
            self.step_half.percent = 0

    def test_cron_query_count_does_not_grow_with_escalating_clocks(self):
        def cron_queries(open_count, day):
            with self.at(f"{day} 09:00"):
                tickets = self.env["service.desk.ticket"].create(
                    [{"name": f"T{i}", "team_id": self.team.id} for i in range(open_count)]
                )
            self.env.flush_all()
            self.env.invalidate_all()
            with self.at(f"{day} 11:00"):
                before = self.env.cr.sql_log_count
                self.env["service.desk.sla.status"]._cron_sla_breach()
                count = self.env.cr.sql_log_count - before
            self.assertEqual(set(tickets.mapped("priority")), {"3"})
            with self.at(f"{day} 11:30"):
                tickets.stage_id = self.stage_solved
            return count

        self.step_half.notify_leader = True
        cron_queries(2, "2026-01-12")  # warms the ORM caches (ir.model ids, xml ids)
        self.assertEqual(cron_queries(10, "2026-01-13"), cron_queries(100, "2026-01-14"))
