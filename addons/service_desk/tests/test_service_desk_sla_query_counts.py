# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import tagged

from .sla_common import ServiceDeskSlaCommon

# Pinned against OCA helpdesk_mgmt_sla 18.0 measured by tests/benchmarks (30 queries to
# create a ticket with its SLA, 11-16 per stage change). Ours, with two clocks, their event
# log and wake-up: ticket insert and mail thread; policy match, routing rules, targets and
# escalation thresholds from the registry cache and working intervals from the registry
# memo (0); the targets' fields (1), one INSERT of clocks, one of events, the pending
# wake-up check (1) and the final UPDATE.
CREATE_ONE_QUERIES = 16
# pause: read ticket, stage and clocks (one query), log, UPDATEs
PAUSE_QUERIES = 6
# resume: the same plus the wake-up of the re-planned deadline (check, cron, trigger)
RESUME_QUERIES = 9
# batches share the policy match, the interval read and the INSERTs
CREATE_100_QUERIES_PER_TICKET = 6


@tagged("post_install", "-at_install", "service_desk_sla")
class TestServiceDeskSlaQueryCounts(ServiceDeskSlaCommon):
    """Creating a ticket or changing its stage must not cost more queries than OCA's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy.target_ids = [Command.create({"metric": "first_reply", "hours": 1})]

    def _warm(self):
        # the same week as the measure: its working intervals are memoized, a wake-up pending
        with self.at("2026-01-12 08:00"):
            self._new_ticket()
        self.env.flush_all()
        self.env.invalidate_all()

    def test_create_one_ticket_with_two_clocks(self):
        self._warm()
        with self.at("2026-01-12 09:00"), self.assertQueryCount(CREATE_ONE_QUERIES):
            ticket = self._new_ticket()
            self.env.flush_all()
        self.assertEqual(len(ticket.sla_status_ids), 2)
        self.assertEqual(len(ticket.sla_status_ids.event_ids), 2)

    def test_create_in_batch_costs_fewer_queries_per_ticket(self):
        self._warm()
        vals_list = [
            {"name": f"T{i}", "team_id": self.team.id, "partner_id": self.customer.id}
            for i in range(100)
        ]
        with self.at("2026-01-12 09:00"):
            before = self.env.cr.sql_log_count
            tickets = self.env["service.desk.ticket"].create(vals_list)
            self.env.flush_all()
            per_ticket = (self.env.cr.sql_log_count - before) / len(tickets)
        self.assertEqual(len(tickets.sla_status_ids), 200)
        self.assertLessEqual(per_ticket, CREATE_100_QUERIES_PER_TICKET)
        self.assertLess(per_ticket, CREATE_ONE_QUERIES / 4)

    def test_pause_and_resume(self):
        self._warm()
        with self.at("2026-01-12 09:00"):
            ticket = self._new_ticket()
        self.env.flush_all()
        self.env.invalidate_all()
        with self.at("2026-01-12 10:00"), self.assertQueryCount(PAUSE_QUERIES):
            ticket.stage_id = self.stage_waiting
            self.env.flush_all()
        self.env.invalidate_all()
        with self.at("2026-01-12 11:00"), self.assertQueryCount(RESUME_QUERIES):
            ticket.stage_id = self.stage_in_progress
            self.env.flush_all()
        clock = self.clock(ticket)
        self.assertEqual(
            (clock.state, clock.elapsed_seconds, clock.paused_seconds), ("running", 3600, 3600)
        )
