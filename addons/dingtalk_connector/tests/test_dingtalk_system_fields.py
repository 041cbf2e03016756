# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 12: the outbox and the approval states are written by the system only.

Before, a DingTalk manager could mark an approval "approved" or a message "sent"
(or rewrite a queued message's payload) with one RPC ``write``: ``readonly=True``
bound only the form.
"""

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon

from ..models.dingtalk_approval import APPROVAL_SYSTEM_FIELDS
from ..models.dingtalk_message import MESSAGE_SYSTEM_FIELDS


@tagged("dingtalk_connector", "c360_trust")
class TestDingtalkSystemFields(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            "dt_sys_manager",
            groups="dingtalk_connector.dingtalk_connector_group_manager",
            tz="Asia/Shanghai",
        )
        cls.user = new_test_user(
            cls.env, "dt_sys_user", groups="dingtalk_connector.dingtalk_connector_group_user"
        )
        cls.partner = cls.env["res.partner"].create({"name": "北京戊公司"})
        cls.approval = cls.env["dingtalk.approval"].create(
            {"res_model": "res.partner", "res_id": cls.partner.id, "process_code": "PROC-TEST"}
        )
        cls.message = cls.env["dingtalk.message"].create(
            {
                "name": "工单超时",
                "channel": "work_notice",
                "userids": "manager01",
                "payload": {"msgtype": "text", "text": {"content": "SLA"}},
            }
        )

    def test_manager_writes_no_approval_state(self):
        approval = self.approval.with_user(self.manager)
        samples = {
            "state": "approved",
            "result": "agree",
            "error": False,
            "instance_id": "fake-instance",
            "business_ref": "SO-FAKE",
            "originator_userid": "boss",
            "submitted_by": self.manager.id,
            "submitted_at": "2026-12-01 00:00:00",
            "last_sync": "2026-12-01 00:00:00",
        }
        self.assertEqual(set(samples), APPROVAL_SYSTEM_FIELDS)
        for fname, value in samples.items():
            with self.subTest(field=fname), self.assertRaises(AccessError):
                approval.write({fname: value})
        with self.assertRaises(AccessError):
            self.env["dingtalk.approval"].with_user(self.manager).create(
                {
                    "res_model": "res.partner",
                    "res_id": self.partner.id,
                    "process_code": "PROC-TEST",
                    "state": "approved",
                }
            )
        self.assertEqual(self.approval.state, "draft")

    def test_refusal_names_fields_not_technical_names(self):
        with self.assertRaises(AccessError) as refusal:
            self.approval.with_user(self.manager).write({"instance_id": "fake"})
        message = str(refusal.exception)
        self.assertIn(self.approval._fields["instance_id"].string, message)
        self.assertNotIn("instance_id", message)

    def test_system_moves_the_approval(self):
        self.approval.with_user(self.manager)._submit_done("inst-1", "user01")
        self.assertEqual(self.approval.state, "running")
        self.assertEqual(self.approval.submitted_by, self.manager)
        self.approval.with_user(self.manager)._dingtalk_apply_result("finish", "agree")
        self.assertEqual(self.approval.state, "approved")

    def test_manager_writes_no_outbox_field(self):
        message = self.message.with_user(self.manager)
        samples = {
            "state": "sent",
            "attempt_count": 0,
            "next_attempt_at": "2026-12-01 00:00:00",
            "sent_at": "2026-12-01 00:00:00",
            "last_error": False,
            "last_error_kind": False,
            "task_id": "123",
            "payload": {"msgtype": "text", "text": {"content": "钓鱼链接"}},
            "userids": "everyone",
            "robot_id": False,
            "channel": "robot",
            "dedupe_key": "x",
            "company_id": self.env.company.id,
            "res_model": "res.partner",
            "res_id": self.partner.id,
        }
        self.assertEqual(set(samples), MESSAGE_SYSTEM_FIELDS)
        for fname, value in samples.items():
            with self.subTest(field=fname), self.assertRaises(AccessError):
                message.write({fname: value})
        with self.assertRaises(AccessError):
            self.message.with_user(self.user).write({"state": "cancelled"})

    def test_manager_cancels_and_retries_through_the_actions(self):
        message = self.message.with_user(self.manager)
        message.action_cancel()
        self.assertEqual(self.message.state, "cancelled")
        message.action_retry()
        self.assertEqual(self.message.state, "queued")
        with self.assertRaises(AccessError):
            self.message.with_user(self.user).action_cancel()
