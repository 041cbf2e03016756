# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer portal as a Chinese customer uses it (issue 14, blocker).

The new-ticket form showed the label 描述 without a text box (QWeb drops an empty
self-closing ``<textarea/>``), portal tickets had no team (so no assignee, no SLA),
and a solved ticket could be neither rated, confirmed nor reopened.
"""

import re

from odoo import Command
from odoo.http import Request
from odoo.tests import HttpCase, new_test_user, tagged

from .test_service_desk_zh import load_zh


@tagged("post_install", "-at_install", "service_desk_portal")
class TestServiceDeskPortalZh(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_zh(cls.env, ["service_desk", "portal"])
        cls.env["service.desk.sla.policy"].search([]).active = False
        cls.env["service.desk.routing.rule"].search([]).active = False
        teams = cls.env["service.desk.team"].search([("company_id", "=", cls.env.company.id)])
        teams.sequence = 50
        cls.agent = new_test_user(
            cls.env, "sd_zh_agent", groups="service_desk.service_desk_group_user"
        )
        cls.team = cls.env["service.desk.team"].create(
            {
                "name": "一线支持",
                "sequence": 1,
                "member_ids": [Command.link(cls.agent.id)],
                "assignment_method": "round_robin",
            }
        )
        cls.policy = cls.env["service.desk.sla.policy"].create(
            {
                "name": "标准",
                "sequence": 1,
                "team_ids": [Command.link(cls.team.id)],
                "target_ids": [
                    Command.create({"metric": "first_reply", "hours": 4, "use_24x7": True}),
                ],
            }
        )
        cls.category = cls.env["service.desk.category"].create({"name": "打印机"})
        cls.customer = new_test_user(
            cls.env, "sd_zh_portal", groups="base.group_portal", lang="zh_CN", tz="Asia/Shanghai"
        )

    def setUp(self):
        super().setUp()
        self.authenticate("sd_zh_portal", "sd_zh_portal")

    def _tickets(self):
        return self.env["service.desk.ticket"].search(
            [("partner_id", "=", self.customer.partner_id.id)]
        )

    def _post_new(self, files=None, **values):
        data = {
            "name": "扫描仪冒烟",
            "description": "按下开关后冒烟",
            "form_uid": "b" * 32,
            "csrf_token": Request.csrf_token(self),
            **values,
        }
        return self.url_open("/my/tickets/new", data=data, files=files)

    def test_new_ticket_form_has_a_description_box_and_the_sla_promise(self):
        page = self.url_open("/my/tickets/new").text
        self.assertIn("描述", page)
        self.assertRegex(page, r'<textarea name="description"[^>]*>\s*</textarea>')
        self.assertIn('name="category_id"', page)
        self.assertIn("打印机", page)
        self.assertIn('name="priority"', page)
        self.assertIn('type="file" name="attachment"', page)
        self.assertIn("首次响应 4小时00分", page)

    def test_create_with_description_gets_team_assignee_sla_and_files(self):
        response = self._post_new(
            category_id=str(self.category.id),
            priority="2",
            files={"attachment": ("日志.txt", b"error 42", "text/plain")},
        )
        self.assertEqual(response.status_code, 200)
        ticket = self._tickets()
        self.assertEqual(len(ticket), 1)
        self.assertIn("按下开关后冒烟", ticket.description)
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.user_id, self.agent)
        self.assertEqual(ticket.sla_policy_id, self.policy)
        self.assertTrue(ticket.sla_deadline)
        self.assertEqual(ticket.category_id, self.category)
        self.assertEqual(ticket.priority, "2")
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", ticket._name), ("res_id", "=", ticket.id)]
        )
        self.assertEqual(attachment.name, "日志.txt")
        self.assertEqual(attachment.raw, b"error 42")

    def test_email_ticket_gets_the_default_team(self):
        ticket = self.env["service.desk.ticket"].create(
            {"name": "来信", "partner_id": self.customer.partner_id.id, "channel": "email"}
        )
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.sla_policy_id, self.policy)

    def _solved_ticket(self):
        ticket = self.env["service.desk.ticket"].create(
            {
                "name": "已解决的问题",
                "partner_id": self.customer.partner_id.id,
                "channel": "portal",
                "user_id": self.agent.id,
            }
        )
        ticket.stage_id = self.env.ref("service_desk.stage_solved")
        return ticket

    def test_solved_ticket_rate(self):
        ticket = self._solved_ticket()
        page = self.url_open(f"/my/tickets/{ticket.id}").text
        self.assertIn("问题解决了吗", page)
        token = re.search(r'href="/rate/([0-9A-Za-z_-]+)/5"', page).group(1)
        response = self.url_open(
            f"/rate/{token}/submit_feedback",
            data={"rate": "5", "feedback": "很好", "csrf_token": Request.csrf_token(self)},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(ticket.rating_last_value, 5)

    def test_solved_ticket_confirm_and_reopen(self):
        ticket = self._solved_ticket()
        response = self.url_open(
            f"/my/tickets/{ticket.id}/confirm", data={"csrf_token": Request.csrf_token(self)}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(ticket.stage_id.category, "closed")
        notes = ticket.message_ids.filtered(lambda m: "客户已确认" in (m.body or ""))
        self.assertEqual(notes.author_id, self.customer.partner_id)
        # a closed ticket is no longer "solved": nothing more to confirm or reopen
        again = self.url_open(
            f"/my/tickets/{ticket.id}/reopen", data={"csrf_token": Request.csrf_token(self)}
        )
        self.assertEqual(again.status_code, 400)

        other = self._solved_ticket()
        response = self.url_open(
            f"/my/tickets/{other.id}/reopen",
            data={"reason": "还是冒烟", "csrf_token": Request.csrf_token(self)},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(other.stage_id.category, "in_progress")
        notes = other.message_ids.filtered(lambda m: "还是冒烟" in (m.body or ""))
        self.assertIn("客户重新打开了工单", notes.body)
        self.assertEqual(notes.author_id, self.customer.partner_id)

    def test_other_customer_cannot_decide(self):
        stranger = self.env["service.desk.ticket"].create(
            {"name": "别人的工单", "partner_id": self.env["res.partner"].create({"name": "X"}).id}
        )
        stranger.stage_id = self.env.ref("service_desk.stage_solved")
        response = self.url_open(
            f"/my/tickets/{stranger.id}/confirm", data={"csrf_token": Request.csrf_token(self)}
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(stranger.stage_id.category, "solved")

    def test_portal_tour(self):
        self.start_tour("/my/tickets/new", "service_desk_portal_zh_tour", login="sd_zh_portal")
        ticket = self._tickets()
        self.assertEqual(ticket.name, "导览工单")
        self.assertIn("导览描述", ticket.description)
        self.assertEqual(ticket.team_id, self.team)
