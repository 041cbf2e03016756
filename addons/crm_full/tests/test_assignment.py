# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from ..tools.assignment import distribute
from .common import CrmFullCommon


class AssignmentCommon(CrmFullCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Leads "created without a salesperson", as by a web form, e-mail or import;
        # the form would default to the current user.
        cls.env = cls.env(context=dict(cls.env.context, default_user_id=False))
        cls.env.company.pool_new_leads = True
        cls.env["crm.assignment.rule"].search([]).active = False  # demo rules, if any
        cls.sales = [
            new_test_user(cls.env, f"cf_rr_{i}", groups="crm_full.crm_full_group_user")
            for i in range(3)
        ]
        cls.team = cls.env["crm.team"].create({"name": "华东销售"})
        cls.other_team = cls.env["crm.team"].create({"name": "华南销售"})
        cls.zhejiang = cls.env.ref("base.state_cn_ZJ")
        cls.shanghai = cls.env.ref("base.state_cn_SH")
        cls.beijing = cls.env.ref("base.state_cn_BJ")
        cls.Rule = cls.env["crm.assignment.rule"]

    @classmethod
    def _rule(cls, name, domain, users, **vals):
        return cls.Rule.create(
            {
                "name": name,
                "domain": repr(domain),
                "team_id": cls.team.id,
                "member_ids": [Command.set([u.id for u in users])],
                **vals,
            }
        )

    @classmethod
    def _leads(cls, count, **vals):
        return cls.env["crm.lead"].create(
            [{"name": f"线索 {i}", "type": "lead", **vals} for i in range(count)]
        )


@tagged("crm_full_assignment")
class TestAssignmentRules(AssignmentCommon):
    def test_distribute_round_robin_and_cap(self):
        loads = {1: 0, 2: 5, 3: 0}
        given, last = distribute([10, 11, 12, 13], [1, 2, 3], loads, "round_robin", 5, 3)
        self.assertEqual(given, {10: 1, 11: 3, 12: 1, 13: 3}, "member 2 is full and skipped")
        self.assertEqual(last, 3)
        given, _last = distribute([20, 21, 22], [1, 2], {1: 4, 2: 5}, "round_robin", 5)
        self.assertEqual(given, {20: 1}, "once everybody is full the rest is left")

    def test_first_matching_rule_in_order_takes_the_lead(self):
        broad = self._rule("All of China", [], self.sales[2:], sequence=20)
        zhejiang = self._rule(
            "浙江", [("state_id", "=", self.zhejiang.id)], self.sales[:1], sequence=10
        )
        lead_zj, lead_sh = self.env["crm.lead"].create(
            [
                {"name": "杭州客户", "state_id": self.zhejiang.id},
                {"name": "上海客户", "state_id": self.shanghai.id},
            ]
        )
        self.assertEqual(lead_zj.user_id, self.sales[0])
        self.assertEqual(lead_zj.assignment_rule_id, zhejiang)
        self.assertEqual(lead_zj.team_id, self.team)
        self.assertFalse(lead_zj.in_pool)
        self.assertFalse(lead_zj.pool_log_ids, "a lead a rule takes never enters the pool")
        self.assertEqual(lead_sh.assignment_rule_id, broad)
        self.assertEqual(lead_sh.user_id, self.sales[2])
        zhejiang.sequence = 30
        lead = self.env["crm.lead"].create({"name": "宁波客户", "state_id": self.zhejiang.id})
        self.assertEqual(lead.assignment_rule_id, broad, "the order of the rules decides")

    def test_tags_revenue_and_source_conditions(self):
        tag = self.env["crm.tag"].create({"name": "大客户"})
        source = self.env["utm.source"].create({"name": "展会"})
        rule = self._rule(
            "Big deals from fairs",
            [
                ("tag_ids", "in", tag.ids),
                ("expected_revenue", ">=", 100000),
                ("source_id", "=", source.id),
            ],
            self.sales[:1],
        )
        small, big = self.env["crm.lead"].create(
            [
                {"name": "小单", "tag_ids": [Command.set(tag.ids)], "source_id": source.id},
                {
                    "name": "大单",
                    "tag_ids": [Command.set(tag.ids)],
                    "expected_revenue": 250000,
                    "source_id": source.id,
                },
            ]
        )
        self.assertEqual(big.assignment_rule_id, rule)
        self.assertFalse(small.user_id)
        self.assertTrue(small.in_pool, "no rule takes it: the pool does")

    def test_industry_of_the_customer(self):
        """crm.lead has no industry in Community: the rule reads the customer's."""
        industry = self.env["res.partner.industry"].create({"name": "制造业"})
        factory = self.env["res.partner"].create(
            {"name": "宁波机床厂", "is_company": True, "industry_id": industry.id}
        )
        rule = self._rule(
            "Manufacturing", [("partner_id.industry_id", "=", industry.id)], self.sales[1:2]
        )
        lead, other = self.env["crm.lead"].create(
            [
                {"name": "机床询价", "partner_id": factory.id},
                {"name": "其他", "partner_id": self.company_partner.id},
            ]
        )
        self.assertEqual((lead.assignment_rule_id, lead.user_id), (rule, self.sales[1]))
        self.assertFalse(other.user_id)
        _rule, _user, lines = other._assignment_explain()
        self.assertIn("制造业", lines[0], "the preview names the industry it expected")

    def test_round_robin_keeps_its_position_across_batches(self):
        rule = self._rule("RR", [], self.sales)
        first = self._leads(2)
        second = self._leads(2)
        third = self.env["crm.lead"].create({"name": "单条"})
        self.assertEqual(
            (first | second | third).mapped("user_id").ids,
            [u.id for u in self.sales],
        )
        self.assertEqual(
            [lead.user_id for lead in first | second | third],
            [self.sales[0], self.sales[1], self.sales[2], self.sales[0], self.sales[1]],
        )
        self.assertEqual(rule.last_user_id, self.sales[1])

    def test_balanced_gives_to_the_fewest_open_leads(self):
        self.env["crm.lead"].with_context(crm_full_no_rule_assignment=True).create(
            [{"name": f"旧 {i}", "user_id": self.sales[0].id} for i in range(3)]
            + [{"name": "旧 b", "user_id": self.sales[1].id}]
        )
        self._rule("Balanced", [], self.sales, method="balanced")
        leads = self._leads(4)
        counts = {
            user: len(leads.filtered(lambda lead, u=user: lead.user_id == u)) for user in self.sales
        }
        # open before 3 / 1 / 0; ties go to the earlier member: 3 / 3 / 2 after
        self.assertEqual(counts, {self.sales[0]: 0, self.sales[1]: 2, self.sales[2]: 2})

    def test_cap_falls_through_to_the_next_rule_then_the_pool(self):
        self.env["crm.lead"].with_context(crm_full_no_rule_assignment=True).create(
            [{"name": "旧", "user_id": self.sales[0].id}]
        )
        capped = self._rule("Capped", [], self.sales[:1], max_open_leads=2, sequence=1)
        backup = self._rule(
            "Backup",
            [("state_id", "=", self.zhejiang.id)],
            self.sales[1:2],
            max_open_leads=1,
            sequence=2,
        )
        leads = self._leads(3, state_id=self.zhejiang.id)
        self.assertEqual(leads[0].assignment_rule_id, capped)
        self.assertEqual(leads[1].assignment_rule_id, backup)
        self.assertFalse(leads[2].user_id)
        self.assertTrue(leads[2].in_pool)
        self.assertEqual(leads[2].pool_log_ids.action, "enter")

    def test_no_rule_keeps_odoo_and_pool_behaviour(self):
        lead = self.env["crm.lead"].create({"name": "没有规则"})
        self.assertTrue(lead.in_pool)
        self.assertFalse(lead.assignment_rule_id)
        self.env.company.pool_new_leads = False
        lead = self.env["crm.lead"].create({"name": "Odoo 自己分配", "team_id": self.team.id})
        self.assertFalse(lead.in_pool)
        self.assertFalse(lead.user_id, "left for Odoo's own team assignment")
        self.assertIn(lead, self.env["crm.lead"].search(self.team._get_lead_to_assign_domain()))

    def test_invalid_domain_is_refused(self):
        rule = self._rule("Valid", [("state_id", "=", self.zhejiang.id)], self.sales)
        for bad in (
            "[('no_such_field', '=', 1)]",
            "[('name', 'like'",
            "42",
            "[('name', 'bogus', 1)]",
        ):
            # assertRaises (not ...Regex) rolls the failed write back, as a request would
            with self.subTest(domain=bad), self.assertRaises(ValidationError) as caught:
                rule.write({"domain": bad})
            self.assertIn("The conditions of rule Valid are not valid", str(caught.exception))
        rule.invalidate_recordset()
        self.assertEqual(rule.domain, repr([("state_id", "=", self.zhejiang.id)]))
        with self.assertRaises(ValidationError) as caught:
            self.Rule.create(
                {
                    "name": "Broken",
                    "domain": "[('stage_id.nope', '=', 1)]",
                    "team_id": self.team.id,
                    "member_ids": [Command.set(self.sales[0].ids)],
                }
            )
        self.assertIn("rule Broken are not valid", str(caught.exception))
        self.assertIn("nope", str(caught.exception), "the error says what is wrong")
        self.assertFalse(self.Rule.search([("name", "=", "Broken")]), "nothing half-written")

    def test_form_creates_a_rule(self):
        with Form(self.Rule) as form:
            form.name = "华东大客户"
            form.team_id = self.team
            form.member_ids.add(self.sales[0])
            form.domain = repr([("state_id", "=", self.shanghai.id)])
        self.assertEqual(form.record.method, "round_robin")
        self.assertEqual(form.record.company_id, self.env.company)

    def test_other_company_rule_does_not_apply(self):
        other = self.env["res.company"].create({"name": "深圳分公司"})
        with self.assertRaises(UserError, msg="a team of another company is refused"):
            self._rule("Mixed", [], self.sales[:1], company_id=other.id)
        self.sales[0].company_ids |= other
        team = self.env["crm.team"].create({"name": "深圳", "company_id": other.id})
        self._rule("Other company", [], self.sales[:1], company_id=other.id, team_id=team.id)
        lead = self.env["crm.lead"].create({"name": "本公司线索"})
        self.assertFalse(lead.user_id)
        self.assertTrue(lead.in_pool)
        theirs = self.env["crm.lead"].create({"name": "深圳线索", "company_id": other.id})
        self.assertEqual(theirs.user_id, self.sales[0])
        self.assertEqual(theirs.team_id, team)

    def test_preview_says_which_rule_and_why(self):
        self.env["crm.lead"].with_context(crm_full_no_rule_assignment=True).create(
            [{"name": "旧", "user_id": self.sales[0].id}]
        )
        self._rule("浙江", [("state_id", "=", self.zhejiang.id)], self.sales[:1], sequence=1)
        self._rule("Full", [], self.sales[:1], max_open_leads=1, sequence=2)
        self._rule("Shanghai", [("state_id", "=", self.shanghai.id)], self.sales[1:2], sequence=3)
        lead = (
            self.env["crm.lead"]
            .with_context(crm_full_no_rule_assignment=True)
            .create({"name": "预览", "state_id": self.shanghai.id})
        )
        action = lead.action_assignment_preview()
        preview = self.env["crm.assignment.preview"].browse(action["res_id"])
        self.assertEqual(preview.user_id, self.sales[1])
        self.assertEqual(preview.rule_id.name, "Shanghai")
        lines = preview.explanation.splitlines()
        self.assertEqual(len(lines), 3)
        self.assertIn("浙江: does not match", lines[0])
        self.assertIn("浙江省", lines[0], "the failed condition is named")
        self.assertIn("Full: matches, but every member already holds 1 open leads", lines[1])
        self.assertIn(f"Shanghai takes it: {self.sales[1].name}", lines[2])
        self.assertFalse(lead.user_id, "a preview writes nothing")

        beijing = (
            self.env["crm.lead"]
            .with_context(crm_full_no_rule_assignment=True)
            .create({"name": "北京", "state_id": self.beijing.id})
        )
        _rule, user, lines = beijing._assignment_explain()
        self.assertFalse(user)
        self.assertEqual(lines[-1], "No rule takes it: it goes to the public pool.")

    def test_one_digest_per_salesperson_per_batch(self):
        rule = self._rule("RR", [], self.sales[:2])
        leads = self._leads(24)
        messages = self.env["mail.message"].search(
            [
                ("model", "=", "crm.assignment.rule"),
                ("res_id", "=", rule.id),
                ("message_type", "=", "user_notification"),
            ]
        )
        self.assertEqual(len(messages), 2, "one digest per salesperson, not one per lead")
        self.assertEqual(
            sorted(messages.partner_ids.ids),
            sorted((self.sales[0] | self.sales[1]).partner_id.ids),
        )
        for message in messages:
            self.assertIn("12 new leads", message.subject)
            self.assertIn("and 2 more", str(message.body), "10 are named, the rest counted")
        self.assertTrue(all(lead.user_id for lead in leads))

    def test_pool_cron_assigns_pool_leads(self):
        pooled = self._leads(5, state_id=self.zhejiang.id)
        self.assertTrue(all(pooled.mapped("in_pool")))
        self._rule("浙江", [("state_id", "=", self.zhejiang.id)], self.sales[:2])
        other = self._leads(1, state_id=self.beijing.id)
        self.assertEqual(self.env["crm.lead"]._cron_assignment_pool(batch_size=2), 5)
        self.assertFalse(any(pooled.mapped("in_pool")))
        self.assertEqual(set(pooled.mapped("user_id")), set(self.sales[:2]))
        self.assertEqual(
            pooled.pool_log_ids.filtered(lambda log: log.action == "assign").lead_id, pooled
        )
        self.assertTrue(other.in_pool, "no rule for Beijing: it stays in the pool")
        self.assertEqual(self.env["crm.lead"]._cron_assignment_pool(batch_size=2), 0)


@tagged("post_install", "-at_install", "crm_full_assignment")
class TestAssignmentQueries(AssignmentCommon):
    def _count(self, size):
        leads = (
            self.env["crm.lead"]
            .with_context(crm_full_no_rule_assignment=True)
            .create([{"name": f"批量 {i}", "state_id": self.zhejiang.id} for i in range(size)])
        )
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        left = leads._assignment_apply()
        self.env.flush_all()
        self.assertFalse(left)
        return self.cr.sql_log_count - before

    def test_query_count_flat_with_batch_size(self):
        self.env.company.pool_new_leads = False  # the create path: leads fresh from a form
        for i in range(10):
            self._rule(f"Rule {i}", [("state_id", "=", self.beijing.id)], self.sales, sequence=i)
        self._rule("浙江", [("state_id", "=", self.zhejiang.id)], self.sales, sequence=99)
        self._count(5)  # warm-up: caches of rules, users, subtypes
        small, large = self._count(20), self._count(200)
        # Measured 88 / 89: 11 rule matches, 1 load count, 3 writes, 3 digests (about
        # 15 queries each); the ORM splits the flush of 200 rows once more.
        self.assertLessEqual(large - small, 2, "queries per batch do not grow with the leads")
        leads = (
            self.env["crm.lead"]
            .with_context(crm_full_no_rule_assignment=True)
            .create([{"name": f"批量 {i}", "state_id": self.zhejiang.id} for i in range(200)])
        )
        with self.assertQueryCount(60):  # 55 measured on 200 leads, 3 salespeople
            leads._assignment_apply()
        self.assertEqual(len(leads.user_id), 3)

    def test_pool_batch_query_count_flat(self):
        """The pool cron's batches cost the same whatever their size."""
        self._rule("浙江", [("state_id", "=", self.zhejiang.id)], self.sales, sequence=1)
        Lead = self.env["crm.lead"]

        def pool_batch(size):
            leads = Lead.with_context(crm_full_no_rule_assignment=True).create(
                [{"name": f"公海 {i}", "state_id": self.zhejiang.id} for i in range(size)]
            )
            self.assertTrue(all(leads.mapped("in_pool")))
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            done, _last = Lead._assignment_pool_batch(size, min(leads.ids) - 1)
            self.env.flush_all()
            self.assertEqual(done, size)
            self.assertFalse(any(leads.mapped("in_pool")))
            return self.cr.sql_log_count - before

        pool_batch(5)  # warm-up
        small, large = pool_batch(20), pool_batch(200)
        # Measured 83 / 88: the ORM splits the INSERT and the related-company UPDATE of
        # 200 pool-log rows into a few chunks; nothing is done lead by lead.
        self.assertLessEqual(large - small, 6, "queries per batch do not grow with the leads")
        self.assertLess((large - small) / 180, 0.05)
