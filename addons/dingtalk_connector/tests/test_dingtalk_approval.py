# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon

from ..tools.exceptions import INPUT, RETRYABLE, DingTalkError

CREATE = ("POST", "/v1.0/workflow/processInstances")
QUERY = ("POST", "/v1.0/workflow/processes/instanceIds/query")
GET = ("GET", "/v1.0/workflow/processInstances")


class DingtalkApprovalCommon(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.env["res.partner"].create({"name": "ACME Ltd"})
        cls.approval = cls.env["dingtalk.approval"].create(
            {
                "res_model": "res.partner",
                "res_id": cls.partner.id,
                "process_code": "PROC-TEST",
                "business_ref": "SO0042",
            }
        )

    def setUp(self):
        super().setUp()
        self.calls = []
        self.replies = []
        test = self

        def fake_call(company, style, path, body=None, method="POST", params=None):
            # The method boundary: the fake HTTP server is tested elsewhere.
            test.calls.append({"key": (method, path), "body": body, "params": params})
            reply = test.replies.pop(0)
            if isinstance(reply, Exception):
                raise reply
            return reply

        self.patch(type(self.env["res.company"]), "_dingtalk_call", fake_call)
        self.hook = self.startPatcher(
            patch.object(type(self.partner), "_dingtalk_approval_result", create=True)
        )

    def _keys(self):
        return [call["key"] for call in self.calls]

    @staticmethod
    def _instance(ref, status="RUNNING", result=None):
        values = [{"name": "Odoo Reference", "value": ref}, {"name": "金额", "value": "1"}]
        return {"result": {"status": status, "result": result, "formComponentValues": values}}


@tagged("dingtalk_approval")
class TestDingtalkApprovalSubmit(DingtalkApprovalCommon):
    def test_submit_sends_string_values_and_the_reference(self):
        self.replies = [{"instanceId": "inst-1"}]
        ok = self.approval._dingtalk_submit(
            "manager4220",
            None,
            {
                "金额": 120000.5,
                "客户": "ACME Ltd",
                "日期": date(2026, 11, 22),
                "多选框": ["a", "b"],
            },
        )
        self.assertTrue(ok)
        self.assertEqual(self._keys(), [CREATE])
        body = self.calls[0]["body"]
        self.assertEqual(body["originatorUserId"], "manager4220")
        self.assertEqual(body["processCode"], "PROC-TEST")
        self.assertEqual(body["deptId"], -1)
        self.assertEqual(
            body["formComponentValues"],
            [
                {"name": "Odoo Reference", "value": "SO0042"},
                {"name": "金额", "value": "120000.5"},
                {"name": "客户", "value": "ACME Ltd"},
                {"name": "日期", "value": "2026-11-22"},
                {"name": "多选框", "value": '["a", "b"]'},
            ],
        )
        self.assertRecordValues(
            self.approval,
            [{"state": "running", "instance_id": "inst-1", "originator_userid": "manager4220"}],
        )

    def test_default_reference_names_the_document_and_the_attempt(self):
        self.approval.business_ref = False
        self.replies = [{"instanceId": "inst-1"}]
        self.approval._dingtalk_submit("u1", 7, {})
        self.assertEqual(self.approval.business_ref, f"ACME Ltd/{self.approval.id}")
        self.assertEqual(self.calls[0]["body"]["deptId"], 7)

    def test_timeout_then_lookup_finds_the_instance(self):
        """No answer to the creation: the instance existed, it is not created twice."""
        self.env["dingtalk.approval"].create(
            {
                "res_model": "res.partner",
                "res_id": self.partner.id,
                "process_code": "PROC-TEST",
                "instance_id": "inst-taken",
            }
        )
        self.replies = [
            DingTalkError(RETRYABLE, "no answer within 20 s"),
            {"result": {"list": ["inst-taken", "inst-other", "inst-9"]}},
            self._instance("SO0041"),
            self._instance("SO0042"),
        ]
        self.assertTrue(self.approval._dingtalk_submit("u1", -1, {}))
        self.assertEqual(self._keys(), [CREATE, QUERY, GET, GET])
        query = self.calls[1]["body"]
        self.assertEqual(query["processCode"], "PROC-TEST")
        self.assertEqual(query["userIds"], ["u1"])
        self.assertEqual((query["nextToken"], query["maxResults"]), (0, 20))
        self.assertLess(query["startTime"], query["endTime"])
        self.assertEqual(self.calls[3]["params"], {"processInstanceId": "inst-9"})
        self.assertRecordValues(self.approval, [{"state": "running", "instance_id": "inst-9"}])

    def test_timeout_then_lookup_finds_nothing_creates_again(self):
        self.replies = [
            DingTalkError(RETRYABLE, "HTTP 503"),
            {"result": {"list": ["inst-other"]}},
            self._instance("SO0041"),
            {"instanceId": "inst-2"},
        ]
        self.assertTrue(self.approval._dingtalk_submit("u1", -1, {}))
        self.assertEqual(self._keys(), [CREATE, QUERY, GET, CREATE])
        self.assertEqual(self.approval.instance_id, "inst-2")

    def test_second_timeout_is_stored_as_error(self):
        self.replies = [
            DingTalkError(RETRYABLE, "HTTP 503"),
            {"result": {"list": []}},
            DingTalkError(RETRYABLE, "HTTP 503"),
        ]
        self.assertFalse(self.approval._dingtalk_submit("u1", -1, {}))
        self.assertEqual(self._keys(), [CREATE, QUERY, CREATE])
        self.assertEqual(self.approval.state, "error")

    def test_input_error_is_not_retried(self):
        self.replies = [DingTalkError(INPUT, "表单数据校验失败", code="formConverterError")]
        self.assertFalse(self.approval._dingtalk_submit("u1", -1, {}))
        self.assertEqual(self._keys(), [CREATE])
        self.assertEqual(self.approval.state, "error")
        self.assertIn("formConverterError", self.approval.error)


@tagged("dingtalk_approval")
class TestDingtalkApprovalResult(DingtalkApprovalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.approval.write({"state": "running", "instance_id": "inst-1"})

    def test_agree_approves_once(self):
        self.assertEqual(self.approval._dingtalk_apply_result("finish", "agree"), self.approval)
        self.assertRecordValues(self.approval, [{"state": "approved", "result": "agree"}])
        self.hook.assert_called_once_with("approved")
        # A replayed finish and a late start change nothing.
        self.assertFalse(self.approval._dingtalk_apply_result("finish", "agree"))
        self.assertFalse(self.approval._dingtalk_apply_result("start"))
        self.assertFalse(self.approval._dingtalk_apply_result("TERMINATED"))
        self.assertEqual(self.approval.state, "approved")
        self.hook.assert_called_once()

    def test_refuse_rejects(self):
        self.approval._dingtalk_apply_result("COMPLETED", "refuse")
        self.assertEqual(self.approval.state, "rejected")
        self.hook.assert_called_once_with("rejected")

    def test_terminate(self):
        self.approval._dingtalk_apply_result("terminate")
        self.assertEqual(self.approval.state, "terminated")
        self.hook.assert_called_once_with("terminated")

    def test_start_keeps_running_without_hook(self):
        self.assertFalse(self.approval._dingtalk_apply_result("start"))
        self.assertFalse(self.approval._dingtalk_apply_result("finish", "redirect"))
        self.assertEqual(self.approval.state, "running")
        self.hook.assert_not_called()

    def test_target_without_hook(self):
        approval = self.approval.copy({"res_model": "res.country", "res_id": 1})
        approval.write({"state": "running", "instance_id": "inst-2"})
        approval._dingtalk_apply_result("finish", "agree")
        self.assertEqual(approval.state, "approved")
        self.hook.assert_not_called()

    def test_catch_up_cron_refreshes_old_running_approvals(self):
        now = fields.Datetime.now()
        self.approval.submitted_at = now - timedelta(hours=2)
        recent = self.approval.copy({"instance_id": "inst-2", "submitted_at": now})
        recent.state = "running"
        self.replies = [self._instance("SO0042", "COMPLETED", "agree")]
        self.env["dingtalk.approval"]._cron_sync_approvals()
        self.assertEqual(self._keys(), [GET])
        self.assertEqual(self.calls[0]["params"], {"processInstanceId": "inst-1"})
        self.assertEqual(self.approval.state, "approved")
        self.assertEqual(recent.state, "running")
        self.hook.assert_called_once_with("approved")

    def test_catch_up_failure_is_stored_and_not_retried_at_once(self):
        self.approval.submitted_at = fields.Datetime.now() - timedelta(hours=2)
        self.replies = [DingTalkError(RETRYABLE, "HTTP 503")]
        self.env["dingtalk.approval"]._cron_sync_approvals()
        self.assertEqual(self.approval.state, "running")
        self.assertIn("HTTP 503", self.approval.error)
        self.assertTrue(self.approval.last_sync)
        self.env["dingtalk.approval"]._cron_sync_approvals()
        self.assertEqual(len(self.calls), 1)
