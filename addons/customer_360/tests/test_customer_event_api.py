# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from datetime import datetime
from unittest.mock import patch

from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from odoo.addons.customer_360.controllers.events_api import API_KEY_SCOPE
from odoo.addons.customer_360.models.customer_event import MAX_BATCH

URL = "/customer_360/api/v1/events"


@tagged("post_install", "-at_install", "customer_360_events")
class TestCustomerEventApi(HttpCase):
    """The events API is reachable from outside: every refusal must write nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.api_user = new_test_user(
            cls.env, "c360_api", groups="base.group_user,customer_360.customer_360_group_user"
        )
        cls.plain_user = new_test_user(cls.env, "c360_api_plain", groups="base.group_user")
        cls.key = cls._new_key(cls.api_user)
        cls.plain_key = cls._new_key(cls.plain_user)
        Partner = cls.env["res.partner"]
        cls.account = Partner.create(
            {"name": "苏州云杉软件有限公司", "is_company": True, "ref": "C-0042"}
        )
        cls.contact = Partner.create(
            {
                "name": "李娜",
                "parent_id": cls.account.id,
                "email": "Li.Na@yunshan.example.cn",
                "mobile": "+86 186-2110-7788",
            }
        )
        cls.other = Partner.create({"name": "Beta Ltd", "is_company": True})
        cls.Event = cls.env["customer.event"]

    def _stored(self, external_ids=None):
        """Events written by the API users of this test (demo data holds others)."""
        domain = [("create_uid", "in", (self.api_user | self.plain_user).ids)]
        if external_ids is not None:
            domain.append(("external_id", "in", external_ids))
        return self.Event.search(domain)

    @classmethod
    def _new_key(cls, user):
        # sudo: a persistent key, as an administrator would make for an integration user
        return (
            cls.env["res.users.apikeys"]
            .with_user(user)
            .sudo()
            ._generate(API_KEY_SCOPE, "events", None)
        )

    def _post(self, body, key=None, raw=None):
        headers = {"Content-Type": "application/json"}
        if key is not False:
            headers["Authorization"] = f"Bearer {key or self.key}"
        data = raw if raw is not None else json.dumps(body)
        return self.url_open(URL, data=data, headers=headers)

    def _event(self, external_id, **values):
        return {
            "source": "web",
            "external_id": external_id,
            "type": "login",
            "customer_id": self.account.id,
            **values,
        }

    def test_batch_accepted_by_every_customer_key(self):
        res = self._post(
            {
                "events": [
                    self._event("e1", value=3, occurred_at="2026-03-01T09:30:00+08:00"),
                    self._event("e2", customer_id=None, ref="C-0042"),
                    self._event("e3", customer_id=None, email="li.na@YUNSHAN.example.cn"),
                    self._event("e4", customer_id=None, phone="0086 18621107788", payload={"p": 1}),
                    self._event("e5", customer_id=self.contact.id, type="feature_used"),
                ]
            }
        )
        self.assertEqual(res.status_code, 200, res.text)
        answer = res.json()
        self.assertEqual((answer["accepted"], answer["duplicate"], answer["rejected"]), (5, 0, 0))
        events = self._stored().sorted("external_id")
        self.assertEqual(events.mapped("external_id"), ["e1", "e2", "e3", "e4", "e5"])
        self.assertEqual(events.partner_id, self.account, "contacts roll up to the account")
        self.assertEqual(
            [r["id"] for r in answer["results"]], [e.id for e in events], "results in input order"
        )
        first = events[0]
        self.assertEqual(first.occurred_at, datetime(2026, 3, 1, 1, 30), "stored in UTC")
        self.assertEqual(first.value, 3.0)
        self.assertEqual(events[3].payload, {"p": 1})
        self.assertEqual(first.create_uid, self.api_user)

    def test_replay_answers_duplicate_and_writes_nothing(self):
        batch = {"events": [self._event("d1"), self._event("d2")]}
        first = self._post(batch).json()
        self.assertEqual(first["accepted"], 2)
        count = len(self._stored())
        batch["events"].append(self._event("d3"))
        batch["events"].append(self._event("d3", value=9))  # same id twice in one batch
        again = self._post(batch).json()
        self.assertEqual(
            [r["status"] for r in again["results"]],
            ["duplicate", "duplicate", "accepted", "duplicate"],
        )
        self.assertEqual(again["results"][0]["id"], first["results"][0]["id"])
        self.assertEqual(len(self._stored()), count + 1)
        self.assertEqual(self._stored(["d3"]).value, 0.0)

    def test_per_item_errors(self):
        res = self._post(
            {
                "events": [
                    self._event("ok"),
                    self._event("u1", customer_id=999999999),
                    self._event("u2", customer_id=None, email="nobody@example.com"),
                    self._event("bad-date", occurred_at="yesterday"),
                    self._event("bad-value", value="a lot"),
                    {"source": "web", "type": "login", "customer_id": self.account.id},
                    self._event("no-customer", customer_id=None),
                    "not an object",
                ]
            }
        )
        self.assertEqual(res.status_code, 200)
        results = res.json()["results"]
        self.assertEqual([r["status"] for r in results], ["accepted"] + ["rejected"] * 7, results)
        self.assertEqual(
            [r.get("error") for r in results[1:]],
            [
                "unknown_customer",
                "unknown_customer",
                "invalid_field",
                "invalid_field",
                "missing_field",
                "invalid_customer",
                "invalid_event",
            ],
        )
        self.assertTrue(all(r["message"] for r in results[1:]))
        self.assertEqual(self._stored().mapped("external_id"), ["ok"])

    def test_over_limit_batch_is_refused_whole(self):
        batch = {"events": [self._event(f"big{i}") for i in range(MAX_BATCH + 1)]}
        res = self._post(batch)
        self.assertEqual(res.status_code, 413)
        self.assertEqual(res.json()["error"]["code"], "batch_too_large")
        self.assertFalse(self._stored())

    def test_malformed_json(self):
        for raw in ("{'events': [", b"\xff\xfe", " ", '"just a string"', '{"events": []}'):
            res = self._post(None, raw=raw)
            self.assertEqual(res.status_code, 400, raw)
            self.assertIn(res.json()["error"]["code"], ("malformed_json", "invalid_request"))
        self.assertFalse(self._stored())

    def test_body_must_be_sent_as_json(self):
        res = self.url_open(
            URL,
            data=json.dumps({"events": [self._event("f1")]}),
            headers={
                "Authorization": f"Bearer {self.key}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        self.assertEqual(res.status_code, 415)
        self.assertEqual(res.json()["error"]["code"], "unsupported_media_type")
        self.assertFalse(self._stored())

    def test_bad_or_missing_key(self):
        for key in (False, "not-a-key", self.key[:-1] + ("0" if self.key[-1] != "0" else "1")):
            res = self._post({"events": [self._event("k1")]}, key=key)
            self.assertEqual(res.status_code, 401, key)
            self.assertEqual(res.json()["error"]["code"], "unauthorized")
            self.assertIn("Bearer", res.headers["WWW-Authenticate"])
        self.assertFalse(self._stored())

    def test_user_without_customer_360_rights_gets_nothing(self):
        res = self._post({"events": [self._event("r1")]}, key=self.plain_key)
        self.assertEqual(res.status_code, 403)
        self.assertEqual(res.json()["error"]["code"], "forbidden")
        self.assertFalse(self._stored())

    def test_customers_of_another_company_are_unknown(self):
        """Record rules apply to the lookup: the sender sees only its own companies' customers."""
        elsewhere = self.env["res.company"].create({"name": "Elsewhere Co"})
        hidden = self.env["res.partner"].create(
            {"name": "Hidden", "is_company": True, "company_id": elsewhere.id, "ref": "H-1"}
        )
        res = self._post(
            {
                "events": [
                    self._event("h1", customer_id=hidden.id),
                    self._event("h2", customer_id=None, ref="H-1"),
                ]
            }
        )
        self.assertEqual([r["error"] for r in res.json()["results"]], ["unknown_customer"] * 2)
        self.assertFalse(self._stored())


@tagged("post_install", "-at_install", "customer_360_events")
class TestCustomerEventIngest(TransactionCase):
    def test_lookup_and_insert_are_set_based(self):
        """Query count does not grow with the batch: one search per key kind, one INSERT."""
        api_user = new_test_user(
            self.env, "c360_ingest", groups="base.group_user,customer_360.customer_360_group_user"
        )
        Event = self.env["customer.event"].with_user(api_user)
        partners = self.env["res.partner"].create(
            [{"name": f"Bulk {i}", "is_company": True, "ref": f"B-{i}"} for i in range(40)]
        )
        self.env.flush_all()

        refs = partners.mapped("ref")

        def batch(prefix, size):
            return [
                {"source": "web", "external_id": f"{prefix}{i}", "type": "visit", "ref": refs[i]}
                for i in range(size)
            ]

        for prefix in ("warm1", "warm2"):  # rules, ACLs and company caches
            Event._ingest(batch(prefix, 2))
            self.env.flush_all()
        queries = []
        for prefix, size in (("small", 2), ("large", 40)):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            results = Event._ingest(batch(prefix, size))
            self.env.flush_all()
            queries.append(self.env.cr.sql_log_count - before)
            self.assertEqual({r["status"] for r in results}, {"accepted"})
        self.assertEqual(queries[0], queries[1], queries)

    def test_event_of_a_contact_belongs_to_its_account(self):
        account = self.env["res.partner"].create({"name": "Account", "is_company": True})
        contact = self.env["res.partner"].create({"name": "Person", "parent_id": account.id})
        event = self.env["customer.event"].create(
            {
                "partner_id": contact.id,
                "source": "crm",
                "external_id": "by-hand-1",
                "event_type": "webinar",
                "occurred_at": "2026-03-01 08:00:00",
            }
        )
        self.assertEqual(event.partner_id, account)

    def test_concurrent_insert_of_the_same_event_is_a_duplicate(self):
        """Another request may store an event between our duplicate check and our INSERT:
        the unique constraint trips, the events are stored one by one, the refused one
        is a duplicate and nothing is lost (see also TestCustomerEventConcurrency)."""
        account = self.env["res.partner"].create({"name": "Race Co", "is_company": True})
        Event = self.env["customer.event"]
        stored = Event.create(
            {
                "partner_id": account.id,
                "source": "app",
                "external_id": "race-1",
                "event_type": "login",
                "occurred_at": "2026-03-01 08:00:00",
            }
        )
        real_existing = type(Event)._ingest_existing
        calls = []

        def blind_first_check(self, keys):
            calls.append(keys)
            return {} if len(calls) == 1 else real_existing(self, keys)

        items = [
            {"source": "app", "external_id": ext, "type": "login", "customer_id": account.id}
            for ext in ("race-1", "race-2")
        ]
        with (
            patch.object(type(Event), "_ingest_existing", blind_first_check),
            self.assertNoLogs("odoo.sql_db", level="ERROR"),
        ):
            results = Event._ingest(items)
        self.assertEqual(len(calls), 2)
        self.assertEqual([r["status"] for r in results], ["duplicate", "accepted"])
        self.assertEqual(results[0]["id"], stored.id)
        self.assertEqual(
            sorted(Event.search([("partner_id", "=", account.id)]).mapped("external_id")),
            ["race-1", "race-2"],
        )
