# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 17 part 7: what customers complain about (terms of tickets and comments)."""

from datetime import timedelta
from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from ..tools.term_extraction import extract_terms
from .common import ServiceDeskCommon
from .test_service_desk_zh import load_zh


class TestTermExtraction(ServiceDeskCommon):
    def test_chinese_is_segmented_without_stop_words(self):
        self.assertEqual(set(extract_terms("打印机卡纸无法开机")), {"打印机", "卡纸", "开机"})

    def test_english_stop_words_numbers_and_punctuation_dropped(self):
        terms = extract_terms("The printer is jammed AGAIN!!! Error 404 -- please help, 2024.")
        self.assertEqual(set(terms), {"printer", "jammed", "error", "help"})

    def test_mixed_text_counts_each_occurrence(self):
        terms = extract_terms("发票开错了 invoice wrong; 发票税号不对, invoice again")
        self.assertEqual(terms["发票"], 2)
        self.assertEqual(terms["invoice"], 2)
        self.assertNotIn("了", terms)

    def test_bad_input_gives_no_terms(self):
        for text in (None, False, 42, "", "   ", "!!! 123 ... ？？", ["打印机"]):
            self.assertFalse(extract_terms(text), text)


class TermsCommon(ServiceDeskCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Term = cls.env["service.desk.term"]
        cls.category = cls.env["service.desk.category"].create({"name": "硬件"})
        cls.Term._cron_index_terms(batch_size=100000)  # what demo data left to index

    def _index(self):
        self.Term._cron_index_terms()

    def _terms(self, record, source="ticket"):
        return self.Term.search([("source", "=", source), ("res_id", "=", record.id)])


class TestTermIndexing(TermsCommon):
    def test_ticket_terms_carry_the_cloud_dimensions(self):
        ticket = self._new_ticket(
            name="打印机卡纸无法开机",
            description="<p>打印机<b>又</b>卡纸了 paper jam</p>",
            category_id=self.category.id,
        )
        self._index()
        terms = self._terms(ticket)
        self.assertEqual(set(terms.mapped("term")), {"打印机", "卡纸", "开机", "paper", "jam"})
        printer = terms.filtered(lambda t: t.term == "打印机")
        self.assertEqual(printer.occurrences, 2)
        self.assertEqual(printer.ticket_id, ticket)
        self.assertEqual(printer.team_id, self.team)
        self.assertEqual(printer.category_id, self.category)
        self.assertEqual(printer.partner_id, self.customer)
        self.assertEqual(printer.company_id, ticket.company_id)
        self.assertEqual(printer.date, ticket.create_date.date())

    def test_csat_and_ces_comments_are_indexed(self):
        self.customer.email = "it@qiming.example.com"
        ticket = self._new_ticket(name="Printer offline")
        ticket.stage_id = self.stage_solved
        rating = ticket.rating_ids.filtered(lambda r: not r.consumed)
        ticket.rating_apply(2, token=rating.access_token, feedback="响应太慢，工程师迟到")
        ticket.ces_response_ids._record_answer(2, "流程繁琐 too many forms")
        self._index()
        self.assertEqual(
            set(self._terms(rating, "csat").mapped("term")), {"响应", "太慢", "工程师", "迟到"}
        )
        ces_terms = self._terms(ticket.ces_response_ids, "ces")
        self.assertEqual(set(ces_terms.mapped("term")), {"流程", "繁琐", "forms"})
        self.assertEqual(ces_terms.ticket_id, ticket)

    def test_second_run_indexes_only_new_and_changed_texts(self):
        first = self._new_ticket(name="打印机卡纸")
        self._index()
        kept = self._terms(first)
        seen = []
        original = type(self.Term)._index_documents

        def spy(term_model, source, records):
            seen.extend(records.ids if source == "ticket" else [])
            return original(term_model, source, records)

        with patch.object(type(self.Term), "_index_documents", spy):
            self._index()
            self.assertEqual(seen, [], "nothing new: nothing read")
            second = self._new_ticket(name="屏幕闪烁")
            self._index()
            self.assertEqual(seen, [second.id])
            self.assertEqual(self._terms(first), kept, "the first ticket's rows are untouched")
            # a later change of the first ticket replaces its terms
            self.env.flush_all()  # the second ticket's pending updates are not "later"
            later = fields.Datetime.now() + timedelta(minutes=5)
            with patch.object(self.env.cr, "now", lambda: later):
                first.name = "网络断开"
                first.flush_recordset()
            self._index()
        self.assertEqual(seen, [second.id, first.id])
        self.assertEqual(set(self._terms(first).mapped("term")), {"网络", "断开"})

    def test_archived_ticket_loses_its_terms(self):
        ticket = self._new_ticket(name="打印机卡纸")
        self._index()
        later = fields.Datetime.now() + timedelta(minutes=5)
        with patch.object(self.env.cr, "now", lambda: later):
            ticket.active = False
            ticket.flush_recordset()
        self._index()
        self.assertFalse(self._terms(ticket))

    def test_deleted_ticket_takes_its_terms(self):
        ticket = self._new_ticket(name="打印机卡纸")
        self._index()
        terms = self._terms(ticket)
        ticket.unlink()
        self.assertFalse(terms.exists())

    def test_term_opens_the_tickets_behind_it(self):
        jam = self._new_ticket(name="打印机卡纸")
        jam_again = self._new_ticket(name="卡纸严重 paper jam")
        other = self._new_ticket(name="屏幕闪烁")
        self._index()
        action = self.Term.action_open_term("卡纸")
        mentions = self.Term.search(action["domain"])
        self.assertEqual(mentions.ticket_id, jam | jam_again)
        self.assertNotIn(other, mentions.ticket_id)
        opened = mentions.filtered(lambda t: t.ticket_id == jam).action_open_source()
        self.assertEqual((opened["res_model"], opened["res_id"]), ("service.desk.ticket", jam.id))

    def test_cloud_ranks_and_filters(self):
        other_team = self.env["service.desk.team"].create({"name": "L2"})
        self._new_ticket(name="打印机卡纸", category_id=self.category.id)
        self._new_ticket(name="打印机缺墨")
        self._new_ticket(name="打印机离线", team_id=other_team.id)
        self._index()
        cloud = self.Term.get_term_cloud({"team_id": self.team.id})
        counts = {item["term"]: item["count"] for item in cloud}
        self.assertEqual(counts["打印机"], 2)
        self.assertEqual(cloud[0]["term"], "打印机", "most mentioned first")
        self.assertNotIn("离线", counts)
        by_category = self.Term.get_term_cloud({"category_id": self.category.id})
        self.assertEqual({i["term"] for i in by_category}, {"打印机", "卡纸"})

    def test_bad_cloud_input_is_refused(self):
        bad_filters = [
            ["period", "30"],
            {"period": "7"},
            {"team_id": "1; DROP TABLE"},
            {"team_id": True},
            {"category_id": -3},
            {"segment": "not-a-segment"},
            {"user_id": 1},
        ]
        for filters in bad_filters:
            with self.subTest(filters=filters), self.assertRaises(UserError):
                self.Term.get_term_cloud(filters)
        for limit in (0, -1, 1000, True, "10"):
            with self.subTest(limit=limit), self.assertRaises(UserError):
                self.Term.get_term_cloud({}, limit=limit)
        for term in ("", "   ", None, 5, "x" * 100):
            with self.subTest(term=term), self.assertRaises(UserError):
                self.Term.action_open_term(term)


class TestTermSecurity(TermsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls._new_ticket(name="打印机卡纸")
        cls.company_b = cls.env["res.company"].create({"name": "Other Co"})
        team_b = cls.env["service.desk.team"].create({"name": "B", "company_id": cls.company_b.id})
        cls.ticket_b = cls.env["service.desk.ticket"].create(
            {"name": "打印机漏墨", "team_id": team_b.id, "company_id": cls.company_b.id}
        )
        cls.Term._cron_index_terms()
        # a term of a text without ticket (customer_360's NPS comments): managers only
        cls.loose = cls.Term.sudo().create(
            {"term": "价格", "source": "ticket", "res_id": 0, "company_id": cls.env.company.id}
        )
        cls.agent_b = new_test_user(
            cls.env,
            "sd_term_agent_b",
            groups="service_desk.service_desk_group_user",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )
        cls.portal = new_test_user(cls.env, "sd_term_portal", groups="base.group_portal")
        cls.employee = new_test_user(cls.env, "sd_term_employee", groups="base.group_user")

    def _visible(self, user):
        return self.Term.with_user(user).search([])

    def test_agent_reads_terms_of_tickets_of_the_company(self):
        visible = self._visible(self.user_agent)
        self.assertIn(self.ticket, visible.ticket_id)
        self.assertNotIn(self.ticket_b, visible.ticket_id, "other company")
        self.assertNotIn(self.loose, visible, "texts without ticket are the managers'")

    def test_manager_reads_all_of_the_company(self):
        visible = self._visible(self.user_manager)
        self.assertIn(self.loose, visible)
        self.assertNotIn(self.ticket_b, visible.ticket_id)

    def test_other_company_agent_reads_only_theirs(self):
        visible = self._visible(self.agent_b)
        self.assertEqual(visible.ticket_id, self.ticket_b)
        cloud = self.Term.with_user(self.agent_b).get_term_cloud({})
        self.assertNotIn("卡纸", {item["term"] for item in cloud})

    def test_portal_and_plain_employee_read_nothing(self):
        for user in (self.portal, self.employee):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Term.with_user(user).get_term_cloud({})

    def test_nobody_writes_terms(self):
        term = self._terms(self.ticket)[:1]
        for user in (self.user_agent, self.user_manager):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    term.with_user(user).write({"term": "forged"})
                with self.assertRaises(AccessError):
                    self.Term.with_user(user).create(
                        {"term": "forged", "source": "ticket", "res_id": self.ticket.id}
                    )
                with self.assertRaises(AccessError):
                    term.with_user(user).unlink()
        self.assertNotEqual(term.term, "forged")


@tagged("post_install", "-at_install")
class TestTermIndexingQueries(TermsCommon):
    def _queries_to_index(self, count):
        self._index()
        for index in range(count):
            self._new_ticket(
                name=f"打印机卡纸 {index}", description="<p>屏幕闪烁 screen flicker</p>"
            )
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        self._index()
        return self.env.cr.sql_log_count - before

    def test_cost_is_flat_per_new_ticket(self):
        """Indexing N or 2N new tickets takes the same number of queries (each
        writes ~6 term rows: well under the ORM's 100-row insert batch)."""
        self.assertEqual(self._queries_to_index(4), self._queries_to_index(8))


@tagged("post_install", "-at_install", "service_desk_ui")
class TestTermCloudUi(HttpCase):
    def test_manager_opens_the_word_cloud_and_a_term(self):
        load_zh(self.env, ["service_desk", "web"])
        new_test_user(
            self.env,
            "sd_cloud_manager",
            groups="service_desk.service_desk_group_manager",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        team = self.env["service.desk.team"].create({"name": "一线支持"})
        Ticket = self.env["service.desk.ticket"]
        Ticket.create([{"name": "扫描仪卡顿 巡检", "team_id": team.id} for _i in range(2)])
        self.env["service.desk.term"]._cron_index_terms(batch_size=100000)
        self.start_tour(
            "/odoo/action-service_desk.service_desk_term_cloud_action",
            "service_desk_term_cloud_tour",
            login="sd_cloud_manager",
        )
