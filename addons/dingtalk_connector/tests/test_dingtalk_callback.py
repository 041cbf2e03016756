# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import json
import logging
from unittest.mock import patch
from urllib.parse import urlencode

from odoo.tests import HttpCase, tagged

from ..tools import crypto

TOKEN = "cbtoken123"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
OTHER_AES_KEY = "1234567890123456789012345678901234567890123"
APP_KEY = "dingappkey123"
CORP_ID = "dingcorp456"
RANDOM = b"0123456789abcdef"  # fixed: each envelope is reproducible
CONTROLLER_LOGGER = "odoo.addons.dingtalk_connector.controllers.main"


@tagged("post_install", "-at_install", "dingtalk_callback")
class TestDingtalkCallback(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write(
            {
                "dingtalk_app_key": APP_KEY,
                "dingtalk_corp_id": CORP_ID,
                "dingtalk_callback_token": TOKEN,
                "dingtalk_aes_key": AES_KEY,
            }
        )
        cls.url = f"/dingtalk/event/{cls.company.id}"
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
        cls.cron = cls.env.ref("dingtalk_connector.ir_cron_dingtalk_process_events")

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------
    @staticmethod
    def _seal(payload, aes_key=AES_KEY, owner=APP_KEY):
        text = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
        return crypto.encrypt(text, aes_key, owner, random_bytes=RANDOM)

    def _post(self, encrypted, params=None, url=None, body=None):
        """POST an envelope signed like DingTalk does, unless ``params`` says otherwise."""
        query = {
            "msg_signature": crypto.signature(TOKEN, "1614767836", "nonce123", encrypted),
            "timestamp": "1614767836",
            "nonce": "nonce123",
        }
        query.update(params or {})
        query = {key: value for key, value in query.items() if value is not None}
        return self.url_open(
            f"{url or self.url}?{urlencode(query)}",
            data=body if body is not None else json.dumps({"encrypt": encrypted}),
            headers={"Content-Type": "application/json"},
        )

    def _assert_success_reply(self, response, owner=APP_KEY):
        self.assertEqual(response.status_code, 200)
        reply = response.json()
        self.assertEqual(set(reply), {"msg_signature", "timeStamp", "nonce", "encrypt"})
        self.assertTrue(all(isinstance(value, str) for value in reply.values()))
        self.assertTrue(
            crypto.check_signature(
                TOKEN, reply["timeStamp"], reply["nonce"], reply["encrypt"], reply["msg_signature"]
            )
        )
        self.assertEqual(crypto.decrypt(reply["encrypt"], AES_KEY, [owner]), "success")

    def _events(self):
        return self.env["dingtalk.event"].search([("company_id", "=", self.company.id)])

    # ------------------------------------------------------------
    # ACCEPTED
    # ------------------------------------------------------------
    def test_check_url(self):
        response = self._post(self._seal({"EventType": "check_url"}))
        self._assert_success_reply(response)
        self.cron.method_direct_trigger()
        self.assertRecordValues(self._events(), [{"event_type": "check_url", "state": "ignored"}])

    def test_approval_event_is_processed_once(self):
        """DingTalk retries an event it believes lost: three deliveries, one effect."""
        payload = {
            "EventType": "bpms_instance_change",
            "eventId": "c7c7120f",
            "processInstanceId": "inst-1",
            "type": "finish",
            "result": "agree",
            "title": "合同审批",
        }
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", self.cron.id)])
        for random_bytes in (RANDOM, b"a" * 16, b"b" * 16):
            # Each retry is sealed anew: only the eventId identifies it.
            encrypted = crypto.encrypt(json.dumps(payload), AES_KEY, APP_KEY, random_bytes)
            self._assert_success_reply(self._post(encrypted))
        event = self._events()
        self.assertRecordValues(
            event, [{"event_id": "c7c7120f", "event_type": "bpms_instance_change"}]
        )
        self.assertEqual(event.payload["title"], "合同审批")
        new_triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", self.cron.id)])
        self.assertEqual(len(new_triggers - triggers), 1, "the cron is triggered once per event")
        with patch.object(type(self.partner), "_dingtalk_approval_result", create=True) as hook:
            self.cron.method_direct_trigger()
            self.cron.method_direct_trigger()
        self.assertEqual(event.state, "done")
        self.assertRecordValues(self.approval, [{"state": "approved", "result": "agree"}])
        hook.assert_called_once_with("approved")

    def test_alternative_parameter_names(self):
        encrypted = self._seal({"EventType": "check_url", "eventId": "alt"})
        signature = crypto.signature(TOKEN, "1614767836", "nonce123", encrypted)
        params = {"msg_signature": None, "signature": signature, "timestamp": None}
        response = self._post(encrypted, dict(params, timeStamp="1614767836"))
        self._assert_success_reply(response)
        self.assertEqual(len(self._events()), 1)

    def test_legacy_corp_id_owner(self):
        response = self._post(self._seal({"EventType": "check_url"}, owner=CORP_ID))
        self._assert_success_reply(response, owner=CORP_ID)
        self.assertEqual(len(self._events()), 1)

    # ------------------------------------------------------------
    # REJECTED
    # ------------------------------------------------------------
    def _assert_rejected(self, encrypted, params=None, url=None, body=None):
        # logging.INFO, not "INFO": Odoo names its level 25 "INFO" too.
        with self.assertLogs("odoo", logging.INFO) as logs:
            response = self._post(encrypted, params, url, body)
        self.assertIn(response.status_code, (400, 403))
        self.assertNotIn("success", response.text)
        self.assertFalse(self._events(), "nothing is stored for an unverified body")
        self.assertEqual([r.levelname for r in logs.records if r.levelno >= logging.WARNING], [])
        ours = [r for r in logs.records if r.name == CONTROLLER_LOGGER]
        self.assertEqual(len(ours), 1, "one INFO line per rejection")
        self.assertFalse(ours[0].exc_info)
        return response

    def test_tampered_signature(self):
        encrypted = self._seal({"EventType": "check_url"})
        signature = crypto.signature(TOKEN, "1614767836", "nonce123", encrypted)
        response = self._assert_rejected(encrypted, {"msg_signature": signature[:-1] + "0"})
        self.assertEqual(response.status_code, 403)
        self._assert_rejected(encrypted, {"timestamp": "1614767837"})
        self._assert_rejected(encrypted, {"msg_signature": signature.upper()})

    def test_wrong_aes_key(self):
        self._assert_rejected(self._seal({"EventType": "check_url"}, aes_key=OTHER_AES_KEY))

    def test_truncated_ciphertext(self):
        data = base64.b64decode(self._seal({"EventType": "check_url"}))
        for truncated in (data[:-16], data[:-3], data[:16]):
            with self.subTest(length=len(truncated)):
                self._assert_rejected(base64.b64encode(truncated).decode())

    def test_garbled_ciphertext(self):
        data = bytearray(base64.b64decode(self._seal({"EventType": "check_url"})))
        data[0] ^= 1  # flips the length field of the decrypted envelope
        self._assert_rejected(base64.b64encode(bytes(data)).decode())
        self._assert_rejected("this is not base64!")
        self._assert_rejected(self._seal("not json"))
        self._assert_rejected(self._seal("[1, 2]"))

    def test_wrong_app_key(self):
        self._assert_rejected(self._seal({"EventType": "check_url"}, owner=APP_KEY + "x"))
        self._assert_rejected(self._seal({"EventType": "check_url"}, owner="dingotherapp"))

    def test_missing_parameters(self):
        encrypted = self._seal({"EventType": "check_url"})
        for name in ("msg_signature", "timestamp", "nonce"):
            with self.subTest(missing=name):
                self._assert_rejected(encrypted, {name: None})
        self._assert_rejected(encrypted, body="{}")
        self._assert_rejected(encrypted, body="not json")
        self._assert_rejected(encrypted, body='{"encrypt": 42}')

    def test_unknown_or_unconfigured_company(self):
        encrypted = self._seal({"EventType": "check_url"})
        self._assert_rejected(encrypted, url="/dingtalk/event/999999")
        self.company.dingtalk_app_key = False
        self.company.dingtalk_corp_id = False
        self._assert_rejected(encrypted)
