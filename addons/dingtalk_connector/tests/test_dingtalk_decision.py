# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from unittest.mock import patch
from urllib.parse import parse_qs, unquote, urlsplit

from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import DingTalkFakeServerCommon

CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


def _values(record):
    return {
        "title": f"Discount for {record.name}",
        "amount": "¥ 120,000.00",
        "customer": record.name,
        "lines": [("Product", "Widget <b>x</b>"), ("Discount", "15%")],
        "can_decide": True,
    }


class DecisionHooks:
    """Stand-in for an integrator's model (e.g. an approval request) implementing the hooks."""

    def __init__(self):
        self.decided = []

    def patch(self, case):
        Partner = type(case.env["res.partner"])
        decided = self.decided

        def decide(record, decision, comment):
            record.check_access("write")  # what a real hook does: the desktop's rules
            if comment == "boom":
                record.write({"comment": "half-written"})
                raise UserError("Already decided by someone else.")
            record.write({"comment": f"{decision}: {comment}"})
            decided.append((record.id, decision, comment, record.env.uid, record.env.su))

        for name, method in (("_dingtalk_decision_values", _values), ("_dingtalk_decide", decide)):
            patcher = patch.object(Partner, name, method, create=True)
            patcher.start()
            case.addCleanup(patcher.stop)


@tagged("post_install", "-at_install", "dingtalk_login")
class TestDingtalkDecisionPage(HttpCase):
    def setUp(self):
        super().setUp()
        self.hooks = DecisionHooks()
        self.hooks.patch(self)
        self.user = new_test_user(
            self.env, "dt_decider", groups="base.group_user,base.group_partner_manager"
        )
        self.viewer = new_test_user(self.env, "dt_viewer")
        self.partner = self.env["res.partner"].create({"name": "ACME 钉钉"})
        self.url = f"/dingtalk/decide/res.partner/{self.partner.id}"

    def _post(self, **data):
        csrf = CSRF_INPUT.search(self.url_open(self.url).text)[1]
        return self.url_open(self.url, data={"csrf_token": csrf, **data})

    def test_page_shows_the_offer_and_applies_the_decision_as_the_user(self):
        self.authenticate("dt_decider", "dt_decider")
        page = self.url_open(f"{self.url}?decision=approve")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Discount for ACME 钉钉", page.text)
        self.assertIn("¥ 120,000.00", page.text)
        self.assertIn("Widget &lt;b&gt;x&lt;/b&gt;", page.text, "record text is escaped")
        self.assertIn("o_dingtalk_suggested", page.text)
        response = self._post(decision="reject", comment=" too cheap ")
        self.assertEqual(response.status_code, 200)
        self.assertIn('data-decision="reject"', response.text)
        self.assertEqual(
            self.hooks.decided, [(self.partner.id, "reject", "too cheap", self.user.id, False)]
        )

    def test_user_without_write_access_is_refused_like_on_the_desktop(self):
        self.authenticate("dt_viewer", "dt_viewer")
        self.assertEqual(self.url_open(self.url).status_code, 200)
        response = self._post(decision="approve")
        self.assertEqual(response.status_code, 403)
        self.assertFalse(self.hooks.decided)

    def test_refused_decision_writes_nothing(self):
        self.authenticate("dt_decider", "dt_decider")
        response = self._post(decision="approve", comment="boom")
        self.assertEqual(response.status_code, 409)
        self.assertIn("Already decided by someone else.", response.text)
        self.partner.invalidate_recordset()
        self.assertFalse(self.partner.comment)

    def test_anonymous_visitor_is_sent_to_login(self):
        response = self.url_open(self.url, allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])

    def test_hostile_input_and_unknown_targets(self):
        self.authenticate("dt_decider", "dt_decider")
        for data in (
            {"decision": "maybe"},
            {"decision": "approve", "comment": "x" * 2001},
            {"decision": "approve", "comment": "a\x00b"},
            {"comment": "no decision"},
        ):
            with self.subTest(data=str(data)[:40]):
                self.assertEqual(self._post(**data).status_code, 400)
        for url in (
            "/dingtalk/decide/res.users/1",  # no hooks
            "/dingtalk/decide/ir.config_parameter/1",
            "/dingtalk/decide/no.such.model/1",
            "/dingtalk/decide/RES.PARTNER/1",
            f"/dingtalk/decide/res.partner/{self.partner.id + 10_000}",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)
        self.assertFalse(self.hooks.decided)

    def test_record_the_user_cannot_read_is_not_shown(self):
        other = self.env["res.company"].create({"name": "Hidden Co"})
        hidden = self.env["res.partner"].create({"name": "Hidden", "company_id": other.id})
        self.authenticate("dt_decider", "dt_decider")
        response = self.url_open(f"/dingtalk/decide/res.partner/{hidden.id}")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("Hidden", response.text.replace("Hidden Co", ""))


@tagged("dingtalk_login")
class TestDingtalkLinks(DingTalkFakeServerCommon):
    def setUp(self):
        super().setUp()
        self.hooks = DecisionHooks()
        self.user = self.env["res.users"].create(
            {
                "name": "Bound",
                "login": "dt_links_user",
                "dingtalk_userid": "dt-links",
                "dingtalk_notify_activities": True,
            }
        )
        self.partner = self.env["res.partner"].create({"name": "Linked Partner"})
        self.company.sudo().write({"dingtalk_corp_id": "dingcorp", "dingtalk_login_h5": True})

    def _card(self):
        self._drain()
        return self.fake.work_notices[-1][1]["action_card"]

    def _landing(self, url):
        inner = parse_qs(urlsplit(url).query)["url"][0]
        entry = urlsplit(unquote(inner))
        self.assertEqual(entry.path, "/dingtalk/h5")
        query = parse_qs(entry.query)
        self.assertEqual(query["company"], [str(self.company.id)])
        return query["redirect"][0]

    def test_activity_notice_opens_the_record_through_the_login_free_entry(self):
        self.partner.activity_schedule("mail.mail_activity_data_todo", user_id=self.user.id)
        card = self._card()
        self.assertEqual(self._landing(card["single_url"]), f"/odoo/res.partner/{self.partner.id}")

    def test_plain_link_when_the_entry_is_off(self):
        self.company.sudo().dingtalk_login_h5 = False
        self.partner.activity_schedule("mail.mail_activity_data_todo", user_id=self.user.id)
        inner = unquote(parse_qs(urlsplit(self._card()["single_url"]).query)["url"][0])
        self.assertEqual(urlsplit(inner).path, f"/odoo/res.partner/{self.partner.id}")

    def test_decision_request_is_an_action_card_with_two_buttons(self):
        self.hooks.patch(self)
        self.env["dingtalk.message"]._enqueue_decision_request(self.partner, self.user)
        card = self._card()
        self.assertIn("¥ 120,000.00", card["markdown"])
        self.assertIn("Widget ＜b＞x＜/b＞", card["markdown"], "record text is inert")
        buttons = card["btn_json_list"]
        self.assertEqual([button["title"] for button in buttons], ["Approve", "Reject"])
        self.assertEqual(
            [self._landing(button["action_url"]) for button in buttons],
            [
                f"/dingtalk/decide/res.partner/{self.partner.id}?decision=approve",
                f"/dingtalk/decide/res.partner/{self.partner.id}?decision=reject",
            ],
        )

    def test_activity_on_a_record_that_offers_a_decision_carries_the_buttons(self):
        self.hooks.patch(self)
        self.partner.activity_schedule("mail.mail_activity_data_todo", user_id=self.user.id)
        self.assertEqual(len(self._card()["btn_json_list"]), 2)

    def test_activity_names_the_record_to_decide_on(self):
        """An order's approval to-do is about one of its steps: the document names it
        (crm_full's sale orders do) and the buttons decide that record."""
        self.hooks.patch(self)
        step = self.env["res.partner"].create({"name": "Approval step"})
        Partner = type(self.env["res.partner"])
        with patch.object(
            Partner,
            "_dingtalk_activity_decision_record",
            lambda record, activity: step if activity.user_id == self.user else None,
            create=True,
        ):
            self.partner.activity_schedule(
                "mail.mail_activity_data_todo", summary="Approve: discount", user_id=self.user.id
            )
            card = self._card()
        self.assertIn("Approve: discount", card["markdown"])
        self.assertIn("Linked Partner", card["markdown"], "the to-do still names its document")
        self.assertEqual(
            [self._landing(button["action_url"]) for button in card["btn_json_list"]],
            [
                f"/dingtalk/decide/res.partner/{step.id}?decision=approve",
                f"/dingtalk/decide/res.partner/{step.id}?decision=reject",
            ],
        )

    def test_records_without_hooks_cannot_be_sent_for_decision(self):
        with self.assertRaises(ValueError):
            self.env["dingtalk.message"]._enqueue_decision_request(self.partner, self.user)
