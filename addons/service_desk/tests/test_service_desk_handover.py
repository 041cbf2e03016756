# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Open tickets in a leaving agent's hand-over (issue 17, 离职交接): the kind this addon
declares, whatever runs the hand-over (crm_full's wizard, through customer_360)."""

from odoo.tests import new_test_user

from .common import ServiceDeskCommon


class TestServiceDeskHandover(ServiceDeskCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.heir = new_test_user(
            cls.env, "sd_ho_heir", groups="service_desk.service_desk_group_user"
        )
        cls.open_ticket = cls._new_ticket(user_id=cls.user_agent.id)
        cls.solved = cls._new_ticket(user_id=cls.user_agent.id)
        cls.solved.stage_id = cls.stage_solved
        cls.others = cls._new_ticket(user_id=cls.user_manager.id)

    def _kind(self):
        kinds = {kind["key"]: kind for kind in self.env["res.users"]._handover_kinds()}
        return kinds["ticket"]

    def test_kind_for_service_managers(self):
        kind = self._kind()
        self.assertEqual(kind["groups"], "service_desk.service_desk_group_manager")
        self.assertEqual(kind["team"], "team_id")

    def test_open_tickets_only(self):
        domain = getattr(self.user_agent, self._kind()["domain"])()
        self.assertEqual(self.env["service.desk.ticket"].search(domain), self.open_ticket)

    def test_apply_moves_without_touching_the_sla(self):
        statuses = self.open_ticket.sla_status_ids.read(["deadline", "state"])
        self.user_agent._handover_apply_ticket(self.open_ticket, self.heir)
        self.assertEqual(self.open_ticket.user_id, self.heir)
        self.assertEqual(self.open_ticket.sla_status_ids.read(["deadline", "state"]), statuses)
        self.assertEqual(self.solved.user_id, self.user_agent, "solved tickets keep their agent")
