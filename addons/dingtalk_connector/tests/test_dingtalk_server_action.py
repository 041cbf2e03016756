# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import new_test_user, tagged

from .common import DingTalkFakeServerCommon


@tagged("dingtalk_server_action")
class TestDingtalkServerAction(DingTalkFakeServerCommon):
    def setUp(self):
        super().setUp()
        self.fake.robot_secrets["sa-robot"] = "SECserveraction"
        self.robot = self.env["dingtalk.robot"].create(
            {
                "name": "Sales group",
                "webhook_url": "https://oapi.dingtalk.com/robot/send?access_token=sa-robot",
                "secret": "SECserveraction",
            }
        )
        self.salesperson = new_test_user(self.env, "dt_salesperson", dingtalk_userid="dt_sales")
        self.partners = self.env["res.partner"].create(
            [
                {"name": "Customer A", "user_id": self.salesperson.id},
                {"name": "Customer B", "user_id": self.salesperson.id},
            ]
        )
        self.action = self.env["ir.actions.server"].create(
            {
                "name": "Tell DingTalk",
                "model_id": self.env["ir.model"]._get_id("res.partner"),
                "state": "dingtalk",
                "dingtalk_target": "robot",
                "dingtalk_robot_id": self.robot.id,
                "dingtalk_msgtype": "markdown",
                "dingtalk_title": "New: {{ object.name }}",
                "dingtalk_body": "Customer **{{ object.name }}** needs a call",
            }
        )

    def _run(self, records):
        return self.action.with_context(
            active_model=records._name, active_ids=records.ids, active_id=records[:1].id
        ).run()

    def test_robot_messages_are_queued_then_delivered(self):
        self._run(self.partners)
        messages = self.env["dingtalk.message"].search([("robot_id", "=", self.robot.id)])
        self.assertEqual(len(messages), 2)
        self.assertTrue(all(f"-{self.action.id}-" in key for key in messages.mapped("dedupe_key")))
        self._run(self.partners)
        self.assertEqual(
            self.env["dingtalk.message"].search_count([("robot_id", "=", self.robot.id)]),
            2,
            "an unchanged record is not posted twice",
        )
        self._drain()
        texts = sorted(body["markdown"]["text"] for body in self.fake.robot_messages.values())
        self.assertEqual(
            texts, ["Customer **Customer A** needs a call", "Customer **Customer B** needs a call"]
        )
        self.assertEqual(
            {body["markdown"]["title"] for body in self.fake.robot_messages.values()},
            {"New: Customer A", "New: Customer B"},
        )

    def test_users_from_a_field_get_work_notices(self):
        self.action.write(
            {
                "dingtalk_target": "users",
                "dingtalk_robot_id": False,
                "dingtalk_msgtype": "actionCard",
                "dingtalk_user_field_id": self.env["ir.model.fields"]
                ._get("res.partner", "user_id")
                .id,
            }
        )
        self._run(self.partners[0])
        self._drain()
        self.assertEqual(len(self.fake.work_notices), 1)
        userids, msg = self.fake.work_notices[0]
        self.assertEqual(userids, ["dt_sales"])
        self.assertEqual(msg["msgtype"], "action_card")
        card = msg["action_card"]
        self.assertEqual(card["title"], "New: Customer A")
        self.assertIn("Ref: ", card["markdown"])
        self.assertIn(f"res.partner%2F{self.partners[0].id}", card["single_url"])

    def test_fixed_users_without_mapping_are_skipped(self):
        unmapped = new_test_user(self.env, "dt_nobody")
        self.action.write(
            {
                "dingtalk_target": "users",
                "dingtalk_msgtype": "text",
                "dingtalk_user_ids": [(6, 0, (unmapped | self.salesperson).ids)],
            }
        )
        self._run(self.partners[0])
        notice = self.env["dingtalk.message"].search([("channel", "=", "work_notice")])
        self.assertEqual(notice.userids, "dt_sales")
        self.assertEqual(notice.payload["msgtype"], "text")

    def test_shipped_examples_are_inactive(self):
        examples = (
            self.env["base.automation"]
            .with_context(active_test=False)
            .search([("action_server_ids.state", "=", "dingtalk")])
        )
        self.assertGreaterEqual(len(examples), 2)
        self.assertFalse(examples.filtered("active"))
