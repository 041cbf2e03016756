# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Hand-over of a leaving user's book (issue 17, 离职交接)."""

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import CrmFullCommon
from .test_recipient_language import load_zh


class CrmHandoverCommon(CrmFullCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leaver = new_test_user(cls.env, "ho_leaver", groups="crm_full.crm_full_group_user")
        cls.heir_a = new_test_user(cls.env, "ho_heir_a", groups="crm_full.crm_full_group_user")
        cls.heir_b = new_test_user(cls.env, "ho_heir_b", groups="crm_full.crm_full_group_user")
        cls.team = cls.env["crm.team"].create(
            {"name": "HO team", "member_ids": [Command.set([cls.leaver.id, cls.heir_b.id])]}
        )
        cls.customers = cls.env["res.partner"].create(
            [
                {"name": f"HO customer {i}", "is_company": True, "user_id": cls.leaver.id}
                for i in range(4)
            ]
        )
        cls.leads = cls.env["crm.lead"].create(
            [
                {
                    "name": f"HO lead {i}",
                    "type": "opportunity",
                    "partner_id": partner.id,
                    "user_id": cls.leaver.id,
                    "team_id": cls.team.id,
                }
                for i, partner in enumerate(cls.customers)
            ]
        )
        cls.won = cls.env["crm.lead"].create(
            {"name": "HO won", "user_id": cls.leaver.id, "partner_id": cls.customers[0].id}
        )
        cls.won.action_set_won()
        cls.followup = cls.env["crm.followup"].create(
            {
                "lead_id": cls.leads[1].id,
                "user_id": cls.leaver.id,
                "summary": "Visit",
                "next_step": "Call back",
                "next_date": fields.Date.add(fields.Date.today(), days=3),
            }
        )
        cls.activity = cls.leads[2].activity_schedule(
            "mail.mail_activity_data_todo", summary="Send the brochure", user_id=cls.leaver.id
        )

    def _run(self, targets, **kw):
        return (
            self.env["crm.handover"]
            .with_user(self.user_manager)
            ._handover_run(self.leaver, targets, **kw)
        )


@tagged("crm_full_handover")
class TestHandover(CrmHandoverCommon):
    def test_preview_counts_per_kind(self):
        rows = self.env["crm.handover"].with_user(self.user_manager)._handover_preview(self.leaver)
        counts = {row["key"]: row["count"] for row in rows}
        self.assertEqual(counts["customer"], 4)
        self.assertEqual(counts["lead"], 4, "the won one stays")
        self.assertEqual(counts["followup"], 1)
        self.assertGreaterEqual(counts["activity"], 1)
        self.assertEqual(self.leads.user_id, self.leaver, "a preview moves nothing")

    def test_wizard_preview_and_confirm(self):
        wizard = Form(self.env["crm.handover.wizard"].with_user(self.user_manager))
        wizard.source_user_id = self.leaver
        wizard.target_user_ids.add(self.heir_a)
        self.assertIn("4", wizard.preview_html)
        action = wizard.save().action_confirm()
        handover = self.env["crm.handover"].browse(action["res_id"])
        self.assertEqual(handover.source_user_id, self.leaver)
        self.assertEqual(handover.user_id, self.user_manager)
        self.assertEqual(self.customers.user_id | self.leads.user_id, self.heir_a)
        self.assertEqual(self.won.user_id, self.leaver, "closed business keeps its history")

    def test_round_robin_keeps_accounts_together(self):
        handover = self._run(self.heir_a | self.heir_b)
        for lead in self.leads:
            self.assertEqual(lead.user_id, lead.partner_id.user_id, "a lead follows its customer")
        self.assertEqual(len(self.customers.filtered(lambda p: p.user_id == self.heir_a)), 2)
        self.assertEqual(self.followup.user_id, self.leads[1].user_id)
        self.assertEqual(self.activity.user_id, self.leads[2].user_id, "a to-do follows its lead")
        lines = handover.line_ids.filtered(lambda line: line.kind == "lead")
        self.assertEqual(sum(lines.mapped("count")), 4)
        moved_ids = [res_id for line in lines for res_id in line.res_ids]
        self.assertEqual(sorted(moved_ids), sorted(self.leads.ids))
        self.assertEqual(handover.total_count, sum(handover.line_ids.mapped("count")))

    def test_split_by_team(self):
        self._run(self.heir_a | self.heir_b, split="team")
        self.assertEqual(self.leads.user_id, self.heir_b, "heir B is the leads' team member")
        self.assertEqual(self.leads.team_id, self.team, "the team stays")

    def test_lifecycle_and_history_untouched(self):
        History = self.env["crm.lifecycle.history"]
        before = History.search_count([])
        stages = {p.id: p.lifecycle_stage_id for p in self.customers}
        self._run(self.heir_a)
        self.assertEqual(History.search_count([]), before)
        self.assertEqual({p.id: p.lifecycle_stage_id for p in self.customers}, stages)

    def test_leads_to_pool(self):
        self.env.company.pool_new_leads = True
        self._run(self.heir_a, leads_to_pool=True)
        self.assertTrue(all(self.leads.mapped("in_pool")))
        self.assertEqual(set(self.leads.mapped("release_reason")), {"Hand-over"})
        self.assertEqual(self.leads.previous_user_id, self.leaver)
        self.assertEqual(self.customers.user_id, self.heir_a, "the customers still move")

    def test_one_digest_per_new_owner_in_their_language(self):
        load_zh(self.env)
        self.heir_b.lang = "zh_CN"
        Message = self.env["mail.message"]
        domain = [("message_type", "=", "user_notification")]
        before = Message.search(domain)
        self._run(self.heir_a | self.heir_b)
        digests = Message.search(domain) - before
        self.assertEqual(len(digests), 2)
        zh = digests.filtered(lambda m: self.heir_b.partner_id in m.partner_ids)
        self.assertIn("客户", zh.body)
        en = digests - zh
        self.assertIn("Customers", en.body)

    def test_approval_steps_move(self):
        rule = self.env["crm.approval.rule"].search([], limit=1)
        order = self.env["sale.order"].create({"partner_id": self.customers[0].id})
        request = self.env["crm.approval.request"].create(
            {
                "order_id": order.id,
                "rule_id": rule.id,
                "requested_by_id": self.user_sales.id,
                "state": "pending",
                "approver_ids": [Command.set([self.leaver.id, self.user_manager.id])],
            }
        )
        self._run(self.heir_a)
        self.assertEqual(request.approver_ids, self.user_manager | self.heir_a)


@tagged("crm_full_handover")
class TestHandoverRefusals(CrmHandoverCommon):
    def _assert_nothing_moved(self):
        self.assertEqual(self.customers.user_id | self.leads.user_id, self.leaver)
        self.assertFalse(self.env["crm.handover"].search([("source_user_id", "=", self.leaver.id)]))

    def test_to_archived_user(self):
        self.heir_a.active = False
        with self.assertRaises(UserError):
            self._run(self.heir_a)
        self._assert_nothing_moved()

    def test_to_oneself(self):
        with self.assertRaises(UserError):
            self._run(self.leaver | self.heir_a)
        self._assert_nothing_moved()

    def test_to_nobody(self):
        with self.assertRaises(UserError):
            self._run(self.env["res.users"])
        self._assert_nothing_moved()

    def test_to_portal_user(self):
        portal = new_test_user(self.env, "ho_portal", groups="base.group_portal")
        with self.assertRaises(UserError):
            self._run(portal)
        self._assert_nothing_moved()

    def test_to_other_company(self):
        other = self.env["res.company"].create({"name": "HO other company"})
        stranger = new_test_user(
            self.env,
            "ho_stranger",
            groups="crm_full.crm_full_group_user",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        with self.assertRaises(UserError):
            self._run(stranger)
        self._assert_nothing_moved()

    def test_audit_record_stays_in_its_company(self):
        handover = self._run(self.heir_a)
        other = self.env["res.company"].create({"name": "HO audit company"})
        manager_z = new_test_user(
            self.env,
            "ho_manager_z",
            groups="crm_full.crm_full_group_manager",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        Handover = self.env["crm.handover"].with_user(manager_z)
        self.assertFalse(Handover.search([("id", "=", handover.id)]))
        self.assertFalse(
            self.env["crm.handover.line"]
            .with_user(manager_z)
            .search([("handover_id", "=", handover.id)])
        )
        with self.assertRaises(AccessError):
            self.env["crm.handover"].with_user(self.user_sales).search([])
        with self.assertRaises(AccessError):
            handover.with_user(self.user_manager).write({"total_count": 0})

    def test_salesperson_may_not(self):
        with self.assertRaises(AccessError):
            self.env["crm.handover"].with_user(self.user_sales)._handover_run(
                self.leaver, self.heir_a
            )
        with self.assertRaises(AccessError):
            self.env["crm.handover.wizard"].with_user(self.user_sales).create(
                {"source_user_id": self.leaver.id, "target_user_ids": self.heir_a.ids}
            )
        self._assert_nothing_moved()

    def test_records_the_manager_cannot_see_stay(self):
        other = self.env["res.company"].create({"name": "HO hidden company"})
        self.leaver.company_ids |= other
        hidden = self.env["crm.lead"].create(
            {"name": "HO hidden", "user_id": self.leaver.id, "company_id": other.id}
        )
        self._run(self.heir_a)
        self.assertEqual(hidden.user_id, self.leaver, "not in the manager's companies")
        self.assertEqual(self.leads.user_id, self.heir_a)


@tagged("crm_full_handover")
class TestHandoverArchive(CrmHandoverCommon):
    def test_archive_offers_the_wizard(self):
        admin = self.env.ref("base.user_admin")
        action = self.leaver.with_user(admin).action_archive()
        self.assertEqual(action["res_model"], "crm.handover.wizard")
        self.assertTrue(self.leaver.active, "not archived before the hand-over")
        wizard = (
            self.env["crm.handover.wizard"]
            .with_user(admin)
            .with_context(action["context"])
            .create({"target_user_ids": self.heir_a.ids})
        )
        self.assertTrue(wizard.archive_source)
        wizard.action_confirm()
        self.assertFalse(self.leaver.active)
        self.assertEqual(self.leads.user_id, self.heir_a)

    def test_archive_without_records_archives(self):
        self.assertFalse(self.heir_a.action_archive())
        self.assertFalse(self.heir_a.active)

    def test_system_write_still_archives(self):
        self.leaver.write({"active": False})
        self.assertFalse(self.leaver.active)
        self.assertEqual(self.leads.user_id, self.leaver)

    def test_archivist_without_manager_rights_is_told(self):
        erp = new_test_user(self.env, "ho_erp", groups="base.group_erp_manager")
        with self.assertRaises(UserError):
            self.leaver.with_user(erp).action_archive()
        self.assertTrue(self.leaver.active)
