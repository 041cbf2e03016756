# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 12: what the SLA engine, the metrics and the ratings derive is the system's.

Before, ``readonly=True`` bound only the form: over RPC an agent wrote a ticket's
``ces_score``, its SLA deadline or breach flag, its number or its first-reply date,
and a service manager rewrote SLA clocks; CES tokens were readable by every agent.
"""

from datetime import datetime

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from ..models.service_desk_ticket_system import TICKET_SYSTEM_FIELDS
from .common import ServiceDeskCommon

# A value of the right type for each guarded field (x2many: one harmless command).
SAMPLE = {
    "number": "HACK-1",
    "date_done": datetime(2026, 1, 1),
    "sla_policy_id": False,
    "sla_status_ids": [(5, 0, 0)],
    "sla_deadline": datetime(2099, 1, 1),
    "sla_breached": False,
    "sla_state": "on_time",
    "sla_due_date": datetime(2099, 1, 1),
    "sla_left_seconds": 0,
    "first_reply_date": datetime(2026, 1, 1),
    "public_reply_count": 0,
    "first_reply_hours": 0.1,
    "resolution_hours": 0.1,
    "reopen_count": 0,
    "fcr_state": "yes",
    "ces_score": 7,
    "ces_response_ids": [(5, 0, 0)],
    "rating_ids": [(5, 0, 0)],
    "rating_last_value": 5.0,
    "commercial_partner_id": False,  # would write through to the customer
    "is_done": True,  # would write through to the stage and stop the clocks
}


@tagged("service_desk", "c360_trust")
class TestTicketSystemFields(ServiceDeskCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls._new_ticket()
        cls.user_agent.tz = "Asia/Shanghai"

    def test_sample_covers_every_guarded_field(self):
        self.assertEqual(set(SAMPLE), TICKET_SYSTEM_FIELDS)

    def test_agent_and_manager_write_no_derived_field(self):
        for user in (self.user_agent, self.user_manager):
            ticket = self.ticket.with_user(user)
            for fname, value in SAMPLE.items():
                with self.subTest(user=user.login, field=fname), self.assertRaises(AccessError):
                    ticket.write({fname: value})

    def test_agent_creates_no_ticket_with_derived_values(self):
        Ticket = self.env["service.desk.ticket"].with_user(self.user_agent)
        for fname in ("number", "ces_score", "sla_deadline", "fcr_state"):
            with self.subTest(field=fname), self.assertRaises(AccessError):
                Ticket.create({"name": "伪造", "team_id": self.team.id, fname: SAMPLE[fname]})

    def test_refusal_names_fields_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        agent = self.user_agent
        agent.lang = "zh_CN"
        with self.assertRaises(AccessError) as refusal:
            self.ticket.with_user(agent).with_context(lang="zh_CN").write(
                {"fcr_state": SAMPLE["fcr_state"]}
            )
        message = str(refusal.exception)
        label = (
            self.ticket.with_context(lang="zh_CN")
            ._fields["fcr_state"]
            ._description_string(self.ticket.with_context(lang="zh_CN").env)
        )
        self.assertIn(label, message)
        self.assertNotIn("fcr_state", message)

    def test_agent_still_works_the_ticket(self):
        """The system fills the derived fields the agent's own edits cause."""
        ticket = self.ticket.with_user(self.user_agent)
        ticket.write({"priority": "2", "user_id": self.user_agent.id})
        ticket.write({"stage_id": self.stage_solved.id})
        self.assertTrue(ticket.date_done)
        created = (
            self.env["service.desk.ticket"]
            .with_user(self.user_agent)
            .create({"name": "新工单", "team_id": self.team.id})
        )
        self.assertNotEqual(created.number, "/")

    def test_sla_clocks_are_read_only_for_managers(self):
        for model in ("service.desk.sla.status", "service.desk.sla.event"):
            Model = self.env[model].with_user(self.user_manager)
            self.assertTrue(Model.has_access("read"), model)
            for operation in ("write", "create", "unlink"):
                self.assertFalse(Model.has_access(operation), f"{model} {operation}")


@tagged("service_desk", "c360_trust")
class TestCesTokens(ServiceDeskCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.email = "it@qiming.example.com"
        cls.ticket = cls._new_ticket()
        cls.ticket.stage_id = cls.stage_solved
        cls.ces = cls.ticket.ces_response_ids
        cls.other_user = new_test_user(cls.env, "sd_plain", groups="base.group_user")

    def test_staff_cannot_read_a_ces_token(self):
        self.assertEqual(len(self.ces), 1)
        for user in (self.user_agent, self.user_manager):
            ces = self.ces.with_user(user)
            with self.subTest(user=user.login):
                self.assertEqual(ces.ticket_id, self.ticket)
                with self.assertRaises(AccessError):
                    ces.read(["access_token"])
                with self.assertRaises(AccessError):
                    ces.search([("access_token", "=", self.ces.access_token)])

    def test_manager_cannot_answer_nor_choose_a_token(self):
        ces = self.ces.with_user(self.user_manager)
        for fname, value in (("score", 7), ("comment", "很方便"), ("access_token", "y" * 32)):
            with self.subTest(field=fname), self.assertRaises(AccessError):
                ces.write({fname: value})
        with self.assertRaises(AccessError):
            self.env["service.desk.ces.response"].with_user(self.user_manager).create(
                {"ticket_id": self.ticket.id, "access_token": "chosen-token-000000000000"}
            )
        self.assertFalse(self.ticket.ces_score)
