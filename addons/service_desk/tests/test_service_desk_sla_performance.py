# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .sla_common import ServiceDeskSlaCommon

# Baseline: search breaches, read clocks, write, log events, recompute tickets,
# the same for warnings, the search of due escalations (none here), one query for
# the next breach/warning/escalation instants, the next wake-up, one batched chatter note and
# one batch of to-do activities (leader subscribed, no e-mail per to-do), and the
# recipient's language and time zone, the translated target label (+5, issue 14);
# it must not grow with open tickets.
BREACH_CRON_QUERIES = 44


@tagged("post_install", "-at_install", "service_desk_sla")
class TestServiceDeskSlaPerformance(ServiceDeskSlaCommon):
    def _open_tickets(self, count, when):
        with self.at(when):
            return self.env["service.desk.ticket"].create(
                [{"name": f"T{i}", "team_id": self.team.id} for i in range(count)]
            )

    def _cron_queries(self, open_count):
        self.team.leader_id = self.user_manager  # breaches schedule the leader's to-dos
        due = self._open_tickets(5, "2026-01-12 09:00")
        self._open_tickets(open_count, "2026-01-12 12:00")
        self.env.flush_all()
        self.env.invalidate_all()
        with self.at("2026-01-12 13:00"):
            with self.assertQueryCount(BREACH_CRON_QUERIES):
                self.env["service.desk.sla.status"]._cron_sla_breach()
        self.assertTrue(all(due.mapped("sla_breached")))
        # breached clocks are not breached again: they left the indexed domain
        with self.at("2026-01-12 13:05"):
            self.env["service.desk.sla.status"]._cron_sla_breach()
        self.assertEqual(
            len(due.sla_status_ids.event_ids.filtered(lambda e: e.event_type == "breach")), 5
        )

    def test_breach_cron_query_count_flat_small(self):
        self._cron_queries(20)

    def test_breach_cron_query_count_flat_10x(self):
        self._cron_queries(200)
