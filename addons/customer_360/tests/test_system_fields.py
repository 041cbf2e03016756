# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 12: derived figures are written by the system only, read by the 360 roles only.

Before, ``readonly=True`` bound only the form: over RPC a salesperson wrote their
customer's health score, CLV or RFM segment; any employee could ``read_group`` CLV
sums per salesperson, a portal customer read their own health score and segment,
and NPS tokens were chosen by staff and readable by them.
"""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.mail.tests.common import mail_new_test_user

from ..models.res_partner_clv import CLV_SYSTEM_FIELDS
from ..models.res_partner_health import HEALTH_SYSTEM_FIELDS

C360 = "customer_360.customer_360_group_user"
# A value of the right type for each system field of the partner.
SAMPLE = {
    "health_score": 99,
    "health_state": "green",
    "health_coverage": 1.0,
    "health_trend": 40,
    "health_trend_arrow": "up",
    "health_alerted": False,
    "clv_historic": 1e9,
    "clv_predicted": 1e9,
    "clv_status": "predicted",
    "clv_note": "VIP",
    "clv_expected_purchases_12m": 99.0,
    "p_alive": 1.0,
    "clv_order_count": 99,
    "rfm_recency_days": 0,
    "rfm_frequency": 99,
    "rfm_monetary": 1e9,
    "rfm_r_score": 5,
    "rfm_f_score": 5,
    "rfm_m_score": 5,
    "rfm_score": "555",
    "rfm_segment": "champions",
}


@tagged("post_install", "-at_install", "customer_360", "c360_trust")
class TestC360SystemFields(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def new(login, groups):
            return mail_new_test_user(
                cls.env, login=login, groups=groups, tz="Asia/Shanghai", name=login
            )

        cls.salesperson = new("c360f_sales", f"base.group_user,crm_full.crm_full_group_user,{C360}")
        cls.sales_manager = new(
            "c360f_smgr", f"base.group_user,crm_full.crm_full_group_manager,{C360}"
        )
        cls.c360_manager = new("c360f_360mgr", "customer_360.customer_360_group_manager")
        cls.plain = new("c360f_plain", "base.group_user")
        cls.customer = cls.env["res.partner"].create(
            {"name": "杭州丙贸易", "is_company": True, "user_id": cls.salesperson.id}
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "赵女士", "parent_id": cls.customer.id, "email": "zhao@bing.example"}
        )
        cls.portal = mail_new_test_user(
            cls.env, login="c360f_portal", groups="base.group_portal", partner_id=cls.contact.id
        )
        cls.customer.write({"health_score": 20, "health_state": "red", "clv_historic": 5000.0})

    def test_sample_covers_every_system_field(self):
        self.assertLessEqual(set(SAMPLE), HEALTH_SYSTEM_FIELDS | CLV_SYSTEM_FIELDS)

    def test_no_persona_writes_a_derived_figure(self):
        for user in (self.salesperson, self.sales_manager, self.c360_manager):
            partner = self.customer.with_user(user)
            for fname, value in SAMPLE.items():
                with self.subTest(user=user.login, field=fname), self.assertRaises(AccessError):
                    partner.write({fname: value})
        self.assertEqual(self.customer.health_score, 20)

    def test_no_persona_creates_a_partner_with_a_derived_figure(self):
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.salesperson).create(
                {"name": "假冠军", "rfm_segment": "champions", "user_id": self.salesperson.id}
            )

    def test_system_still_writes(self):
        self.customer.with_user(self.salesperson).sudo().write({"health_score": 21})
        self.assertEqual(self.customer.health_score, 21)

    def test_plain_user_and_portal_read_no_figure(self):
        for user, partner in ((self.plain, self.customer), (self.portal, self.contact)):
            for fname in ("health_score", "health_state", "clv_historic", "rfm_segment", "p_alive"):
                with self.subTest(user=user.login, field=fname), self.assertRaises(AccessError):
                    partner.with_user(user).read([fname])
        portal_account = self.customer.with_user(self.portal)
        with self.assertRaises(AccessError):
            portal_account.read(["health_score"])

    def test_plain_user_cannot_sum_clv_per_salesperson(self):
        Partner = self.env["res.partner"].with_user(self.plain)
        with self.assertRaises(AccessError):
            Partner.read_group([], ["clv_historic:sum"], ["user_id"])
        with self.assertRaises(AccessError):
            Partner.search([("clv_historic", ">", 0)])
        groups = (
            self.env["res.partner"]
            .with_user(self.c360_manager)
            .read_group([("id", "=", self.customer.id)], ["clv_historic:sum"], ["user_id"])
        )
        self.assertEqual(groups[0]["clv_historic"], 5000.0)

    def test_360_form_hides_health_from_plain_user(self):
        form = self.env.ref("customer_360.res_partner_view_form_c360")
        arch = self.env["res.partner"].with_user(self.plain).get_views([(form.id, "form")])
        arch = arch["views"]["form"]["arch"]
        for fname in ("health_state", "health_score", "clv_historic", "rfm_segment"):
            self.assertNotIn(f'name="{fname}"', arch)
        arch = self.env["res.partner"].with_user(self.salesperson).get_views([(form.id, "form")])
        self.assertIn('name="health_state"', arch["views"]["form"]["arch"])


@tagged("post_install", "-at_install", "customer_360", "c360_trust")
class TestNpsTokens(BaseCommon):
    """NPS tokens are the contact's credential: made by the system, read by nobody on staff."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = mail_new_test_user(
            cls.env,
            login="c360t_sales",
            groups=f"base.group_user,crm_full.crm_full_group_user,{C360}",
        )
        cls.c360_manager = mail_new_test_user(
            cls.env, login="c360t_mgr", groups="customer_360.customer_360_group_manager"
        )
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create(
            {"name": "苏州丁科技", "is_company": True, "user_id": cls.salesperson.id}
        )
        cls.contact = Partner.create(
            {"name": "钱先生", "parent_id": cls.customer.id, "email": "qian@ding.example"}
        )
        cls.survey = cls.env["customer.nps.survey"].create(
            {"name": "2026 Q4 NPS", "partner_ids": [Command.set(cls.contact.ids)]}
        )
        cls.response = cls.env["customer.nps.response"].create(
            {"survey_id": cls.survey.id, "contact_id": cls.contact.id}
        )

    def test_staff_cannot_read_or_search_a_token(self):
        for user in (self.salesperson, self.c360_manager):
            response = self.response.with_user(user)
            with self.subTest(user=user.login):
                self.assertEqual(response.contact_id, self.contact)
                with self.assertRaises(AccessError):
                    response.read(["access_token"])
                with self.assertRaises(AccessError):
                    response.search([("access_token", "=", self.response.access_token)])

    def test_staff_cannot_create_or_choose_a_token(self):
        vals = {"survey_id": self.survey.id, "contact_id": self.contact.id}
        with self.assertRaises(AccessError):
            self.env["customer.nps.response"].with_user(self.salesperson).create(vals)
        Response = self.env["customer.nps.response"].with_user(self.c360_manager)
        with self.assertRaises(AccessError):
            Response.create({**vals, "access_token": "chosen-by-staff-000000000000"})
        with self.assertRaises(AccessError):
            Response.create({**vals, "score": 10, "comment": "完美"})
        made = Response.create(vals)
        self.assertGreaterEqual(len(made.sudo().access_token), 24)

    def test_staff_cannot_answer_or_rewrite_an_answer(self):
        for fname, value in (("score", 10), ("comment", "很好"), ("access_token", "x" * 32)):
            with self.subTest(field=fname), self.assertRaises(AccessError):
                self.response.with_user(self.c360_manager).write({fname: value})
        self.assertFalse(self.response.date_answered)

    def test_survey_send_makes_tokens_the_sender_cannot_read(self):
        survey = (
            self.env["customer.nps.survey"]
            .with_user(self.salesperson)
            .create({"name": "复购回访", "partner_ids": [Command.set(self.contact.ids)]})
        )
        survey.action_send()
        responses = self.env["customer.nps.response"].search([("survey_id", "=", survey.id)])
        self.assertEqual(len(responses), 1)
        self.assertTrue(responses.access_token)
        with self.assertRaises(AccessError):
            responses.with_user(self.salesperson).read(["access_token"])
