# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What background jobs write speaks the recipient's language and time zone (issue 14).

The breach cron ran as OdooBot: "SLA breached: First Reply 0h30, deadline
2026-12-02 17:52:28 (UTC)" reached a Shanghai agent working in Chinese.
"""

from odoo import Command
from odoo.tests import new_test_user, tagged

from .sla_common import ServiceDeskSlaCommon


def load_zh(env, modules):
    env["res.lang"]._activate_lang("zh_CN")
    env["ir.module.module"]._load_module_terms(modules, ["zh_CN"], overwrite=True)


@tagged("post_install", "-at_install")
class TestServiceDeskRecipientLanguage(ServiceDeskSlaCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_zh(cls.env, ["service_desk"])
        cls.agent_zh = new_test_user(
            cls.env,
            "sd_agent_zh",
            groups="service_desk.service_desk_group_user",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        cls.agent_en = new_test_user(
            cls.env,
            "sd_agent_en",
            groups="service_desk.service_desk_group_user",
            lang="en_US",
            tz="Europe/Paris",
        )
        cls.policy.target_ids = [
            Command.clear(),
            Command.create({"metric": "first_reply", "minutes": 30, "use_24x7": True}),
        ]

    def test_breach_note_and_activity_in_recipient_language_and_zone(self):
        # 01:22 in Shanghai is still 2 December in UTC
        with self.at("2026-12-03 01:22"):
            zh = self._new_ticket(user_id=self.agent_zh.id)
            en = self._new_ticket(user_id=self.agent_en.id)
        with self.at("2026-12-03 02:00"):
            self.env["service.desk.sla.status"]._cron_sla_breach()
        note_zh = zh.message_ids.filtered(lambda m: "SLA" in (m.body or ""))[:1].body
        self.assertIn("SLA 已违约", note_zh)
        self.assertIn("首次响应 0小时30分", note_zh)
        self.assertIn("2026-12-03 01:52", note_zh)
        self.assertNotIn("UTC", note_zh)
        note_en = en.message_ids.filtered(lambda m: "SLA" in (m.body or ""))[:1].body
        self.assertIn("SLA breached: First Reply 0h30", note_en)
        self.assertIn("2026-12-02 18:52", note_en)  # Paris
        self.assertEqual(zh.activity_ids.summary, "SLA 已违约")
        self.assertEqual(en.activity_ids.summary, "SLA breached")
        # the to-do is due on the agent's local day, not the UTC one
        self.assertEqual(str(zh.activity_ids.date_deadline), "2026-12-03")

    def test_target_and_channel_labels_translated(self):
        target = self.policy.target_ids.with_context(lang="zh_CN")
        self.assertEqual(target.display_name, "首次响应 0小时30分")
        channels = dict(
            self.env["service.desk.sla.policy"]
            .with_context(lang="zh_CN")
            .fields_get(["channel"])["channel"]["selection"]
        )
        self.assertEqual(channels["portal"], "门户")
