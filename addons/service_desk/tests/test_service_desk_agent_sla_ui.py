# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 14: the agent's main path in 简体中文 at 1440×900, Asia/Shanghai.

The list showed the SLA deadline as 今天 without hours and a breached ticket as a green
toggle; the ticket action opened on every ticket instead of the agent's own.
"""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, freeze_time, new_test_user, tagged

from .test_service_desk_zh import load_zh


class ServiceDeskAgentSlaUiCommon(HttpCase):
    """A zh_CN agent's tickets: one overdue, one answered late, one on time, one not theirs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_zh(cls.env, ["service_desk", "mail", "web"])
        cls.env["service.desk.sla.policy"].search([]).active = False
        cls.env["service.desk.routing.rule"].search([]).active = False
        cls.agent = new_test_user(
            cls.env,
            "sd_sla_zh_agent",
            groups="service_desk.service_desk_group_user",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        other = new_test_user(
            cls.env, "sd_sla_other", groups="service_desk.service_desk_group_user"
        )
        cls.team = cls.env["service.desk.team"].create(
            {"name": "一线支持", "member_ids": [Command.link(cls.agent.id)]}
        )
        cls.env["service.desk.sla.policy"].create(
            {
                "name": "四小时解决",
                "team_ids": [Command.link(cls.team.id)],
                "target_ids": [
                    Command.create({"metric": "first_reply", "hours": 1, "use_24x7": True}),
                    Command.create({"metric": "resolution", "hours": 4, "use_24x7": True}),
                ],
            }
        )
        customer = cls.env["res.partner"].create(
            {"name": "启明制造", "email": "it@qiming.example.com"}
        )
        Ticket = cls.env["service.desk.ticket"]
        now = fields.Datetime.now()
        with freeze_time(now - timedelta(hours=5)):
            cls.overdue = Ticket.create(
                {"name": "Tour SLA overdue", "team_id": cls.team.id, "user_id": cls.agent.id}
            )
        with freeze_time(now - timedelta(hours=2)):
            late = Ticket.create(
                {"name": "Tour SLA late reply", "team_id": cls.team.id, "user_id": cls.agent.id}
            )
        with freeze_time(now):
            cls.env["service.desk.sla.status"]._cron_sla_breach()
            # answered after its first-reply deadline: the resolution clock still runs
            late.with_user(cls.agent).message_post(
                body="正在处理", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        cls.on_time = Ticket.create(
            {
                "name": "Tour SLA on time",
                "team_id": cls.team.id,
                "user_id": cls.agent.id,
                "partner_id": customer.id,
            }
        )
        Ticket.create({"name": "Tour SLA not mine", "team_id": cls.team.id, "user_id": other.id})


@tagged("post_install", "-at_install", "service_desk_ui")
class TestServiceDeskAgentSlaUi(ServiceDeskAgentSlaUiCommon):
    browser_size = "1440x900"

    def test_agent_reads_sla_and_solves_in_chinese(self):
        self.assertEqual(self.overdue.sla_state, "breached")
        self.assertEqual(self.on_time.sla_state, "on_time")
        late = self.env["service.desk.ticket"].search([("name", "=", "Tour SLA late reply")])
        self.assertEqual((late.sla_state, late.sla_breached), ("on_time", True))
        self.start_tour("/odoo", "service_desk_agent_sla_zh_tour", login="sd_sla_zh_agent")
        self.on_time.invalidate_recordset()
        self.assertEqual(self.on_time.stage_id.category, "solved")
        self.assertEqual(self.on_time.sla_state, "met")
        self.assertEqual(self.on_time.public_reply_count, 1)
