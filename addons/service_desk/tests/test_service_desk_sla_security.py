# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged, users

from .sla_common import ServiceDeskSlaCommon


@tagged("service_desk_sla")
class TestServiceDeskSlaSecurity(ServiceDeskSlaCommon):
    @users("sd_agent")
    def test_agent_drives_clocks_but_cannot_forge_them(self):
        """Clocks move with the agent's ticket changes, yet an agent cannot edit a clock
        or a policy directly (that would erase a breach)."""
        with self.at("2026-01-12 09:00"):
            ticket = self.env["service.desk.ticket"].create(
                {"name": "Scanner jam", "team_id": self.team.id}
            )
        with self.at("2026-01-12 10:00"):
            ticket.stage_id = self.stage_waiting
        clock = self.clock(ticket)
        self.assertEqual(clock.state, "paused")
        with self.assertRaises(AccessError):
            clock.breached = False
        with self.assertRaises(AccessError):
            self.policy.with_env(self.env).name = "Relaxed"
        self.assertEqual(clock.event_ids.mapped("event_type"), ["pause", "activate"])

    def test_manager_deletes_a_ticket_with_clocks_agent_cannot(self):
        """Issue 14: deleting a ticket with SLA clocks failed on the foreign key of
        ``service.desk.sla.event.ticket_id``; clocks and their log go with the ticket."""
        with self.at("2026-01-12 09:00"):
            ticket = self._new_ticket()
        with self.at("2026-01-12 10:00"):
            ticket.stage_id = self.stage_waiting
        clocks = ticket.sla_status_ids
        events = clocks.event_ids
        self.assertTrue(events)
        with self.assertRaises(AccessError):
            ticket.with_user(self.user_agent).unlink()
        ticket.with_user(self.user_manager).unlink()
        self.env.flush_all()
        self.assertFalse(clocks.exists())
        self.assertFalse(events.exists())
