# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 12: what Customer 360 shows follows the account's ownership.

Before, every 360 model was scoped by company only (snapshots not even that):
any Customer 360 user read every customer's timeline, health history, care log,
NPS comments and tokens, events, and the churn-risk amounts per salesperson.
Each persona here acts through ``with_user`` as JSON-RPC would.
"""

from datetime import date

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.mail.tests.common import mail_new_test_user

C360 = "customer_360.customer_360_group_user"
SALES = "crm_full.crm_full_group_user"
# The models that show one customer's data, and the field that names the customer.
SCOPED = [
    "customer.timeline",
    "customer.health.snapshot",
    "customer.care.log",
    "customer.nps.response",
    "customer.event",
    "customer.churn.risk",
]


@tagged("post_install", "-at_install", "customer_360", "c360_trust")
class TestC360Scoping(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        new = cls._persona
        cls.sales_a = new("c360s_a", f"base.group_user,{SALES},{C360}")
        cls.sales_b = new("c360s_b", f"base.group_user,{SALES},{C360}")
        cls.leader_a = new("c360s_lead", f"base.group_user,{SALES},{C360}")
        cls.manager = new("c360s_mgr", f"base.group_user,crm_full.crm_full_group_manager,{C360}")
        cls.c360_manager = new("c360s_360mgr", "customer_360.customer_360_group_manager")
        cls.c360_only = new("c360s_csm", f"base.group_user,{C360}")
        cls.plain = new("c360s_plain", "base.group_user")
        Team = cls.env["crm.team"]
        cls.team_a = Team.create(
            {"name": "华东一组", "user_id": cls.leader_a.id, "member_ids": [cls.sales_a.id]}
        )
        cls.team_b = Team.create({"name": "华南二组", "member_ids": [cls.sales_b.id]})
        Partner = cls.env["res.partner"]
        cls.customer_a = Partner.create(
            {"name": "上海甲公司", "is_company": True, "user_id": cls.sales_a.id}
        )
        cls.customer_b = Partner.create(
            {
                "name": "广州乙公司",
                "is_company": True,
                "user_id": cls.sales_b.id,
                "csm_user_id": cls.c360_only.id,
            }
        )
        cls.contact_a = Partner.create(
            {"name": "王经理", "parent_id": cls.customer_a.id, "email": "wang@jia.example"}
        )
        cls.contact_b = Partner.create(
            {"name": "李经理", "parent_id": cls.customer_b.id, "email": "li@yi.example"}
        )
        cls.portal = mail_new_test_user(
            cls.env,
            login="c360s_portal",
            groups="base.group_portal",
            partner_id=cls.contact_a.id,
            lang="zh_CN" if cls._has_zh() else "en_US",
            tz="Asia/Shanghai",
        )
        for customer in cls.customer_a | cls.customer_b:
            cls._data_for(customer)

    @classmethod
    def _has_zh(cls):
        return bool(cls.env["res.lang"]._activate_lang("zh_CN"))

    @classmethod
    def _persona(cls, login, groups):
        return mail_new_test_user(
            cls.env, login=login, groups=groups, tz="Asia/Shanghai", name=login
        )

    @classmethod
    def _data_for(cls, customer):
        env = cls.env
        company = env.company
        contact = customer.child_ids[:1]
        env["customer.event"].create(
            {
                "partner_id": customer.id,
                "source": "app",
                "external_id": f"login-{customer.id}",
                "event_type": "login",
                "occurred_at": fields.Datetime.now(),
            }
        )
        env["customer.health.snapshot"].create(
            {"partner_id": customer.id, "date": date(2026, 11, 30), "score": 35, "state": "red"}
        )
        rule = env["customer.care.rule"].search([], limit=1) or env["customer.care.rule"].create(
            {"name": "生日关怀", "trigger": "birthday"}
        )
        env["customer.care.log"].create(
            {
                "rule_id": rule.id,
                "partner_id": customer.id,
                "occurrence_date": date(2026, 12, 1),
                "company_id": company.id,
            }
        )
        survey = env["customer.nps.survey"].create(
            {"name": f"NPS {customer.name}", "partner_ids": [Command.set(contact.ids)]}
        )
        response = env["customer.nps.response"].create(
            {"survey_id": survey.id, "contact_id": contact.id}
        )
        response._record_answer(3, "服务太慢")
        customer.write(
            {
                "clv_company_id": company.id,
                "clv_currency_id": company.currency_id.id,
                "clv_status": "insufficient",
                "clv_historic": 88000.0,
                "rfm_segment": "at_risk",
            }
        )

    def _visible_customers(self, model, user):
        records = self.env[model].with_user(user).search([])
        return set(records.mapped("partner_id.commercial_partner_id").ids) & {
            self.customer_a.id,
            self.customer_b.id,
        }

    # ------------------------------------------------------------
    # READ
    # ------------------------------------------------------------
    def test_each_persona_reads_the_accounts_it_may(self):
        a, b = self.customer_a.id, self.customer_b.id
        expected = {
            self.sales_a: {a},
            self.sales_b: {b},
            self.leader_a: {a},
            self.manager: {a, b},
            self.c360_manager: {a, b},
            self.c360_only: {b},  # the CSM of customer B only
        }
        for model in SCOPED:
            for user, accounts in expected.items():
                with self.subTest(model=model, user=user.login):
                    self.assertEqual(self._visible_customers(model, user), accounts)

    def test_outsiders_read_nothing(self):
        for model in SCOPED:
            for user in (self.plain, self.portal):
                with self.subTest(model=model, user=user.login), self.assertRaises(AccessError):
                    self.env[model].with_user(user).search([])

    def test_reading_another_salesperson_record_by_id(self):
        for model in SCOPED:
            record = self.env[model].search([("partner_id", "=", self.customer_b.id)], limit=1)
            self.assertTrue(record, model)
            with self.subTest(model=model), self.assertRaises(AccessError):
                record.with_user(self.sales_a).read(["partner_id"])

    def test_read_group_amounts_per_salesperson(self):
        """The churn-risk amounts are summed over the reader's accounts only."""
        Risk = self.env["customer.churn.risk"]
        groups = Risk.with_user(self.sales_a).read_group([], ["clv_historic:sum"], ["user_id"])
        self.assertEqual([g["user_id"][0] for g in groups], [self.sales_a.id])
        groups = Risk.with_user(self.manager).read_group([], ["clv_historic:sum"], ["user_id"])
        owners = {g["user_id"][0] for g in groups if g["user_id"]}
        self.assertGreaterEqual(owners, {self.sales_a.id, self.sales_b.id})

    def test_timeline_of_another_customer_is_empty(self):
        Timeline = self.env["customer.timeline"].with_user(self.sales_a)
        self.assertFalse(Timeline.search([("partner_id", "=", self.customer_b.id)]))
        self.assertTrue(Timeline.search([("partner_id", "=", self.customer_a.id)]))
        # the list's paged query (one index scan per source) keeps the rules too
        page = Timeline.web_search_read(
            [("partner_id", "=", self.customer_b.id)], {"name": {}}, limit=80, count_limit=81
        )
        self.assertEqual(page, {"length": 0, "records": []})
        page = Timeline.web_search_read([], {"partner_id": {}}, limit=80, count_limit=81)
        partners = {record["partner_id"] for record in page["records"]}
        self.assertIn(self.customer_a.id, partners)
        self.assertNotIn(self.customer_b.id, partners)

    # ------------------------------------------------------------
    # WRITE / CREATE
    # ------------------------------------------------------------
    def test_no_event_on_another_salesperson_customer(self):
        with self.assertRaises(AccessError):
            self.env["customer.event"].with_user(self.sales_a).create(
                {
                    "partner_id": self.customer_b.id,
                    "source": "web",
                    "external_id": "planted-1",
                    "event_type": "complaint",
                    "occurred_at": fields.Datetime.now(),
                }
            )

    def test_care_log_and_snapshots_are_not_written_by_hand(self):
        log = self.env["customer.care.log"].search([("partner_id", "=", self.customer_a.id)])
        with self.assertRaises(AccessError):
            log.with_user(self.sales_a).write({"state": "done"})
        snapshot = self.env["customer.health.snapshot"].search(
            [("partner_id", "=", self.customer_a.id)]
        )
        for user in (self.sales_a, self.c360_manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                snapshot.with_user(user).write({"score": 99, "state": "green"})
            with self.assertRaises(AccessError):
                self.env["customer.health.snapshot"].with_user(user).create(
                    {"partner_id": self.customer_a.id, "date": date(2026, 12, 7), "score": 99}
                )

    def test_csm_is_chosen_by_a_manager(self):
        """Being an account's CSM opens its 360 data: not a link anyone may create."""
        editor = self.env.ref("base.group_partner_manager")
        (self.c360_only | self.c360_manager).write({"groups_id": [Command.link(editor.id)]})
        with self.assertRaises(AccessError):
            self.customer_a.with_user(self.c360_only).write({"csm_user_id": self.c360_only.id})
        self.assertNotIn(
            self.customer_a.id, self._visible_customers("customer.event", self.c360_only)
        )
        self.customer_a.with_user(self.c360_manager).write({"csm_user_id": self.c360_only.id})
        self.assertEqual(
            self._visible_customers("customer.event", self.c360_only),
            {self.customer_a.id, self.customer_b.id},
        )

    # ------------------------------------------------------------
    # MULTI-COMPANY
    # ------------------------------------------------------------
    def test_second_company_sees_no_snapshot(self):
        other = self.env["res.company"].create({"name": "深圳分公司"})
        self.customer_a.company_id = self.env.company
        stranger = mail_new_test_user(
            self.env,
            login="c360s_other_co",
            groups="base.group_user,customer_360.customer_360_group_manager",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        Snapshot = self.env["customer.health.snapshot"].with_user(stranger)
        self.assertFalse(Snapshot.search([("partner_id", "=", self.customer_a.id)]))
        self.assertFalse(
            self.env["customer.nps.response"]
            .with_user(stranger)
            .search([("partner_id", "=", self.customer_a.id)])
        )
