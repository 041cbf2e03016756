# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .sla_common import ServiceDeskSlaCommon, local


@tagged("service_desk_sla")
class TestServiceDeskSlaCalendar(ServiceDeskSlaCommon):
    def test_friday_evening_deadline_is_monday_noon(self):
        with self.at("2026-01-09 17:30"):
            ticket = self._new_ticket()
        clock = self.clock(ticket)
        self.assertEqual(clock.state, "running")
        self.assertEqual(clock.deadline, local("2026-01-12 12:30"))
        self.assertEqual(ticket.sla_deadline, local("2026-01-12 12:30"))
        self.assertEqual(ticket.sla_policy_id, self.policy)
        self.assertEqual(clock.event_ids.mapped("event_type"), ["activate"])

    def test_public_holiday_is_skipped(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "date_from": local("2026-01-12 00:00"),
                "date_to": local("2026-01-12 23:59"),
            }
        )
        with self.at("2026-01-09 17:30"):
            ticket = self._new_ticket()
        self.assertEqual(self.clock(ticket).deadline, local("2026-01-13 12:30"))

    def test_make_up_saturday_counts(self):
        self.calendar.attendance_ids = [
            Command.create(
                {
                    "name": "调休 Saturday",
                    "dayofweek": "5",
                    "hour_from": 9,
                    "hour_to": 18,
                    "date_from": "2026-01-10",
                    "date_to": "2026-01-10",
                }
            )
        ]
        with self.at("2026-01-09 17:30"):
            ticket = self._new_ticket()
        self.assertEqual(self.clock(ticket).deadline, local("2026-01-10 12:30"))
        with self.at("2026-01-16 17:30"):  # the next Saturday is a plain weekend day
            ticket = self._new_ticket()
        self.assertEqual(self.clock(ticket).deadline, local("2026-01-19 12:30"))

    def test_24x7_target_counts_plain_time(self):
        self.policy.target_ids.use_24x7 = True
        with self.at("2026-01-09 17:30"):
            ticket = self._new_ticket()
        self.assertEqual(self.clock(ticket).deadline, local("2026-01-09 21:30"))

    def test_business_days_target_ends_with_the_nth_working_day(self):
        self.policy.target_ids.write({"duration_type": "days", "days": 2})
        with self.at("2026-01-09 17:30"):
            ticket = self._new_ticket()
        self.assertEqual(self.clock(ticket).deadline, local("2026-01-12 18:00"))


@tagged("service_desk_sla")
class TestServiceDeskSlaValidation(ServiceDeskSlaCommon):
    def test_zero_or_negative_target_is_refused(self):
        for vals in ({"hours": 0}, {"hours": -2}, {"hours": 0, "minutes": -5}):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                self.policy.target_ids.write(vals)
        self.assertEqual(self.policy.target_ids.hours, 4)

    def test_business_target_without_calendar_is_refused(self):
        team = self.env["service.desk.team"].create(
            {"name": "Night", "resource_calendar_id": False}
        )
        with self.assertRaises(ValidationError) as caught:
            self.env["service.desk.sla.policy"].create(
                {
                    "name": "Night",
                    "team_ids": [Command.link(team.id)],
                    "target_ids": [Command.create({"metric": "resolution", "hours": 2})],
                }
            )
        self.assertIn("no working hours", str(caught.exception))
        self.assertFalse(self.env["service.desk.sla.policy"].search([("name", "=", "Night")]))


@tagged("service_desk_sla")
class TestServiceDeskSlaMatching(ServiceDeskSlaCommon):
    def test_first_match_on_customer_tags_and_channel(self):
        vip_tag = self.env["res.partner.category"].create({"name": "VIP"})
        vip = self.env["service.desk.sla.policy"].create(
            {
                "name": "VIP e-mail",
                "sequence": 1,
                "partner_category_ids": [Command.link(vip_tag.id)],
                "channel": "email",
                "target_ids": [Command.create({"metric": "resolution", "hours": 1})],
            }
        )
        self.customer.category_id = vip_tag
        contact = self.env["res.partner"].create({"name": "王工", "parent_id": self.customer.id})
        with self.at("2026-01-12 09:00"):
            by_mail = self._new_ticket(partner_id=contact.id, channel="email")
            by_phone = self._new_ticket(partner_id=contact.id, channel="phone")
            other = self._new_ticket(partner_id=False, channel="email")
        self.assertEqual(by_mail.sla_policy_id, vip)
        self.assertEqual(by_mail.sla_deadline, local("2026-01-12 10:00"))
        self.assertEqual(by_phone.sla_policy_id, self.policy)
        self.assertEqual(other.sla_policy_id, self.policy)

    def test_category_matches_through_its_parents(self):
        outage = self.env["service.desk.category"].create({"name": "System down"})
        line_stop = self.env["service.desk.category"].create(
            {"name": "Line stop", "parent_id": outage.id}
        )
        urgent = self.env["service.desk.sla.policy"].create(
            {
                "name": "Outage",
                "sequence": 1,
                "category_ids": [Command.link(outage.id)],
                "target_ids": [Command.create({"metric": "resolution", "hours": 1})],
            }
        )
        with self.at("2026-01-12 09:00"):
            stopped = self._new_ticket(category_id=line_stop.id)
            plain = self._new_ticket()
        self.assertEqual(stopped.sla_policy_id, urgent)
        self.assertEqual(plain.sla_policy_id, self.policy)
        with self.at("2026-01-12 09:30"):
            plain.category_id = outage
        self.assertEqual(plain.sla_policy_id, urgent, "a category change re-fits the clocks")

    def test_no_matching_policy_means_no_clock(self):
        with self.at("2026-01-12 09:00"):
            ticket = self._new_ticket(team_id=self.team_other.id)
        self.assertFalse(ticket.sla_status_ids)
        self.assertFalse(ticket.sla_policy_id)
