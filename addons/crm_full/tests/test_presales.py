# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.base.tests.common import BaseCommon


class PresalesCommon(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        group = "crm_full.crm_full_group_user"
        cls.leader = new_test_user(cls.env, "ps_leader", groups=group, name="组长")
        cls.sales_a = new_test_user(cls.env, "ps_sales_a", groups=group, name="销售甲")
        cls.sales_b = new_test_user(cls.env, "ps_sales_b", groups=group, name="销售乙")
        cls.eng_1 = new_test_user(cls.env, "ps_eng_1", groups=group, name="售前一")
        cls.eng_2 = new_test_user(cls.env, "ps_eng_2", groups=group, name="售前二")
        cls.manager = new_test_user(cls.env, "ps_manager", groups="crm_full.crm_full_group_manager")
        cls.portal = new_test_user(cls.env, "ps_portal", groups="base.group_portal")
        cls.env["crm.team"].create(
            {
                "name": "销售一组",
                "user_id": cls.leader.id,
                "member_ids": [Command.link(cls.sales_a.id)],
            }
        )
        cls.presales = cls.env["crm.team"].create(
            {
                "name": "售前部",
                "is_presales": True,
                "member_ids": [Command.set([cls.eng_1.id, cls.eng_2.id])],
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "售前测试客户", "is_company": True, "user_id": cls.sales_a.id}
        )
        cls.lead = cls._opportunity(cls.sales_a, "MES 项目")

    @classmethod
    def _opportunity(cls, user, name):
        return cls.env["crm.lead"].create(
            {
                "name": name,
                "type": "opportunity",
                "user_id": user.id,
                "team_id": user.sale_team_id.id,
                "partner_id": cls.customer.id,
                "expected_revenue": 300000,
            }
        )

    def _request(self, user, lead=None, **vals):
        return (
            self.env["crm.presales.request"]
            .with_user(user)
            .create(
                {
                    "lead_id": (lead or self.lead).id,
                    "team_id": self.presales.id,
                    "request_note": "需要产线演示",
                    **vals,
                }
            )
        )


@tagged("crm_full_presales")
class TestPresalesRequest(PresalesCommon):
    def test_request_assigns_engineer_round_robin_and_keeps_owner(self):
        request = self._request(self.sales_a)
        self.assertEqual(request.presales_user_id, self.eng_1)
        self.assertEqual(request.requester_id, self.sales_a)
        self.assertEqual(request.state, "requested")
        self.assertEqual(self.lead.user_id, self.sales_a, "the salesperson stays the owner")
        activity = self.lead.activity_ids.filtered(lambda a: a.user_id == self.eng_1)
        self.assertEqual(activity, request.activity_id)
        self.assertIn("需要产线演示", str(activity.note))
        self.assertIn("售前测试客户", str(activity.note))
        second = self._request(self.sales_a, self._opportunity(self.sales_a, "二期"))
        self.assertEqual(second.presales_user_id, self.eng_2)
        self.assertEqual(self.presales.presales_last_user_id, self.eng_2)

    def test_balanced_picks_fewest_open_requests(self):
        self.presales.presales_method = "balanced"
        for name in ("甲", "乙"):
            self._request(self.sales_a, self._opportunity(self.sales_a, name)).sudo().write(
                {"presales_user_id": self.eng_1.id}
            )
        self.presales.presales_last_user_id = self.eng_2  # round-robin would say eng_1
        self.assertEqual(self._request(self.sales_a).presales_user_id, self.eng_2)

    def test_requester_never_supports_own_request(self):
        self.presales.member_ids = [Command.link(self.sales_a.id)]
        self.presales.presales_last_user_id = self.eng_2  # next in order: sales_a
        request = self._request(self.sales_a)
        self.assertNotEqual(request.presales_user_id, self.sales_a)

    def test_engineer_reads_and_edits_lead_but_cannot_reassign(self):
        self._request(self.sales_a)
        lead = self.lead.with_user(self.eng_1)
        self.assertEqual(lead.partner_id.with_user(self.eng_1).name, "售前测试客户")
        lead.description = "<p>方案要点</p>"
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            lead.user_id = self.eng_1
        with self.assertRaises(AccessError):
            lead.team_id = self.presales
        self.assertEqual(self.lead.user_id, self.sales_a)
        # eng_2 has no request: nothing
        with self.assertRaises(AccessError):
            self.lead.with_user(self.eng_2).read(["name"])

    def test_cancel_ends_engineer_access(self):
        request = self._request(self.sales_a)
        request.with_user(self.sales_a).action_cancel()
        self.assertEqual(request.state, "cancelled")
        self.assertFalse(request.activity_id)
        with self.assertRaises(AccessError):
            self.lead.with_user(self.eng_1).read(["name"])

    def test_done_records_effort(self):
        request = self._request(self.sales_a).with_user(self.eng_1)
        request.action_start()
        with self.assertRaises(ValidationError):
            request.action_done()  # no hours, no outcome
        self.assertEqual(request.state, "in_progress")
        with Form(request) as form:
            form.hours_spent = 5.5
            form.outcome = "demo"
        request.action_done()
        self.assertEqual(request.state, "done")
        self.assertTrue(request.date_done)
        self.assertEqual(self.lead.presales_hours, 5.5)
        self.assertEqual(self.lead.presales_request_count, 1)
        self.assertFalse(self.lead.activity_ids.filtered(lambda a: a.user_id == self.eng_1))
        with self.assertRaises(UserError):
            request.action_cancel()

    def test_bad_input_writes_nothing(self):
        Request = self.env["crm.presales.request"]
        count = Request.search_count([])
        with self.assertRaises(ValidationError):
            self._request(self.sales_a, hours_spent=-1)
        with self.assertRaises(ValidationError):
            self._request(self.sales_a, hours_spent=10**6)
        lead_only = self._opportunity(self.sales_a, "线索")
        lead_only.type = "lead"
        with self.assertRaises(ValidationError):
            self._request(self.sales_a, lead_only)
        sales_team = self.sales_a.sale_team_id
        with self.assertRaises(ValidationError):
            self._request(self.sales_a, team_id=sales_team.id)
        self.presales.member_ids = [Command.clear()]
        with self.assertRaises(UserError):
            self._request(self.sales_a)
        self.assertEqual(Request.search_count([]), count)

    def test_one_open_request_per_opportunity(self):
        self._request(self.sales_a)
        with self.assertRaises(UserError):
            self._request(self.sales_a)

    def test_system_fields_and_moves_are_refused(self):
        with self.assertRaises(AccessError):
            self._request(self.sales_a, presales_user_id=self.sales_a.id)
        request = self._request(self.sales_a)
        with self.assertRaises(AccessError):
            request.with_user(self.sales_a).state = "done"
        with self.assertRaises(AccessError):
            request.with_user(self.sales_a).presales_user_id = self.eng_2
        other = self._opportunity(self.sales_a, "另一个")
        with self.assertRaises(UserError):
            request.with_user(self.eng_1).lead_id = other


@tagged("crm_full_presales")
class TestPresalesAdversary(PresalesCommon):
    def test_other_salesperson_cannot_request_or_read(self):
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self._request(self.sales_b)
        self.assertFalse(self.lead.presales_request_ids)
        request = self._request(self.sales_a)
        Request = self.env["crm.presales.request"].with_user(self.sales_b)
        self.assertFalse(Request.search([("id", "=", request.id)]))
        with self.assertRaises(AccessError):
            request.with_user(self.sales_b).read(["state"])

    def test_engineer_and_pool_cannot_request(self):
        request = self._request(self.sales_a)
        self.assertEqual(request.presales_user_id, self.eng_1)
        request.sudo().write({"state": "done"})
        with self.assertRaises(AccessError):
            self._request(self.eng_1)  # edits the lead, but it is not theirs to ask for
        pooled = self._opportunity(self.sales_a, "池中商机")
        pooled.user_id = False
        with self.assertRaises(AccessError):
            self._request(self.sales_a, pooled)

    def test_only_engineer_starts_and_only_parties_cancel(self):
        request = self._request(self.sales_a)
        with self.assertRaises(AccessError):
            request.with_user(self.sales_a).action_start()
        with self.assertRaises(AccessError):
            request.with_user(self.eng_2).action_cancel()
        request.with_user(self.manager).action_cancel()
        self.assertEqual(request.state, "cancelled")

    def test_team_leader_and_manager_see_requests(self):
        request = self._request(self.sales_a)
        self.assertEqual(
            self.env["crm.presales.request"].with_user(self.leader).search([]), request
        )
        self.assertIn(request, self.env["crm.presales.request"].with_user(self.manager).search([]))

    def test_salesperson_and_presales_leader_see_leaders_request(self):
        presales_leader = new_test_user(
            self.env, "ps_presales_leader", groups="crm_full.crm_full_group_user"
        )
        self.presales.user_id = presales_leader
        request = self._request(self.leader)  # the sales team's leader asks
        self.assertEqual(request.requester_id, self.leader)
        for user in (self.sales_a, presales_leader, request.presales_user_id):
            Request = self.env["crm.presales.request"].with_user(user)
            self.assertEqual(Request.search([]), request, user.login)
        self.assertFalse(self.env["crm.presales.request"].with_user(self.sales_b).search([]))

    def test_portal_gets_nothing(self):
        self._request(self.sales_a)
        Request = self.env["crm.presales.request"].with_user(self.portal)
        with self.assertRaises(AccessError):
            Request.search([])
        with self.assertRaises(AccessError):
            self._request(self.portal)

    def test_other_company_request_invisible(self):
        company = self.env["res.company"].create({"name": "售前第二公司"})
        user_z = new_test_user(
            self.env,
            "ps_sales_z",
            groups="crm_full.crm_full_group_user",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        self._request(self.sales_a)
        self.assertFalse(self.env["crm.presales.request"].with_user(user_z).search([]))
