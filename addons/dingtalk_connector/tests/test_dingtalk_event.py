# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon

EVENT_LOGGER = "odoo.addons.dingtalk_connector.models.dingtalk_event"


@tagged("dingtalk_event")
class TestDingtalkEvent(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Event = cls.env["dingtalk.event"]
        cls.company = cls.env.company
        cls.partner = cls.env["res.partner"].create({"name": "ACME Ltd"})
        cls.approval = cls.env["dingtalk.approval"].create(
            {
                "res_model": "res.partner",
                "res_id": cls.partner.id,
                "process_code": "PROC-TEST",
                "instance_id": "inst-1",
                "state": "running",
            }
        )

    def _store(self, payload, encrypted="ZW5j"):
        return self.Event._store(self.company.id, payload, encrypted)

    def _events(self):
        return self.Event.search([("company_id", "=", self.company.id)], order="id")

    def test_store_is_idempotent(self):
        self.assertTrue(self._store({"EventType": "check_url", "eventId": "e1"}))
        self.assertFalse(self._store({"EventType": "check_url", "eventId": "e1"}, "b3RoZXI="))
        # Without an eventId the ciphertext identifies the delivery.
        self.assertTrue(self._store({"EventType": "check_url"}, "YQ=="))
        self.assertFalse(self._store({"EventType": "check_url"}, "YQ=="))
        self.assertTrue(self._store({"EventType": "check_url"}, "Yg=="))
        events = self._events()
        self.assertEqual(len(events), 3)
        self.assertEqual(events[0].payload, {"EventType": "check_url", "eventId": "e1"})
        self.assertEqual(set(events.mapped("state")), {"received"})

    def test_processing_by_type(self):
        self._store({"EventType": "check_url", "eventId": "e1"})
        self._store({"EventType": "org_dept_create", "eventId": "e2", "deptId": [1]})
        self._store(
            {
                "EventType": "bpms_instance_change",
                "eventId": "e3",
                "processInstanceId": "inst-1",
                "type": "finish",
                "result": "refuse",
            }
        )
        self._store(
            {"EventType": "bpms_instance_change", "eventId": "e4", "processInstanceId": "inst-x"}
        )
        self.Event._cron_process_events()
        self.assertEqual(self._events().mapped("state"), ["ignored", "ignored", "done", "ignored"])
        self.assertEqual(self.approval.state, "rejected")

    def test_one_bad_event_does_not_block_the_others(self):
        self._store(
            {
                "EventType": "bpms_instance_change",
                "eventId": "e1",
                "processInstanceId": "inst-1",
                "type": "start",
            }
        )
        self._store({"EventType": "check_url", "eventId": "e2"})
        self._store(
            {
                "EventType": "bpms_instance_change",
                "eventId": "e3",
                "processInstanceId": "inst-1",
                "type": "finish",
                "result": "agree",
            }
        )
        Approval = type(self.env["dingtalk.approval"])
        original = Approval._dingtalk_apply_result

        def apply_result(approvals, status, result=None):
            if status == "start":
                raise ValueError("boom")
            return original(approvals, status, result)

        with (
            patch.object(Approval, "_dingtalk_apply_result", apply_result),
            patch.object(type(self.Event), "_process_check_url", side_effect=KeyError("bad")),
            self.assertLogs(EVENT_LOGGER, "WARNING") as logs,
        ):
            self.Event._cron_process_events()
        events = self._events()
        self.assertEqual(events.mapped("state"), ["error", "error", "done"])
        self.assertIn("boom", events[0].error)
        self.assertIn("bad", events[1].error)
        self.assertEqual(len(logs.records), 2)
        self.assertEqual(self.approval.state, "approved")

    def test_failed_event_rolls_back_its_changes(self):
        self._store(
            {
                "EventType": "bpms_instance_change",
                "eventId": "e1",
                "processInstanceId": "inst-1",
                "type": "finish",
                "result": "agree",
            }
        )
        with (
            patch.object(
                type(self.partner),
                "_dingtalk_approval_result",
                create=True,
                side_effect=ValueError("target refused"),
            ),
            self.assertLogs(EVENT_LOGGER, "WARNING"),
        ):
            self.Event._cron_process_events()
        self.assertEqual(self._events().state, "error")
        self.assertEqual(self.approval.state, "running")

    def test_user_leave_org(self):
        # res.users.dingtalk_userid belongs to the user sync, which may be absent.
        has_field = "dingtalk_userid" in self.env["res.users"]._fields
        user = self.env["res.users"].create({"name": "Leaver", "login": "leaver"})
        if has_field:
            user.dingtalk_userid = "u1"
        self._store({"EventType": "user_leave_org", "eventId": "e1", "userId": ["u1"]})
        self.Event._cron_process_events()
        self.assertEqual(self._events().state, "done" if has_field else "ignored")
        if has_field:
            self.assertFalse(user.dingtalk_userid)
            self.assertTrue(user.active, "leaving DingTalk never archives the Odoo user")
