# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import ServiceDeskCommon


@tagged("service_desk_routing")
class TestServiceDeskRouting(ServiceDeskCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent_b = new_test_user(
            cls.env, "sd_agent_b", groups="service_desk.service_desk_group_user"
        )
        cls.agent_c = new_test_user(
            cls.env, "sd_agent_c", groups="service_desk.service_desk_group_user"
        )
        cls.tier2 = cls.env["service.desk.team"].create({"name": "Tier 2"})
        cls.vip_tag = cls.env["res.partner.category"].create({"name": "VIP"})
        cls.category_down = cls.env["service.desk.category"].create({"name": "System down"})
        cls.env["service.desk.routing.rule"].create(
            [
                {
                    "name": "VIP system down",
                    "sequence": 1,
                    "domain": repr(
                        [
                            ("partner_id.category_id", "in", cls.vip_tag.ids),
                            "|",
                            ("category_id", "=", cls.category_down.id),
                            ("name", "ilike", "system down"),
                        ]
                    ),
                    "team_id": cls.tier2.id,
                    "priority": "3",
                },
                {
                    "name": "Everything else",
                    "sequence": 2,
                    "domain": "[]",
                    "priority": "0",
                },
            ]
        )

    def test_vip_system_down_goes_to_tier2_urgent(self):
        self.customer.category_id = self.vip_tag
        ticket = self.env["service.desk.ticket"].create(
            {
                "name": "Line stopped",
                "partner_id": self.customer.id,
                "category_id": self.category_down.id,
            }
        )
        self.assertEqual(ticket.team_id, self.tier2)
        self.assertEqual(ticket.priority, "3")
        by_keyword = self.env["service.desk.ticket"].create(
            {"name": "SYSTEM DOWN at plant 2", "partner_id": self.customer.id}
        )
        self.assertEqual(by_keyword.team_id, self.tier2)

    def test_first_match_wins_and_explicit_values_stay(self):
        ticket = self.env["service.desk.ticket"].create(
            {"name": "System down", "partner_id": self.customer.id}
        )
        self.assertFalse(ticket.team_id, "not VIP: the catch-all rule applies, which sets no team")
        self.assertEqual(ticket.priority, "0")
        self.customer.category_id = self.vip_tag
        explicit = self.env["service.desk.ticket"].create(
            {
                "name": "System down",
                "partner_id": self.customer.id,
                "team_id": self.team.id,
                "priority": "1",
            }
        )
        self.assertEqual(explicit.team_id, self.team)
        self.assertEqual(explicit.priority, "1")

    def test_form_ticket_gets_the_rule_priority_unless_chosen(self):
        """Issue 14: the form sent the field default (normal) as if the agent had chosen it,
        so a VIP "system down" ticket typed in the form stayed normal, not urgent."""
        self.customer.category_id = self.vip_tag
        form = Form(self.env["service.desk.ticket"].with_user(self.user_agent))
        form.name = "System down at plant 2"
        form.partner_id = self.customer
        form.team_id = self.team
        ticket = form.save()
        self.assertEqual(ticket.priority, "3")
        self.assertEqual(ticket.team_id, self.team, "the agent's team stays")
        form = Form(self.env["service.desk.ticket"].with_user(self.user_agent))
        form.name = "System down at plant 3"
        form.partner_id = self.customer
        form.priority = "1"
        self.assertEqual(form.save().priority, "1", "a priority the agent chose stays")

    def test_orm_ticket_without_priority_or_rule_is_normal(self):
        self.env["service.desk.routing.rule"].search([]).active = False
        Ticket = self.env["service.desk.ticket"]
        self.assertEqual(Ticket.create({"name": "Question"}).priority, "1")
        urgent = Ticket.with_context(default_priority="3").create({"name": "Question"})
        self.assertEqual(urgent.priority, "3")

    def test_round_robin_keeps_its_position(self):
        self.team.write(
            {
                "assignment_method": "round_robin",
                "member_ids": [(4, self.agent_b.id), (4, self.agent_c.id)],
            }
        )
        members = self.team.member_ids.sorted("id")
        first = self._new_ticket() | self._new_ticket()
        self.assertEqual(first.mapped("user_id"), members[:2])
        # A later, separate creation continues after the last assignee, then wraps around.
        batch = self.env["service.desk.ticket"].create(
            [{"name": f"T{i}", "team_id": self.team.id} for i in range(2)]
        )
        self.assertEqual(batch.sorted("id").mapped("user_id").ids, [members[2].id, members[0].id])
        self.assertEqual(self.team.last_assigned_user_id, members[0])

    def test_round_robin_skips_members_on_leave(self):
        self.team.write({"assignment_method": "round_robin", "member_ids": [(4, self.agent_b.id)]})
        resource = self.env["resource.resource"].create(
            {"name": "Agent B", "user_id": self.agent_b.id}
        )
        now = fields.Datetime.now()
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Annual leave",
                "resource_id": resource.id,
                "date_from": now - timedelta(days=1),
                "date_to": now + timedelta(days=1),
            }
        )
        tickets = self._new_ticket() | self._new_ticket()
        self.assertEqual(tickets.mapped("user_id"), self.user_agent)

    def test_balanced_picks_least_loaded(self):
        self.team.write(
            {
                "assignment_method": "balanced",
                "member_ids": [(4, self.agent_b.id), (4, self.agent_c.id)],
            }
        )
        for user in (self.user_agent, self.user_agent, self.agent_b):
            self._new_ticket(user_id=user.id)
        self._new_ticket(user_id=self.agent_c.id, stage_id=self.stage_solved.id)
        self.assertEqual(self._new_ticket().user_id, self.agent_c, "solved tickets are no load")
        self.assertEqual(self._new_ticket().user_id, self.agent_b)

    def test_invalid_rule_domain_is_refused(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.env["service.desk.routing.rule"].create(
                {"name": "Bad", "domain": "[('nope', '=', 1)]"}
            )
        self.assertFalse(self.env["service.desk.routing.rule"].search([("name", "=", "Bad")]))

    def test_manual_leaves_unassigned(self):
        self.assertFalse(self._new_ticket().user_id)
