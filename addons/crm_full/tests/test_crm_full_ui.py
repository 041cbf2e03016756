# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "crm_full_ui")
class TestCrmFullUi(HttpCase):
    def test_lifecycle_kanban(self):
        self.env["res.partner"].create(
            {
                "name": "Tour Lifecycle Co",
                "is_company": True,
                "lifecycle_stage_id": self.env.ref("crm_full.lifecycle_stage_opportunity").id,
            }
        )
        self.start_tour("/odoo", "crm_full_lifecycle_tour", login="admin")

    def test_claim_follow_up_and_win(self):
        self.env.company.pool_new_leads = True
        lead = self.env["crm.lead"].create(
            {
                "name": "Tour Pool Lead",
                "type": "opportunity",
                "user_id": False,
                "expected_revenue": 1000,
            }
        )
        self.assertTrue(lead.in_pool)
        self.start_tour("/odoo", "crm_full_pool_tour", login="admin")
        self.assertEqual(lead.user_id, self.env.ref("base.user_admin"))
        self.assertFalse(lead.in_pool)
        self.assertEqual(lead.followup_ids.summary, "电话沟通需求 / Call about needs")
        self.assertTrue(lead.stage_id.is_won)
