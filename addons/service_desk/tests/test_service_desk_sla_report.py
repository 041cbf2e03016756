# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .sla_common import ServiceDeskSlaCommon, local


@tagged("service_desk_sla")
class TestServiceDeskSlaReport(ServiceDeskSlaCommon):
    """SLA compliance per metric and at-risk count in the ticket analysis."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy.target_ids = [Command.create({"metric": "first_reply", "hours": 1})]
        cls.Report = cls.env["service.desk.ticket.report"]

    def _reply(self, ticket, when):
        with self.at(when):
            ticket.with_user(self.user_agent).message_post(
                body="Please restart it", message_type="comment", subtype_xmlid="mail.mt_comment"
            )

    def _run_cron(self, when):
        with self.at(when):
            self.env["service.desk.sla.status"]._cron_sla_breach()

    def _rows(self):
        self.env.flush_all()
        self.env.invalidate_all()  # the report is a view: its cache knows nothing of writes
        return {row.id: row for row in self.Report.search([("team_id", "=", self.team.id)])}

    def test_compliance_per_metric_and_per_ticket(self):
        with self.at("2026-01-12 09:00"):
            on_time, late = self._new_ticket(), self._new_ticket()
        self._reply(on_time, "2026-01-12 09:20")
        with self.at("2026-01-12 10:00"):
            on_time.stage_id = self.stage_solved
        # nobody answers the other one: both of its clocks breach at their deadline
        self._run_cron("2026-01-12 13:05")
        with self.at("2026-01-12 14:00"):
            late.stage_id = self.stage_solved
        with self.at("2026-01-12 12:30"):
            running = self._new_ticket()
        self.assertEqual(
            self.clock(late, "first_reply").state + "/" + self.clock(late).state,
            "breached/breached",
        )
        rows = self._rows()
        self.assertEqual(rows[on_time.id].sla_first_reply_pct, 100.0)
        self.assertEqual(rows[on_time.id].sla_resolution_pct, 100.0)
        self.assertEqual(rows[late.id].sla_pct, 0.0)
        self.assertFalse(rows[running.id].sla_pct, "no met or breached clock yet")
        [(first_reply, resolution, overall, tickets)] = self.Report._read_group(
            [("team_id", "=", self.team.id)],
            [],
            [
                "sla_first_reply_pct:avg",
                "sla_resolution_pct:avg",
                "sla_pct:avg",
                "ticket_count:sum",
            ],
        )
        # MET / (MET + BREACHED): the running ticket does not count
        self.assertEqual((first_reply, resolution, overall, tickets), (50.0, 50.0, 50.0, 3))

    def test_at_risk_and_overdue_counts(self):
        with self.at("2026-01-12 09:00"):
            solved, warned = self._new_ticket(), self._new_ticket()
        self._reply(solved, "2026-01-12 09:10")
        self._reply(warned, "2026-01-12 09:10")
        with self.at("2026-01-12 09:30"):
            solved.stage_id = self.stage_solved
        # resolution of 4 h warns at 50%: 11:00
        self._run_cron("2026-01-12 11:05")
        self.assertTrue(self.clock(warned).warned)
        with self.at("2026-01-12 09:00"):
            no_policy = self._new_ticket(team_id=self.team_other.id)
        rows = self._rows()
        self.assertEqual(rows[warned.id].sla_at_risk_count, 1)
        self.assertEqual(rows[warned.id].sla_breached_open_count, 0)
        self.assertEqual(rows[solved.id].sla_at_risk_count, 0, "a solved ticket is not at risk")
        self.assertFalse(self.Report.browse(no_policy.id).sla_at_risk_count)
        # past the deadline: overdue, no longer "at risk"
        self._run_cron("2026-01-12 13:05")
        rows = self._rows()
        self.assertEqual(
            (rows[warned.id].sla_at_risk_count, rows[warned.id].sla_breached_open_count), (0, 1)
        )
        at_risk = self.Report.search_count(
            [("team_id", "=", self.team.id), ("sla_breached_open_count", "=", 1)]
        )
        self.assertEqual(at_risk, 1)

    def test_one_definition_of_a_reply(self):
        """The SLA clock and the first-reply metric used to disagree on e-mailed replies."""
        with self.at("2026-01-12 09:00"):
            by_mail, by_note = self._new_ticket(), self._new_ticket()
        with self.at("2026-01-12 09:30"):
            # an agent answering from the mail client: an incoming e-mail by an employee
            by_mail.with_user(self.user_agent).message_post(
                body="Replaced the toner", message_type="email", subtype_xmlid="mail.mt_comment"
            )
            by_note.with_user(self.user_agent).message_post(
                body="Toner ordered", message_type="comment", subtype_xmlid="mail.mt_note"
            )
        self.assertEqual(self.clock(by_mail, "first_reply").state, "met")
        self.assertEqual(by_mail.first_reply_date, local("2026-01-12 09:30"))
        self.assertEqual(by_mail.public_reply_count, 1)
        self.assertEqual(self.clock(by_note, "first_reply").state, "running")
        self.assertFalse(by_note.first_reply_date)
        self.assertEqual(by_note.public_reply_count, 0)


@tagged("service_desk_sla")
class TestServiceDeskSlaInputs(ServiceDeskSlaCommon):
    """Bad targets are refused with a clear message and leave the policy as it was."""

    def test_zero_business_days_is_refused(self):
        target = self.policy.target_ids
        # assertRaises (not assertRaisesRegex) rolls the failed write back to a savepoint
        with self.assertRaises(ValidationError) as caught:
            target.write({"duration_type": "days", "days": 0})
        self.assertIn("at least 1 day", str(caught.exception))
        self.assertEqual((target.duration_type, target.hours), ("hours", 4))

    def test_business_days_cannot_be_24x7(self):
        target = self.policy.target_ids
        with self.assertRaises(ValidationError) as caught:
            target.write({"duration_type": "days", "days": 2, "use_24x7": True})
        self.assertIn("untick 24x7", str(caught.exception))
        self.assertFalse(target.use_24x7)

    def test_24x7_target_needs_no_calendar(self):
        team = self.env["service.desk.team"].create(
            {"name": "Night", "resource_calendar_id": False}
        )
        policy = self.env["service.desk.sla.policy"].create(
            {
                "name": "Night watch",
                "team_ids": [Command.link(team.id)],
                "target_ids": [
                    Command.create({"metric": "resolution", "hours": 2, "use_24x7": True})
                ],
            }
        )
        with self.at("2026-01-17 23:00"):  # a Saturday night
            ticket = self._new_ticket(team_id=team.id)
        self.assertEqual(ticket.sla_policy_id, policy)
        self.assertEqual(self.clock(ticket).deadline, local("2026-01-18 01:00"))

    def test_negative_minutes_with_positive_hours_is_refused(self):
        with self.assertRaises(ValidationError):
            self.policy.target_ids.write({"hours": 1, "minutes": -30})
        self.assertEqual(self.policy.target_ids.minutes, 0)
