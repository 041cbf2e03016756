# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import ServiceDeskCommon


@tagged("service_desk_csat")
class TestServiceDeskCsat(ServiceDeskCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = new_test_user(cls.env, "sd_salesperson", groups="base.group_user")
        cls.leader = new_test_user(
            cls.env, "sd_leader", groups="service_desk.service_desk_group_user"
        )
        cls.team.leader_id = cls.leader
        cls.customer.write({"email": "it@qiming.example.com", "user_id": cls.salesperson.id})
        cls.todo = cls.env.ref("mail.mail_activity_data_todo")

    def _solved_ticket(self, **vals):
        ticket = self._new_ticket(**vals)
        ticket.stage_id = self.stage_solved
        return ticket

    def _rate(self, ticket, value):
        rating = ticket.rating_ids.filtered(lambda r: not r.consumed)
        self.assertEqual(len(rating), 1, "solving must have requested exactly one rating")
        ticket.rating_apply(value, token=rating.access_token, feedback="Too slow")
        return rating

    def _care_activities(self, ticket):
        return ticket.activity_ids.filtered(lambda a: a.activity_type_id == self.todo)

    def test_solve_sends_rating_and_ces_request(self):
        ticket = self._solved_ticket()
        self.assertEqual(ticket.rating_ids.partner_id, self.customer)
        self.assertEqual(len(ticket.ces_response_ids), 1)
        ces = ticket.ces_response_ids
        self.assertEqual(ces.partner_id, self.customer)
        mail = ticket.message_ids.filtered(lambda m: ces.access_token in (m.body or ""))
        self.assertEqual(len(mail), 1, "one mail carries both the smileys and the CES link")
        self.assertIn(ticket.rating_ids.access_token, mail.body)
        self.assertIn(self.customer, mail.partner_ids, "the customer receives it")
        # moving between done stages does not ask again
        ticket.stage_id = self.env.ref("service_desk.stage_closed")
        ticket.stage_id = self.stage_solved
        self.assertEqual(len(ticket.ces_response_ids), 1)
        self.assertEqual(len(ticket.rating_ids), 1)

    def test_no_request_without_customer(self):
        ticket = self._solved_ticket(partner_id=False)
        self.assertFalse(ticket.rating_ids)
        self.assertFalse(ticket.ces_response_ids)

    def test_low_rating_opens_one_care_activity_for_salesperson(self):
        ticket = self._solved_ticket()
        rating = self._rate(ticket, 1)
        activity = self._care_activities(ticket)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.salesperson)
        self.assertEqual(ticket.rating_last_value, 1)
        # the customer re-submits feedback on the same rating: still one activity
        ticket.rating_apply(2, rating=rating, feedback="Still slow")
        self.assertEqual(len(self._care_activities(ticket)), 1)

    def test_low_rating_falls_back_to_team_leader(self):
        self.customer.user_id = False
        ticket = self._solved_ticket()
        self._rate(ticket, 2)
        self.assertEqual(self._care_activities(ticket).user_id, self.leader)

    def test_happy_rating_opens_no_activity(self):
        ticket = self._solved_ticket()
        self._rate(ticket, 5)
        self.assertFalse(self._care_activities(ticket))
        self.assertEqual(ticket.rating_last_value, 5)

    def test_ces_answer_once(self):
        ticket = self._solved_ticket()
        ces = ticket.ces_response_ids
        with self.assertRaises(ValidationError):
            ces._record_answer(9)
        self.assertFalse(ces.date_answered)
        ces._record_answer("6", "Quick")
        self.assertEqual(ticket.ces_score, 6)
        with self.assertRaises(UserError):
            ces._record_answer(1)
        self.assertEqual(ces.score, 6)
