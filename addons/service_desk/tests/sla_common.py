# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager
from datetime import datetime
from unittest.mock import patch

import pytz

from odoo import Command
from odoo.tests import freeze_time

from .common import ServiceDeskCommon

TZ = pytz.timezone("Asia/Shanghai")


def local(text):
    """Naive UTC datetime of a Shanghai wall-clock time 'YYYY-MM-DD HH:MM'."""
    moment = TZ.localize(datetime.strptime(text, "%Y-%m-%d %H:%M"))
    return moment.astimezone(pytz.utc).replace(tzinfo=None)


class ServiceDeskSlaCommon(ServiceDeskCommon):
    """A 09:00-18:00 Mon-Fri calendar without lunch break, and a 4-hour policy on team L1."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "9-18 no lunch",
                "tz": "Asia/Shanghai",
                "attendance_ids": [
                    Command.create(
                        {"name": f"Day {day}", "dayofweek": str(day), "hour_from": 9, "hour_to": 18}
                    )
                    for day in range(5)
                ],
            }
        )
        cls.team.resource_calendar_id = cls.calendar
        cls.team_other = cls.env["service.desk.team"].create(
            {"name": "L2", "resource_calendar_id": cls.calendar.id}
        )
        # demo policies must not take precedence over the one under test
        cls.env["service.desk.sla.policy"].search([]).active = False
        cls.policy = cls.env["service.desk.sla.policy"].create(
            {
                "name": "Standard",
                "sequence": 20,
                "team_ids": [Command.link(cls.team.id)],
                "target_ids": [
                    Command.create({"metric": "resolution", "hours": 4, "warning_percent": 50}),
                ],
            }
        )
        cls.stage_in_progress = cls.env.ref("service_desk.stage_in_progress")
        cls.stage_waiting = cls.env.ref("service_desk.stage_waiting_customer")

    @contextmanager
    def at(self, text):
        """Freeze both Python time and the transaction time at a Shanghai wall-clock time."""
        moment = local(text)
        with freeze_time(moment), patch.object(self.env.cr, "now", lambda: moment):
            yield moment

    def clock(self, ticket, metric="resolution"):
        clocks = ticket.sla_status_ids.filtered(lambda c: c.metric == metric)
        return clocks.sorted("cycle")[-1:]
