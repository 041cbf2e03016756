# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from lxml import etree

from odoo.tests import tagged, users
from odoo.tools import SQL

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.mail.tests.common import mail_new_test_user

# Fetching one page of a timeline, as the list view does (web_search_read):
# one query for the page and one for the users' display names, whatever the
# history size (access rights and rules warmed up beforehand). The pager's
# length comes with the page: no COUNT, even when the page is full. Two more since
# issue 12: the ownership rule reads the teams the reader leads, once per page.
TIMELINE_PAGE_QUERIES = 4

PAGE_SPEC = {
    "date": {},
    "kind": {},
    "name": {},
    "user_id": {"fields": {"display_name": {}}},
    "amount": {},
    "currency_id": {"fields": {}},
    "res_model": {},
    "res_id": {},
}


@tagged("post_install", "-at_install", "customer_360")
class TestCustomerTimeline(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_c360 = mail_new_test_user(
            cls.env,
            login="c360_timeline_user",
            groups="base.group_user,customer_360.customer_360_group_user",
        )
        Partner = cls.env["res.partner"]
        # the user is the accounts' customer success manager: what a 360 user without
        # sales rights reads (issue 12); sales ownership is covered in test_c360_scoping
        cls.account = Partner.create(
            {"name": "杭州云帆科技有限公司", "is_company": True, "csm_user_id": cls.user_c360.id}
        )
        cls.contact = Partner.create({"name": "王芳", "parent_id": cls.account.id})
        cls.other = Partner.create(
            {"name": "Other Customer Ltd", "is_company": True, "csm_user_id": cls.user_c360.id}
        )
        cls.base_date = datetime(2026, 3, 1, 9, 0)

    @classmethod
    def _at(cls, days):
        return cls.base_date + timedelta(days=days)

    @classmethod
    def _set_create_date(cls, records, when):
        cls.env.cr.execute(
            SQL(
                "UPDATE %s SET create_date = %s WHERE id IN %s",
                SQL.identifier(records._table),
                when,
                tuple(records.ids),
            )
        )
        records.invalidate_recordset(["create_date"])

    @classmethod
    def _history(cls, partner, contact=None, day=0):
        """One event of each kind for ``partner``; return {kind: record}."""
        contact = contact or partner
        lead = cls.env["crm.lead"].create(
            {"name": f"Lead {partner.name}", "partner_id": contact.id}
        )
        cls._set_create_date(lead, cls._at(day + 1))
        followup = cls.env["crm.followup"].create(
            {
                "partner_id": partner.id,
                "summary": f"Call with {partner.name}",
                "date": cls._at(day + 2),
            }
        )
        ticket = cls.env["service.desk.ticket"].create(
            {"name": f"Ticket {partner.name}", "partner_id": contact.id}
        )
        cls._set_create_date(ticket, cls._at(day + 3))
        product = cls.env["product.product"].create({"name": "Widget", "list_price": 100.0})
        order = cls.env["sale.order"].create(
            {
                "partner_id": contact.id,
                # no pricelist: the order is in the company currency the test runs with
                # (BaseCommon's), not in the default pricelist's (CNY on the demo database)
                "pricelist_id": False,
                "order_line": [
                    (0, 0, {"product_id": product.id, "product_uom_qty": 2, "price_unit": 100.0})
                ],
            }
        )
        order.action_confirm()
        order.date_order = cls._at(day + 4)
        message = contact.message_post(body="<p>Thanks for the visit</p>", message_type="comment")
        message.sudo().date = cls._at(day + 5)
        return {
            "lead": lead,
            "followup": followup,
            "ticket": ticket,
            "order": order,
            "message": contact,
        }

    def _timeline(self, partner):
        return self.env["customer.timeline"].search([("partner_id", "=", partner.id)])

    def test_one_timeline_under_the_commercial_partner(self):
        records = self._history(self.account, self.contact)
        self._history(self.other)
        self.env.flush_all()
        timeline = self._timeline(self.account).with_user(self.user_c360)
        self.assertEqual(
            [(event.kind, event.res_model, event.res_id) for event in timeline],
            [
                (kind, records[kind]._name, records[kind].id)
                for kind in ("message", "order", "ticket", "followup", "lead")
            ],
            "newest first, every kind under the account, nothing from the other customer",
        )
        self.assertEqual(timeline.partner_id, self.account)
        self.assertEqual(timeline.mapped("date"), sorted(timeline.mapped("date"), reverse=True))
        order_event = timeline.filtered(lambda event: event.kind == "order")
        self.assertEqual(order_event.amount, records["order"].amount_total)
        self.assertIn("Thanks for the visit", timeline[0].name)
        self.assertFalse(self._timeline(self.other) & timeline)

    def test_open_source_record(self):
        records = self._history(self.account, self.contact)
        self.env.flush_all()
        ticket_event = self._timeline(self.account).filtered(lambda event: event.kind == "ticket")
        action = ticket_event.with_user(self.user_c360).action_open_source()
        self.assertEqual(action["res_model"], "service.desk.ticket")
        self.assertEqual(action["res_id"], records["ticket"].id)

    def test_partner_action_opens_the_account_timeline(self):
        action = self.contact.with_user(self.user_c360).action_c360_open_timeline()
        self.assertEqual(action["res_model"], "customer.timeline")
        self.assertEqual(action["domain"], [("partner_id", "=", self.account.id)])
        self.assertEqual(action["limit"], 80)

    def _add_followups(self, partner, count):
        self.env["crm.followup"].sudo().create(
            [
                {"partner_id": partner.id, "summary": f"Follow-up {i}", "date": self._at(i)}
                for i in range(count)
            ]
        )
        self.env.flush_all()

    @users("c360_timeline_user")
    def test_page_query_count_is_flat(self):
        small = (
            self.env["res.partner"]
            .sudo()
            .create({"name": "Small Co", "is_company": True, "csm_user_id": self.env.uid})
        )
        big = (
            self.env["res.partner"]
            .sudo()
            .create({"name": "Big Co", "is_company": True, "csm_user_id": self.env.uid})
        )
        self._add_followups(small, 5)
        self._add_followups(big, 50)
        Timeline = self.env["customer.timeline"]
        Timeline.web_search_read([("partner_id", "=", self.other.id)], PAGE_SPEC, limit=80)
        for partner, expected in ((small, 5), (big, 50)):
            self.env.invalidate_all()
            with self.assertQueryCount(TIMELINE_PAGE_QUERIES):
                page = Timeline.web_search_read(
                    [("partner_id", "=", partner.id)], PAGE_SPEC, limit=80
                )
            self.assertEqual(page["length"], expected)

    def _count_limit(self, offset, limit):
        """The count_limit the web client sends for a page of the timeline list."""
        view = self.env.ref("customer_360.customer_timeline_view_list")
        arch = self.env["customer.timeline"].get_views([(view.id, "list")])["views"]["list"]["arch"]
        list_limit = int(etree.fromstring(arch).get("count_limit") or 10_000)
        return max(list_limit, offset + limit) + 1  # relational_model.js

    @users("c360_timeline_user")
    def test_full_page_tells_the_pager_there_is_more(self):
        """A full first page costs what a short one costs, and opens the next page.

        The web client used to count a full page's timeline with one more
        query; the page now fetches one line more than it shows instead.
        """
        small = (
            self.env["res.partner"]
            .sudo()
            .create({"name": "Few Co", "is_company": True, "csm_user_id": self.env.uid})
        )
        big = (
            self.env["res.partner"]
            .sudo()
            .create({"name": "Many Co", "is_company": True, "csm_user_id": self.env.uid})
        )
        self._add_followups(small, 5)
        self._add_followups(big, 85)
        Timeline = self.env["customer.timeline"]
        count_limit = self._count_limit(0, 80)
        self.assertEqual(count_limit, 81, "the list counts no further than its first page")
        Timeline.web_search_read([("partner_id", "=", self.other.id)], PAGE_SPEC, limit=80)
        pages = {}
        for partner in (small, big):
            self.env.invalidate_all()
            with self.assertQueryCount(TIMELINE_PAGE_QUERIES):
                pages[partner] = Timeline.web_search_read(
                    [("partner_id", "=", partner.id)],
                    PAGE_SPEC,
                    limit=80,
                    order="date desc, id desc",
                    count_limit=count_limit,
                )
        self.assertEqual((pages[small]["length"], len(pages[small]["records"])), (5, 5))
        # length == count_limit: the pager shows "1-80 / 80+", its next button loads offset 80
        self.assertEqual((pages[big]["length"], len(pages[big]["records"])), (81, 80))
        count_limit = self._count_limit(80, 80)
        self.env.invalidate_all()
        with self.assertQueryCount(TIMELINE_PAGE_QUERIES):
            second = Timeline.web_search_read(
                [("partner_id", "=", big.id)],
                PAGE_SPEC,
                offset=80,
                limit=80,
                order="date desc, id desc",
                count_limit=count_limit,
            )
        self.assertEqual((second["length"], len(second["records"])), (85, 5))
        lines = [line for page in (pages[big], second) for line in page["records"]]
        self.assertEqual(len({line["id"] for line in lines}), 85, "no line twice, none lost")
        dates = [line["date"] for line in lines]
        self.assertEqual(dates, sorted(dates, reverse=True))
        # "80+" clicked: the client asks for the exact total, which costs the COUNT
        self.env.invalidate_all()
        with self.assertQueryCount(TIMELINE_PAGE_QUERIES + 1):
            exact = Timeline.web_search_read([("partner_id", "=", big.id)], PAGE_SPEC, limit=80)
        self.assertEqual(exact["length"], 85)

    def test_page_is_the_head_of_the_full_timeline(self):
        """A page (per-source first lines, contacts walked) cuts the same lines as the whole."""
        self._history(self.account, self.contact)
        self._history(self.account, day=10)
        self._history(self.other, day=20)
        self._add_followups(self.contact, 12)
        Timeline = self.env["customer.timeline"].with_user(self.user_c360)
        domains = [
            [("partner_id", "=", self.account.id)],
            [("partner_id", "in", [self.account.id, self.other.id])],
            [("partner_id", "=", self.account.id), ("kind", "in", ["followup", "order"])],
            ["|", ("partner_id", "=", self.account.id), ("kind", "=", "lead")],
            [("kind", "=", "message")],
        ]
        for domain in domains:
            whole = Timeline.search(domain)
            self.assertTrue(whole, domain)
            for offset, limit in ((0, 80), (0, 3), (4, 5), (len(whole) - 1, 10)):
                self.assertEqual(
                    Timeline.search(domain, offset=offset, limit=limit).ids,
                    whole.ids[offset : offset + limit],
                    (domain, offset, limit),
                )
            self.assertEqual(Timeline.search_count(domain, limit=4), min(4, len(whole)))
