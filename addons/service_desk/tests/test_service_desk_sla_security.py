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
