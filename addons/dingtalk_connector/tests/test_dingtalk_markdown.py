# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customer text never becomes live Markdown in a DingTalk message.

Regression for issue 12: an NPS comment, an activity note or a partner name
such as ``[退款](https://evil.example)`` was posted into work notices and robot
messages as Markdown, i.e. as a clickable phishing link.
"""

from odoo.tests import BaseCase, new_test_user, tagged

from ..tools.markdown import escape_markdown
from .common import DingTalkFakeServerCommon

PHISHING = "[退款请点这里](https://evil.example/pay) ![x](http://evil.example/i.png)"
MARKUP = '<a href="https://evil.example">查看</a> # 标题 **粗体** `code` | a |'


def assert_inert(case, text):
    """No link, image, HTML tag, auto-linked URL or control character survives."""
    for needle in ("](", "<a", "https://", "http://", "\x00", "\u202e", "**粗体**", "`"):
        case.assertNotIn(needle, text)


@tagged("dingtalk_markdown")
class TestEscapeMarkdown(BaseCase):
    def test_markup_becomes_text(self):
        escaped = escape_markdown(f"{PHISHING}\n\n\n# 另起一段\n{MARKUP}\x00\u202e", multiline=True)
        assert_inert(self, escaped)
        self.assertIn("退款请点这里", escaped)
        self.assertIn("evil.example/pay", escaped, "the address stays readable")
        self.assertNotIn("\n\n", escaped, "no blank line starts a new block")
        self.assertNotIn("\n", escape_markdown("a\nb"), "one line unless asked")
        self.assertEqual(escape_markdown(None), "")
        self.assertEqual(escape_markdown("苏州云杉 2026-03-01"), "苏州云杉 2026-03-01")


@tagged("dingtalk_markdown")
class TestDingtalkMessagesEscapeCustomerText(DingTalkFakeServerCommon):
    def setUp(self):
        super().setUp()
        self.user = new_test_user(
            self.env,
            "dt_md_user",
            dingtalk_userid="dt_md_user",
            dingtalk_notify_activities=True,
        )
        self.partner = self.env["res.partner"].create(
            {"name": f"客户 {PHISHING}", "user_id": self.user.id}
        )

    def test_activity_notice(self):
        self.partner.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=f"NPS 0: {PHISHING}",
            note=f"<p>{PHISHING}</p><p>{MARKUP}</p>",
            user_id=self.user.id,
        )
        notice = self.Message.search([("channel", "=", "work_notice")])
        card = notice.payload["action_card"]
        assert_inert(self, card["markdown"])
        self.assertTrue(card["markdown"].startswith("### NPS 0"), "our own heading stays")
        self.assertIn("退款请点这里", card["markdown"])

    def test_server_action_keeps_the_template_markdown_only(self):
        for msgtype in ("markdown", "actionCard"):
            action = self.env["ir.actions.server"].create(
                {
                    "name": f"Tell DingTalk {msgtype}",
                    "model_id": self.env["ir.model"]._get_id("res.partner"),
                    "state": "dingtalk",
                    "dingtalk_target": "robot",
                    "dingtalk_robot_id": self.robot.id,
                    "dingtalk_msgtype": msgtype,
                    "dingtalk_title": "New: {{ object.name }}",
                    "dingtalk_body": "Customer **{{ object.name }}** [open](https://odoo.example)",
                }
            )
            action.with_context(active_model="res.partner", active_id=self.partner.id).run()
            message = self.Message.search([("robot_id", "=", self.robot.id)], limit=1)
            body = message.payload.get("markdown") or message.payload.get("actionCard")
            text = body["text"]
            self.assertTrue(text.startswith("Customer **客户 ［退款请点这里］"), text)
            self.assertTrue(text.endswith("** [open](https://odoo.example)"), "the template's link")
            assert_inert(self, text.split("**")[1])
            assert_inert(self, body["title"])
