# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from urllib.parse import parse_qs, urlsplit

from odoo.tests import new_test_user, tagged

from .common import DingTalkFakeServerCommon


@tagged("dingtalk_activity")
class TestDingtalkActivity(DingTalkFakeServerCommon):
    def setUp(self):
        super().setUp()
        self.opted_in = new_test_user(
            self.env,
            "dt_opted_in",
            dingtalk_userid="dt_opted_in",
            dingtalk_notify_activities=True,
        )
        self.not_opted_in = new_test_user(
            self.env, "dt_not_opted_in", dingtalk_userid="dt_not_opted_in"
        )
        self.unmapped = new_test_user(self.env, "dt_unmapped", dingtalk_notify_activities=True)
        self.partner = self.env["res.partner"].create({"name": "ACME 钉钉"})
        self.Message = self.env["dingtalk.message"]

    def _schedule(self, user, summary="Call back"):
        return self.partner.activity_schedule(
            "mail.mail_activity_data_todo", summary=summary, user_id=user.id
        )

    def _notices(self):
        return self.Message.search([("channel", "=", "work_notice")])

    def test_opted_in_user_gets_one_notice_with_a_link(self):
        activity = self._schedule(self.opted_in)
        notice = self._notices()
        self.assertEqual(len(notice), 1)
        self.assertEqual(notice.userids, "dt_opted_in")
        self.assertTrue(
            notice.dedupe_key.startswith(f"mail.activity-{activity.id}-{self.opted_in.id}")
        )
        self.assertEqual((notice.res_model, notice.res_id), ("res.partner", self.partner.id))
        card = notice.payload["action_card"]
        self.assertEqual(notice.payload["msgtype"], "action_card")
        self.assertIn("Call back", card["title"])
        self.assertIn(f"A{activity.id}", card["markdown"])
        link = urlsplit(card["single_url"])
        self.assertEqual(
            f"{link.scheme}://{link.netloc}{link.path}", "dingtalk://dingtalkclient/page/link"
        )
        query = parse_qs(link.query)
        self.assertEqual(query["pc_slide"], ["true"])
        self.assertTrue(query["url"][0].endswith(f"/odoo/res.partner/{self.partner.id}"))

        self._drain()
        self.assertEqual(self.fake.delivered_userids()["dt_opted_in"], 1)
        self.assertEqual(notice.state, "sent")

    def test_no_notice_without_opt_in_or_mapping(self):
        self._schedule(self.not_opted_in)
        self._schedule(self.unmapped)
        self.assertFalse(self._notices())

    def test_reassignment_notifies_the_new_assignee(self):
        activity = self._schedule(self.not_opted_in)
        activity.user_id = self.opted_in
        self.assertEqual(self._notices().userids, "dt_opted_in")

    def test_batch_create(self):
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("res.partner")
        # one record per activity: Odoo's follower insert trips over duplicates
        partners = self.env["res.partner"].create([{"name": f"P{i}"} for i in range(3)])
        activities = self.env["mail.activity"].create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": partner.id,
                    "activity_type_id": activity_type.id,
                    "summary": f"Task {i}",
                    "user_id": user.id,
                }
                for i, (user, partner) in enumerate(
                    zip([self.opted_in, self.opted_in, self.unmapped], partners, strict=True)
                )
            ]
        )
        notices = self._notices()
        self.assertEqual(len(notices), 2)
        texts = {notice.payload["action_card"]["markdown"] for notice in notices}
        self.assertEqual(len(texts), 2, "identical content would be dropped by DingTalk")
        self.assertTrue(activities)

    def test_system_activity_with_quick_update_reaches_the_phone(self):
        """Issue 14: to-dos created by crons with ``mail_activity_quick_update`` (SLA
        breach, escalation, pool reminders) never became work notices, so a breach
        never reached the agent's phone."""
        activity = (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
            .create(
                {
                    "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                    "res_id": self.partner.id,
                    "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
                    "summary": "SLA breached",
                    "user_id": self.opted_in.id,
                }
            )
        )
        notice = self._notices()
        self.assertEqual(notice.userids, "dt_opted_in")
        self.assertIn(f"A{activity.id}", notice.payload["action_card"]["markdown"])
        self._drain()
        self.assertEqual(self.fake.delivered_userids()["dt_opted_in"], 1)

    def test_no_notice_when_the_company_has_no_dingtalk_app(self):
        self.company.sudo().dingtalk_agent_id = False
        self._schedule(self.opted_in)
        self.assertFalse(self._notices())
