# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The pool's rules as an adversary sends them over JSON-RPC: every write goes through
``with_user`` like an RPC call, with whatever context the client chooses."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from ..models.crm_lead_pool_guard import POOL_SYSTEM_FIELDS
from .common import CrmFullCommon


@tagged("crm_full_pool")
class TestPoolRpcBypass(CrmFullCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "乙公司 Company B"})
        cls.user_b = new_test_user(
            cls.env,
            "cf_rpc_b",
            groups="crm_full.crm_full_group_user",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )
        cls.user_other = new_test_user(
            cls.env, "cf_rpc_other", groups="crm_full.crm_full_group_user"
        )
        cls.team = cls.env["crm.team"].create(
            {
                "name": "公海测试组",
                "company_id": False,
                "member_ids": [Command.link(cls.user_sales.id), Command.link(cls.user_other.id)],
                "pool_daily_claim_limit": 1,
                "pool_open_lead_limit": 5,
            }
        )
        cls.team_b = cls.env["crm.team"].create(
            {"name": "乙公司销售", "company_id": cls.company_b.id, "pool_mode": "on"}
        )
        cls.company_a.pool_new_leads = True

    def _pooled(self, name="公海线索", company=None):
        lead = self.env["crm.lead"].create(
            {"name": name, "type": "lead", "user_id": False, "team_id": self.team.id}
        )
        if company:
            lead.company_id = company
        self.assertTrue(lead.in_pool)
        return lead

    def _claims(self, lead):
        return lead.pool_log_ids.filtered(lambda log: log.action == "claim")

    def test_client_context_key_does_not_open_the_claim_path(self):
        """The old server-only key, sent by the client, claims nothing."""
        lead = self._pooled()
        as_sales = lead.with_user(self.user_sales).with_context(crm_full_pool_move=True)
        with self.assertRaisesRegex(UserError, "Claim button"):
            as_sales.write({"user_id": self.user_sales.id})
        self.assertTrue(lead.in_pool)
        self.assertFalse(lead.user_id)
        self.assertFalse(self._claims(lead))

    def test_claim_caps_hold_whatever_the_write(self):
        """Leaving the pool by hand and then taking the lead is refused at the first step."""
        first, second = self._pooled("甲"), self._pooled("乙")
        first.with_user(self.user_sales).action_claim()
        as_sales = second.with_user(self.user_sales)
        with self.assertRaisesRegex(UserError, "1 leads a day"):
            as_sales.action_claim()
        with self.assertRaises(AccessError):
            as_sales.write({"in_pool": False})
        with self.assertRaises(AccessError):
            as_sales.write({"in_pool": False, "user_id": self.user_sales.id})
        self.assertTrue(second.in_pool)
        self.assertFalse(second.user_id)

    def test_dumping_a_lead_into_the_pool_needs_the_release(self):
        lead = self._pooled()
        lead.with_user(self.user_sales).action_claim()
        logs = lead.pool_log_ids
        with self.assertRaises(AccessError):
            lead.with_user(self.user_sales).write({"in_pool": True, "user_id": False})
        self.assertEqual(lead.user_id, self.user_sales)
        self.assertFalse(lead.in_pool)
        self.assertEqual(lead.pool_log_ids, logs, "nothing logged")

    def test_system_fields_are_refused_to_the_salesperson(self):
        lead = self.env["crm.lead"].create({"name": "自己的", "user_id": self.user_sales.id})
        rule = self.env["crm.assignment.rule"].create(
            {"name": "R", "team_id": self.team.id, "member_ids": [Command.link(self.user_sales.id)]}
        )
        values = {
            "boolean": True,
            "datetime": "2099-12-31 00:00:00",
            "char": "forged",
            "many2one": None,
        }
        targets = {
            "res.users": self.user_other.id,
            "crm.assignment.rule": rule.id,
            "crm.lead": lead.id,
        }
        as_sales = lead.with_user(self.user_sales)
        for name in POOL_SYSTEM_FIELDS:
            field = lead._fields[name]
            value = (
                targets.get(field.comodel_name) if field.type == "many2one" else values[field.type]
            )
            with self.subTest(field=name), self.assertRaises(AccessError):
                as_sales.write({name: value})
        self.assertFalse(lead.last_followup_date, "2099 never reached the lead")
        self.assertFalse(lead.previous_user_id)
        self.assertFalse(lead.in_pool)

    def test_system_fields_are_refused_on_create_and_by_context_defaults(self):
        Lead = self.env["crm.lead"].with_user(self.user_sales)
        with self.assertRaises(AccessError):
            Lead.create(
                {"name": "x", "user_id": self.user_sales.id, "last_followup_date": "2099-01-01"}
            )
        with self.assertRaises(AccessError):
            Lead.create({"name": "x", "in_pool": True, "user_id": False})
        # An empty value is the default anyway: clients and imports send them.
        lead = Lead.create({"name": "ok", "user_id": self.user_sales.id, "in_pool": False})
        self.assertFalse(lead.in_pool)
        lead = Lead.with_context(
            default_previous_user_id=self.user_other.id, default_pool_date="2099-01-01"
        ).create({"name": "ctx", "user_id": self.user_sales.id})
        self.assertFalse(lead.previous_user_id)
        self.assertFalse(lead.pool_date)

    def test_other_company_cannot_claim_by_id(self):
        lead = self._pooled(company=self.company_a)
        with self.assertRaises(AccessError):
            self.env["crm.lead"].with_user(self.user_b).browse(lead.id).action_claim()
        self.assertTrue(lead.in_pool)
        self.assertFalse(self._claims(lead))

    def test_pooled_lead_of_a_companyless_team_keeps_its_company(self):
        lead = self.env["crm.lead"].create(
            {"name": "有公司", "user_id": self.user_sales.id, "team_id": self.team.id}
        )
        self.assertEqual(lead.company_id, self.company_a)
        lead.with_user(self.user_sales)._pool_release("客户暂缓")
        self.assertTrue(lead.in_pool)
        self.assertEqual(lead.company_id, self.company_a, "never visible to every company")
        self.assertFalse(self.env["crm.lead"].with_user(self.user_b).search([("id", "=", lead.id)]))

    def test_pool_log_seen_like_the_leads(self):
        mine, theirs = self._pooled("我的"), self._pooled("别人的")
        mine.with_user(self.user_sales).action_claim()
        theirs.with_user(self.user_other).action_claim()
        pooled = self._pooled("还在公海", company=self.company_a)
        Log = self.env["crm.pool.log"]
        seen = Log.with_user(self.user_sales).search([])
        self.assertLessEqual(mine.pool_log_ids, seen)
        self.assertLessEqual(pooled.pool_log_ids, seen)
        self.assertFalse(theirs.pool_log_ids & seen, "another salesperson's history")
        with self.assertRaises(AccessError):
            theirs.pool_log_ids.with_user(self.user_sales).read(["reason"])
        self.assertFalse(Log.with_user(self.user_b).search([("lead_id", "in", pooled.ids)]))
        self.assertEqual(
            Log.with_user(self.user_manager).search_count([("id", "in", theirs.pool_log_ids.ids)]),
            2,
        )

    def test_pool_log_written_by_the_system_only(self):
        lead = self._pooled()
        for user in (self.user_sales, self.user_manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["crm.pool.log"].with_user(user).create(
                    {"lead_id": lead.id, "user_id": user.id, "action": "claim"}
                )
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                lead.pool_log_ids.with_user(user).write({"reason": "forged"})

    def test_release_of_someone_elses_lead_refused(self):
        lead = self._pooled()
        lead.with_user(self.user_other).action_claim()
        wizard = (
            self.env["crm.pool.release"]
            .with_user(self.user_sales)
            .create({"lead_ids": [Command.set(lead.ids)], "reason": "抢单"})
        )
        with self.assertRaisesRegex(UserError, "Only the salesperson"):
            wizard.action_confirm()
        self.assertEqual(lead.user_id, self.user_other)

    def test_client_context_does_not_skip_the_assignment_rules(self):
        self.env["crm.assignment.rule"].create(
            {
                "name": "全部",
                "team_id": self.team.id,
                "member_ids": [Command.link(self.user_other.id)],
            }
        )
        lead = (
            self.env["crm.lead"]
            .with_user(self.user_sales)
            .with_context(crm_full_no_rule_assignment=True)
            .create({"name": "绕过规则", "user_id": False, "team_id": self.team.id})
        )
        self.assertEqual(lead.sudo().user_id, self.user_other)
