# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta
from unittest.mock import patch

from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.customer_360.models.customer_nps_response import nps_category, nps_score


@tagged("post_install", "-at_install", "customer_360_nps")
class TestNpsArithmetic(BaseCommon):
    def test_categories_follow_the_cut_offs(self):
        self.assertEqual(
            [nps_category(score) for score in range(11)],
            ["detractor"] * 7 + ["passive"] * 2 + ["promoter"] * 2,
        )
        self.assertFalse(nps_category(None))

    def test_score_is_promoters_minus_detractors_percent(self):
        self.assertEqual(nps_score(5, 3, 2), 30.0)  # 50 % - 20 %
        self.assertEqual(nps_score(0, 0, 4), -100.0)
        self.assertEqual(nps_score(0, 7, 0), 0.0)
        self.assertEqual(nps_score(1, 1, 1), 0.0)
        self.assertEqual(nps_score(2, 0, 1), 33.3)  # 66.67 % - 33.33 %
        self.assertIsNone(nps_score(0, 0, 0), "no answer is no score, not zero")


class NpsCommon(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = new_test_user(
            cls.env, "c360_nps_sales", groups="base.group_user,sales_team.group_sale_salesman"
        )
        cls.manager = new_test_user(
            cls.env, "c360_nps_manager", groups="customer_360.customer_360_group_manager"
        )
        Partner = cls.env["res.partner"]
        cls.industry_it = cls.env["res.partner.industry"].create({"name": "IT services"})
        cls.industry_mfg = cls.env["res.partner.industry"].create({"name": "Manufacturing"})
        cls.account = Partner.create(
            {
                "name": "成都蓝鲸科技有限公司",
                "is_company": True,
                "user_id": cls.salesperson.id,
                "industry_id": cls.industry_it.id,
            }
        )
        cls.contacts = Partner.create(
            [
                {"name": f"Contact {i}", "parent_id": cls.account.id, "email": f"c{i}@lj.example"}
                for i in range(3)
            ]
        )
        cls.factory = Partner.create(
            {"name": "Factory AG", "is_company": True, "industry_id": cls.industry_mfg.id}
        )
        cls.factory_contact = Partner.create(
            {"name": "Worker", "parent_id": cls.factory.id, "email": "w@factory.example"}
        )
        cls.no_email = Partner.create({"name": "No Mail", "parent_id": cls.factory.id})
        cls.opted_out = Partner.create(
            {"name": "Opted Out", "parent_id": cls.factory.id, "email": "out@factory.example"}
        )
        cls.env["mail.blacklist"].create({"email": "out@factory.example"})

    def _survey(self, partners, **vals):
        return (
            self.env["customer.nps.survey"]
            .with_user(self.manager)
            .create({"name": "Q2 NPS", "partner_ids": [(6, 0, partners.ids)], **vals})
        )


@tagged("post_install", "-at_install", "customer_360_nps")
class TestNpsSurvey(NpsCommon):
    def test_send_makes_one_token_per_reachable_contact(self):
        survey = self._survey(self.contacts | self.factory_contact | self.no_email | self.opted_out)
        with patch.object(type(self.env["mail.template"]), "send_mail_batch") as send:
            survey.action_send()
        responses = survey.response_ids
        self.assertEqual(responses.contact_id, self.contacts | self.factory_contact)
        self.assertEqual(len(set(responses.mapped("access_token"))), 4)
        self.assertEqual(
            responses.filtered(lambda r: r.contact_id in self.contacts).partner_id, self.account
        )
        self.assertEqual(
            responses.filtered(lambda r: r.partner_id == self.account).user_id, self.salesperson
        )
        send.assert_called_once_with(responses.ids)
        self.assertEqual(survey.state, "sent")
        with self.assertRaises(UserError):
            survey.action_send()

    def test_mail_carries_the_personal_links(self):
        survey = self._survey(self.contacts[:1])
        survey.action_send()
        response = survey.response_ids
        mail = self.env["mail.mail"].search([("model", "=", "customer.nps.response")])
        self.assertEqual(mail.recipient_ids, self.contacts[:1])
        self.assertIn(f"/customer_360/nps/{response.access_token}?score=10", mail.body_html)
        self.assertIn(f"/customer_360/nps/{response.access_token}?score=0", mail.body_html)

    def test_nobody_reachable_is_refused(self):
        survey = self._survey(self.no_email | self.opted_out)
        with self.assertRaises(UserError):
            survey.action_send()
        self.assertFalse(survey.response_ids)
        self.assertEqual(survey.state, "draft")


@tagged("post_install", "-at_install", "customer_360_nps")
class TestNpsAnswers(NpsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env["customer.nps.survey"].create(
            {
                "name": "Yearly NPS",
                "user_id": cls.manager.id,
                "partner_ids": [(6, 0, (cls.contacts | cls.factory_contact).ids)],
            }
        )
        with patch.object(type(cls.env["mail.template"]), "send_mail_batch"):
            cls.survey.action_send()
        by_contact = {response.contact_id: response for response in cls.survey.response_ids}
        # three contacts of the IT account, then the factory's one
        cls.responses = [by_contact[contact] for contact in (*cls.contacts, cls.factory_contact)]

    def _answer(self, response, score, when, comment=None):
        with freeze_time(when):
            response._record_answer(score, comment)

    def test_token_answers_once(self):
        response = self.responses[0]
        self._answer(response, "9", "2026-04-02 10:00:00", "Great")
        self.assertEqual(
            (response.score, response.category, response.nps_value), (9, "promoter", 100)
        )
        with self.assertRaises(UserError):
            response._record_answer(0, "changed my mind")
        self.assertEqual((response.score, response.comment), (9, "Great"))

    def test_out_of_range_or_forged_input_writes_nothing(self):
        response = self.responses[0]
        for bad in ("11", "-1", "ten", None, ""):
            with self.assertRaises(ValidationError):
                response._record_answer(bad)
        self.assertFalse(response.date_answered)
        Response = self.env["customer.nps.response"]
        self.assertFalse(Response._get_by_token("forged-token"))
        self.assertFalse(Response._get_by_token(None))
        self.assertFalse(Response._get_by_token(["list"]))

    def test_detractor_opens_care_activity_for_the_salesperson(self):
        self._answer(self.responses[0], 10, "2026-04-02 10:00:00")
        self._answer(self.responses[1], 7, "2026-04-02 10:00:00")
        self.assertFalse(self.account.activity_ids)
        self._answer(self.responses[2], 3, "2026-04-03 10:00:00", "Too slow")
        activity = self.account.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.salesperson)
        self.assertIn("Too slow", activity.note)
        self.assertIn("3/10", activity.note)
        # an account without salesperson: the survey's responsible calls back
        self._answer(self.responses[3], 0, "2026-04-03 10:00:00")
        self.assertEqual(self.factory.activity_ids.user_id, self.manager)

    def test_nps_by_period_and_segment(self):
        it_1, it_2, it_3, mfg = self.responses
        self._answer(it_1, 10, "2026-03-10 10:00:00")
        self._answer(it_2, 9, "2026-03-20 10:00:00")
        self._answer(it_3, 2, "2026-04-02 10:00:00")
        self._answer(mfg, 8, "2026-04-15 10:00:00")
        Response = self.env["customer.nps.response"]
        domain = [("survey_id", "=", self.survey.id)]
        by_month = Response._nps_by(domain, ["date_answered:month"])
        self.assertEqual(
            by_month,
            {(datetime(2026, 3, 1),): 100.0, (datetime(2026, 4, 1),): -50.0},
        )
        by_industry = Response._nps_by(domain, ["industry_id"])
        self.assertEqual(by_industry, {(self.industry_it,): 33.3, (self.industry_mfg,): 0.0})
        self.assertEqual(Response._nps_by(domain, []), {(): 25.0})  # 2 promoters, 1 detractor of 4
        self.assertEqual(self.survey.nps, 25.0)
        self.assertEqual(
            (self.survey.answer_count, self.survey.promoter_count, self.survey.detractor_count),
            (4, 2, 1),
        )
        # the pivot's "NPS" measure is avg(nps_value): the same figure, straight from SQL
        [(avg,)] = Response._read_group([*domain, ("category", "!=", False)], [], ["nps_value:avg"])
        self.assertEqual(avg, 25.0)

    def test_account_figures_on_the_360_view(self):
        it_1, it_2, __, __ = self.responses
        self._answer(it_1, 10, "2026-03-10 10:00:00")
        self._answer(it_2, 2, "2026-03-20 10:00:00")
        self.env["customer.event"].create(
            [
                {
                    "partner_id": self.account.id,
                    "source": "web",
                    "external_id": f"fig-{days}",
                    "event_type": "login",
                    "occurred_at": datetime(2026, 4, 1) - timedelta(days=days),
                }
                for days in (5, 29, 40)
            ]
        )
        with freeze_time("2026-04-01 12:00:00"):
            self.env.invalidate_all()
            for partner in (self.account, self.contacts[0]):
                self.assertEqual(partner.c360_nps, 0.0)  # one promoter, one detractor
                self.assertEqual(partner.c360_nps_answer_count, 2)
                self.assertEqual(partner.c360_nps_last_score, 2)
                self.assertEqual(partner.c360_event_count, 2)
            self.assertEqual(self.factory.c360_nps_answer_count, 0)
            self.assertEqual(self.factory.c360_event_count, 0)
        with freeze_time("2027-03-15 12:00:00"):
            self.env.invalidate_all()
            self.assertEqual(self.account.c360_nps, -100.0, "the March 10 promoter left the window")
