# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""SLA deadlines across the 2026 National Day / Mid-Autumn holidays, once loaded (issue 15).

Without the loaded holidays a ticket of 30 September was due on 1 October, a holiday,
and one of Friday 9 October on Monday 12, although Saturday 10 is a working day.
"""

from contextlib import contextmanager
from unittest.mock import patch

from odoo import Command
from odoo.tests import freeze_time, new_test_user, tagged

from .sla_common import local
from .test_service_desk_cn_holidays import CnHolidayCommon


@tagged("service_desk_sla", "service_desk_cn_holidays")
class TestSlaAcrossCnHolidays(CnHolidayCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent_zh = new_test_user(
            cls.env,
            "sd_agent_cn",
            groups="service_desk.service_desk_group_user",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        cls.team.member_ids = [Command.link(cls.agent_zh.id)]
        cls.env["service.desk.sla.policy"].search([]).active = False
        cls.policy = cls.env["service.desk.sla.policy"].create(
            {
                "name": "One working day",
                "team_ids": [Command.link(cls.team.id)],
                "target_ids": [Command.create({"metric": "resolution", "hours": 8})],
            }
        )
        cls.calendar._sd_load_cn_holidays(2026)

    @contextmanager
    def at(self, text):
        moment = local(text)
        with freeze_time(moment), patch.object(self.env.cr, "now", lambda: moment):
            yield moment

    def deadline_of_ticket_at(self, text):
        with self.at(text):
            ticket = (
                self.env["service.desk.ticket"]
                .with_user(self.agent_zh)
                .create(
                    {"name": "打印机离线", "team_id": self.team.id, "partner_id": self.customer.id}
                )
            )
        clock = ticket.sudo().sla_status_ids.filtered(lambda c: c.metric == "resolution")
        return clock.deadline

    def test_eve_of_national_day_lands_after_the_holiday(self):
        # 14:00-17:00 on 30 Sept (3h), 1-7 Oct off, 8 Oct 08:00-12:00 and 13:00-14:00 (5h)
        self.assertEqual(self.deadline_of_ticket_at("2026-09-30 14:00"), local("2026-10-08 14:00"))

    def test_friday_before_make_up_saturday_lands_on_saturday(self):
        self.assertEqual(self.deadline_of_ticket_at("2026-10-09 14:00"), local("2026-10-10 14:00"))

    def test_plain_saturday_after_is_off_again(self):
        self.assertEqual(self.deadline_of_ticket_at("2026-10-16 14:00"), local("2026-10-19 14:00"))

    def test_mid_autumn_friday_is_off(self):
        # Thursday 24 Sept 14:00: 3h, Fri 25 - Sun 27 中秋, Mon 28 until 14:00
        self.assertEqual(self.deadline_of_ticket_at("2026-09-24 14:00"), local("2026-09-28 14:00"))

    def test_business_days_target_skips_the_holiday(self):
        self.policy.target_ids.write({"duration_type": "days", "days": 2})
        self.assertEqual(self.deadline_of_ticket_at("2026-09-30 14:00"), local("2026-10-08 17:00"))
