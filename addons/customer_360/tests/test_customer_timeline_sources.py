# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools.translate import code_translations

from odoo.addons.base.tests.common import BaseCommon


@tagged("post_install", "-at_install", "customer_360")
class TestTimelineSources(BaseCommon):
    """Activities done, SLA events, ratings, NPS answers and external events."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = "base.group_user,customer_360.customer_360_group_user"
        cls.user_full = new_test_user(
            cls.env,
            "c360_tl_full",
            groups=f"{groups},service_desk.service_desk_group_user,sales_team.group_sale_salesman_all_leads",
        )
        cls.user_no_rights = new_test_user(cls.env, "c360_tl_none", groups="base.group_user")
        cls.company_b = cls.env["res.company"].create({"name": "Company B"})
        cls.user_company_b = new_test_user(
            cls.env,
            "c360_tl_b",
            groups=f"{groups},service_desk.service_desk_group_user",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )
        Partner = cls.env["res.partner"]
        cls.account = Partner.create({"name": "西安长风物流有限公司", "is_company": True})
        cls.contact = Partner.create({"name": "赵磊", "parent_id": cls.account.id})
        cls.env["crm.followup"].create(
            {"partner_id": cls.account.id, "summary": "Visit", "date": datetime(2026, 3, 1)}
        )
        cls.records = cls._sources(cls.account, cls.contact)

    @classmethod
    def _sources(cls, account, contact):
        lead = cls.env["crm.lead"].create({"name": "Fleet tracking", "partner_id": contact.id})
        activity = lead.activity_schedule(
            "mail.mail_activity_data_call", summary="Call back", user_id=cls.env.uid
        )
        activity.action_feedback(feedback="Agreed on a demo")
        ticket = cls.env["service.desk.ticket"].create(
            {"name": "Scanner offline", "partner_id": contact.id}
        )
        policy = cls.env["service.desk.sla.policy"].create(
            {
                "name": "Timeline SLA",
                "target_ids": [Command.create({"metric": "resolution", "hours": 4})],
            }
        )
        clock = cls.env["service.desk.sla.status"].create(
            {"ticket_id": ticket.id, "target_id": policy.target_ids.id}
        )
        cls.env["service.desk.sla.event"].create(
            [
                {"status_id": clock.id, "event_type": "activate", "date": datetime(2026, 3, 2)},
                {"status_id": clock.id, "event_type": "breach", "date": datetime(2026, 3, 3)},
            ]
        )
        rating = cls.env["rating.rating"].create(
            {
                "res_model_id": cls.env["ir.model"]._get_id("service.desk.ticket"),
                "res_id": ticket.id,
                "partner_id": contact.id,
                "rating": 2,
                "feedback": "Took two days",
                "consumed": True,
            }
        )
        survey = cls.env["customer.nps.survey"].create({"name": "TL NPS"})
        nps = cls.env["customer.nps.response"].create(
            {"survey_id": survey.id, "contact_id": contact.id}
        )
        nps._record_answer(9, "Solid")
        event = cls.env["customer.event"].create(
            {
                "partner_id": account.id,
                "source": "app",
                "external_id": f"tl-{account.id}",
                "event_type": "login",
                "value": 2,
                "occurred_at": datetime(2026, 3, 4),
            }
        )
        return {
            "activity": lead,
            "sla": ticket,
            "rating": ticket,
            "nps": nps,
            "event": event,
            "ticket": ticket,
            "rating_record": rating,
        }

    def _lines(self, user, kind=None):
        domain = [("partner_id", "=", self.account.id)]
        if kind:
            domain.append(("kind", "=", kind))
        return self.env["customer.timeline"].with_user(user).search(domain)

    def test_every_new_kind_is_on_the_account_timeline(self):
        self.env.flush_all()
        for kind in ("activity", "sla", "rating", "nps", "event"):
            line = self._lines(self.user_full, kind)
            self.assertEqual(len(line), 1, kind)
            self.assertEqual(
                (line.res_model, line.res_id), (self.records[kind]._name, self.records[kind].id)
            )
        self.assertIn("Agreed on a demo", self._lines(self.user_full, "activity").name)
        self.assertIn("Call", self._lines(self.user_full, "activity").name)
        self.assertTrue(self._lines(self.user_full, "sla").name.startswith("SLA breached"))
        self.assertIn("Rated 2/5", self._lines(self.user_full, "rating").name)
        self.assertIn("Took two days", self._lines(self.user_full, "rating").name)
        self.assertEqual(self._lines(self.user_full, "nps").name, "NPS 9/10: Solid")
        self.assertEqual(self._lines(self.user_full, "event").name, "app: login (2)")
        self.assertFalse(
            self._lines(self.user_full, "message").filtered(
                lambda line: "Agreed on a demo" in (line.name or "")
            ),
            "an activity done is not also a message",
        )

    def test_page_with_every_kind_costs_two_queries(self):
        """Same budget as test_customer_timeline.TIMELINE_PAGE_QUERIES, with every source."""
        self.env.flush_all()
        Timeline = self.env["customer.timeline"].with_user(self.user_full)
        spec = {"date": {}, "kind": {}, "name": {}, "user_id": {"fields": {"display_name": {}}}}
        domain = [("partner_id", "=", self.account.id)]
        Timeline.web_search_read(domain, spec, limit=80)
        self.env.invalidate_all()
        with self.assertQueryCount(2):
            page = Timeline.web_search_read(domain, spec, limit=80)
        self.assertGreaterEqual(page["length"], 7)

    def test_user_without_rights_gets_nothing(self):
        self.env.flush_all()
        with self.assertRaises(AccessError):
            self._lines(self.user_no_rights)
        with self.assertRaises(AccessError):
            self.env["customer.timeline"].with_user(self.user_no_rights).read_group(
                [], ["kind"], ["kind"]
            )

    def test_other_company_sees_nothing_of_this_company(self):
        self.env.flush_all()
        kinds = set(self._lines(self.user_company_b).mapped("kind"))
        # the company's tickets, SLA events, ratings, NPS answers and events stay hidden
        self.assertFalse(
            kinds & {"ticket", "sla", "rating", "nps", "event", "followup", "activity"}, kinds
        )
        # a customer that belongs to the first company is hidden as a whole
        self.account.company_id = self.env.company
        self.env.flush_all()
        self.assertFalse(self._lines(self.user_company_b))
        self.assertTrue(self._lines(self.user_full))

    def test_labels_in_the_readers_language(self):
        """SLA, rating and activity labels follow the reader's language.

        They used to be written in English by the SQL whatever the user's
        language. zh_CN.po is merged centrally, so the test gives the
        catalogue the terms it checks rather than depend on the merge.
        """
        self.env["res.lang"]._activate_lang("zh_CN")
        call = self.env.ref("mail.mail_activity_data_call")
        call.with_context(lang="zh_CN").name = "电话"
        self.env.flush_all()
        catalogue = {
            ("customer_360", "zh_CN"): {
                "SLA breached": "SLA 已违约",
                "Rated %(score)s/5": "评分 %(score)s/5",
            }
        }
        ticket = self.records["sla"]
        ref = ticket.name if ticket.number in (False, "/") else f"{ticket.number} {ticket.name}"
        Timeline = self.env["customer.timeline"].with_user(self.user_full)
        domain = [
            ("partner_id", "=", self.account.id),
            ("kind", "in", ["sla", "rating", "activity"]),
        ]
        with patch.dict(code_translations.python_translations, catalogue):
            lines = Timeline.with_context(lang="zh_CN").search(domain)
            names = {line.kind: line.name for line in lines}
            # the same lines through a page, as the list view reads them
            page = Timeline.with_context(lang="zh_CN").web_search_read(
                domain, {"kind": {}, "name": {}}, limit=80
            )
        self.assertEqual(names["sla"], f"SLA 已违约: {ref}")
        self.assertEqual(names["rating"], f"评分 2/5 {ref}: Took two days")
        self.assertTrue(names["activity"].startswith("电话: "), names["activity"])
        self.assertIn("Agreed on a demo", names["activity"])
        self.assertEqual({line["kind"]: line["name"] for line in page["records"]}, names)
        self.env.invalidate_all()
        english = {
            line.kind: line.name for line in Timeline.with_context(lang="en_US").search(domain)
        }
        self.assertEqual(english["sla"], f"SLA breached: {ref}")
        self.assertEqual(english["rating"], f"Rated 2/5 {ref}: Took two days")
        self.assertEqual(english["activity"], names["activity"].replace("电话", "Call", 1))

    def test_page_applies_the_rules_of_the_reader(self):
        """A page is the head of what the reader may see, for each company."""
        self.env.flush_all()
        domain = [("partner_id", "=", self.account.id)]
        spec = {"kind": {}, "name": {}}
        for user in (self.user_full, self.user_company_b):
            Timeline = self.env["customer.timeline"].with_user(user)
            visible = Timeline.search(domain)
            page = Timeline.web_search_read(domain, spec, limit=3)
            self.assertEqual([line["id"] for line in page["records"]], visible.ids[:3], user.login)
            self.assertEqual(page["length"], len(visible), user.login)
        self.account.company_id = self.env.company
        self.env.flush_all()
        page = (
            self.env["customer.timeline"]
            .with_user(self.user_company_b)
            .web_search_read(domain, spec, limit=3)
        )
        self.assertEqual(page, {"length": 0, "records": []})
