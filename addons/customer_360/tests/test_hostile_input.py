# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Hostile input against the machine-facing routes: events API and DingTalk callback.

Regression for issue 12: deep nesting, 10**400, NaN, U+0000 or an extreme
``occurred_at`` answered HTTP 500 and lost the whole batch; a non-ASCII
``msg_signature`` or a signed payload with U+0000 answered 500 on the
DingTalk callback. Each value of ``hostile_corpus`` must now answer 4xx or a
per-item error, write nothing, and log no ERROR.
"""

import json
import logging
import unittest
from contextlib import contextmanager
from urllib.parse import urlencode

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.customer_360.controllers.events_api import API_KEY_SCOPE
from odoo.addons.customer_360.models.customer_event import MAX_BODY

from .hostile_corpus import DATES, DEEP_JSON, HEADER_VALUES, JSON_VALUES

URL = "/customer_360/api/v1/events"
HEADERS = ("Accept-Language", "User-Agent", "Referer", "X-Forwarded-For", "Cookie", "Origin")
HOLE = '"@@hostile@@"'
# (field, corpus label) pairs that are legitimate values, stored as sent
ACCEPTABLE = {
    ("source", "zero"),
    ("external_id", "zero"),
    ("type", "zero"),
    ("value", "zero"),
    *(("payload.k", label) for label in ("object", "list", "true", "zero", "empty")),
    ("payload", "object"),
    ("occurred_at", "empty"),  # no date: now
}
# JSON values a DingTalk payload may hold (only the envelope's own keys are typed)
PAYLOAD_OK = {"object", "list", "true", "zero", "empty"}


class HostileCase(HttpCase):
    @contextmanager
    def assertCalm(self):
        """No ERROR logged while the block runs (a 500 always logs one)."""
        with self.assertNoLogs("odoo", level=logging.ERROR):
            yield

    def assertHeadersHarmless(self, url, data=None, headers=HEADERS):
        """Non-ASCII in any header changes nothing: the same answer as without."""
        expected = self.url_open(url, data=data).status_code
        for label, value in HEADER_VALUES:
            for header in headers:
                response = self.url_open(url, data=data, headers={header: value})
                self.assertEqual(response.status_code, expected, (label, header))

    def assertRefused(self, response, message=None):
        self.assertTrue(400 <= response.status_code < 500, message or response.status_code)


@tagged("post_install", "-at_install", "hostile_input")
class TestHostileEventsApi(HostileCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = "base.group_user,customer_360.customer_360_group_user"
        cls.sender_a = new_test_user(cls.env, "c360_hostile_a", groups=groups)
        cls.sender_b = new_test_user(cls.env, "c360_hostile_b", groups=groups)
        cls.key_a, cls.key_b = (
            cls.env["res.users.apikeys"].with_user(user).sudo()._generate(API_KEY_SCOPE, "t", None)
            for user in (cls.sender_a, cls.sender_b)
        )
        cls.account = cls.env["res.partner"].create(
            {"name": "敌意测试有限公司", "is_company": True, "ref": "HOST-1"}
        )

    def _stored(self):
        return self.env["customer.event"].search(
            [("create_uid", "in", (self.sender_a | self.sender_b).ids)]
        )

    def _post(self, data, key=None, headers=None):
        headers = {
            "Content-Type": "application/json",
            "Authorization": f"Bearer {key or self.key_a}",
            **(headers or {}),
        }
        return self.url_open(URL, data=data, headers=headers)

    @staticmethod
    def _batch(*items):
        return '{"events": [' + ",".join(items) + "]}"

    def _item(self, external_id, field=None):
        """A valid event as JSON text; ``field`` (dotted for the payload) holds HOLE."""
        item = {"source": "web", "external_id": external_id, "type": "login"}
        item["customer_id"] = self.account.id
        if field in ("ref", "email", "phone"):
            del item["customer_id"]
        if field == "payload.k":
            item["payload"] = {"k": "@@hostile@@"}
        elif field:
            item[field] = "@@hostile@@"
        return json.dumps(item)

    def test_each_hostile_value_is_refused_alone(self):
        """One batch: a good event, then every corpus value in every field."""
        fields = ["source", "external_id", "type", "value", "occurred_at"]
        fields += ["customer_id", "ref", "email", "phone", "payload", "payload.k"]
        items, cases = [self._item("good")], [(None, "good")]
        for field in fields:
            for label, raw in JSON_VALUES:
                items.append(self._item(f"{field}-{label}", field).replace(HOLE, raw))
                cases.append((field, label))
        for label, value in DATES:
            items.append(
                self._item(f"date-{label}", "occurred_at").replace(HOLE, json.dumps(value))
            )
            cases.append(("occurred_at", label))
        with self.assertCalm():
            response = self._post(self._batch(*items))
        self.assertEqual(response.status_code, 200)
        results = response.json()["results"]
        self.assertEqual(len(results), len(cases))
        accepted = set()
        for (field, label), result in zip(cases, results, strict=True):
            if field is None or (field, label) in ACCEPTABLE:
                self.assertEqual(result["status"], "accepted", (field, label, result))
                accepted.add(result["id"])
            else:
                self.assertEqual(result["status"], "rejected", (field, label, result))
                self.assertTrue(result["message"])
        self.assertEqual(set(self._stored().ids), accepted, "only the acceptable items stored")
        # what was stored can be read back by the web client (no NaN, no huge number)
        for event in self._stored():
            json.loads(json.dumps(event.payload, allow_nan=False))

    def test_deep_or_oversized_body_is_refused_whole(self):
        bodies = [raw for _label, raw in DEEP_JSON]
        bodies += [
            self._batch(self._item("deep")[:-1] + ', "payload": ' + raw + "}")
            for _label, raw in DEEP_JSON
        ]
        bodies += [raw for _label, raw in JSON_VALUES]  # not {"events": [...]}
        bodies.append(" " * (MAX_BODY + 1))
        with self.assertCalm():
            for body in bodies:
                response = self._post(body)
                if response.status_code == 200:  # a bare list is a batch: refused item by item
                    self.assertFalse(response.json()["accepted"], body[:40])
                else:
                    self.assertRefused(response, body[:40])
                    self.assertIn("error", response.json())
        self.assertFalse(self._stored())

    def test_non_ascii_headers_are_refused(self):
        body = self._batch(self._item("hdr"))
        with self.assertCalm():
            for label, value in HEADER_VALUES:
                self.assertEqual(
                    self._post(body, headers={"Authorization": value}).status_code, 401, label
                )
                self.assertEqual(
                    self._post(body, headers={"Content-Type": value}).status_code, 415, label
                )
        self.assertFalse(self._stored())

    def test_event_ids_are_scoped_to_their_sender(self):
        """Regression: the key (source, external_id) was global: sender B could squat A's ids."""
        body = self._batch(self._item("shared-id"))
        with self.assertCalm():
            first_b = self._post(body, key=self.key_b).json()["results"][0]
            first_a = self._post(body, key=self.key_a).json()["results"][0]
            replay_a = self._post(body, key=self.key_a).json()["results"][0]
        self.assertEqual(first_b["status"], "accepted")
        self.assertEqual(first_a["status"], "accepted", "B's event does not block A's")
        self.assertEqual(replay_a, {"index": 0, "status": "duplicate", "id": first_a["id"]})
        self.assertEqual(len(self._stored()), 2)


@tagged("post_install", "-at_install", "hostile_input")
class TestHostileDingtalkCallback(HostileCase):
    TOKEN, AES_KEY, APP_KEY = "cbtoken123", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "appkey1"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if "dingtalk.event" not in cls.env:
            raise unittest.SkipTest("dingtalk_connector is not installed")
        from odoo.addons.dingtalk_connector.tools import crypto

        cls.crypto = crypto
        cls.env.company.write(
            {
                "dingtalk_app_key": cls.APP_KEY,
                "dingtalk_callback_token": cls.TOKEN,
                "dingtalk_aes_key": cls.AES_KEY,
            }
        )
        cls.url = f"/dingtalk/event/{cls.env.company.id}"

    def _events(self):
        return self.env["dingtalk.event"].search([("company_id", "=", self.env.company.id)])

    def _post(self, plaintext=None, encrypted=None, params=None, body=None, headers=None):
        """Post ``plaintext`` sealed and signed as DingTalk does, unless told otherwise."""
        if encrypted is None:
            encrypted = self.crypto.encrypt(plaintext, self.AES_KEY, self.APP_KEY)
        query = {
            "msg_signature": self.crypto.signature(self.TOKEN, "1614767836", "n1", encrypted),
            "timestamp": "1614767836",
            "nonce": "n1",
            **(params or {}),
        }
        query = {key: value for key, value in query.items() if value is not None}
        return self.url_open(
            f"{self.url}?{urlencode(query)}",
            data=body if body is not None else json.dumps({"encrypt": encrypted}),
            headers={"Content-Type": "application/json", **(headers or {})},
        )

    def test_signed_but_unstorable_payloads_are_refused(self):
        """Regression: a validly signed payload with U+0000 answered 500."""
        cases = [(label, raw) for label, raw in JSON_VALUES + DEEP_JSON]
        cases += [("type_object", None), ("id_list", None), ("id_long", None)]
        raws = {
            "type_object": '{"EventType": {"a": 1}}',
            "id_list": '{"eventId": [1]}',
            "id_long": '{"eventId": "%s"}' % ("x" * 500),
        }
        with self.assertCalm():
            for label, raw in cases:
                payload = raws.get(label) or f'{{"EventType": "check_url", "x": {raw}}}'
                response = self._post(payload)
                if label in PAYLOAD_OK:
                    self.assertEqual(response.status_code, 200, label)
                else:
                    self.assertRefused(response, label)
        self.assertEqual(len(self._events()), len(PAYLOAD_OK), "only the storable ones")

    def test_hostile_parameters_are_refused(self):
        """Regression: a non-ASCII msg_signature answered 500 (compare_digest on str)."""
        encrypted = self.crypto.encrypt('{"EventType": "check_url"}', self.AES_KEY, self.APP_KEY)
        texts = ["中文签名", "\x00", "a" * 5000, "é" * 40, "0" * 39 + "\x00"]
        with self.assertCalm():
            for name in ("msg_signature", "signature", "timestamp", "nonce"):
                for value in texts:
                    params = {name: value}
                    if name == "signature":
                        params["msg_signature"] = None
                    self.assertRefused(
                        self._post(encrypted=encrypted, params=params), (name, value)
                    )
            for value in texts:
                self.assertRefused(self._post(encrypted=value), value[:20])
            for _label, raw in JSON_VALUES + DEEP_JSON:
                self.assertRefused(self._post(encrypted=encrypted, body=raw), _label)
                body = '{"encrypt": ' + raw + "}"
                self.assertRefused(self._post(encrypted=encrypted, body=body), _label)
            for label, value in HEADER_VALUES:
                for header in ("Content-Type", "User-Agent", "X-Forwarded-For"):
                    tampered = {"msg_signature": "0" * 40}
                    response = self._post(
                        encrypted=encrypted, params=tampered, headers={header: value}
                    )
                    self.assertEqual(response.status_code, 403, (label, header))
            self.assertRefused(self._post(encrypted=encrypted, body=" " * (400 * 1024)))
        self.assertFalse(self._events())

    def test_replayed_callback_writes_once(self):
        payload = '{"EventType": "user_leave_org", "eventId": "ev-replay", "userId": []}'
        with self.assertCalm():
            first = self._post(payload)
            again = self._post(payload)
        self.assertEqual((first.status_code, again.status_code), (200, 200))
        self.assertEqual(len(self._events()), 1)
