# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import tagged, users
from odoo.tools import mute_logger

from .common import CrmFullCommon


@tagged("crm_full_lifecycle")
class TestLifecycle(CrmFullCommon):
    def test_stages_shipped_in_journey_order(self):
        stages = self.env["crm.lifecycle.stage"].search([])
        self.assertEqual(
            stages.mapped("code"),
            ["reached", "engaged", "opportunity", "customer", "delivery", "service", "repeat"],
        )

    def test_lead_of_contact_moves_company_to_reached(self):
        lead = self.env["crm.lead"].create(
            {"name": "官网咨询", "type": "lead", "partner_id": self.contact.id}
        )
        self.assertEqual(self.company_partner.lifecycle_stage_id, self._stage("reached"))
        self.assertFalse(self.contact.lifecycle_stage_id, "contacts roll up to their company")
        history = self.company_partner.lifecycle_history_ids
        self.assertEqual(len(history), 1)
        self.assertEqual(history.cause, lead)
        self.assertFalse(history.old_stage_id)
        self.assertEqual(history.new_stage_id.code, "reached")

    def test_opportunity_moves_further_than_lead(self):
        self.env["crm.lead"].create(
            {"name": "Lead", "type": "lead", "partner_id": self.company_partner.id}
        )
        self.env["crm.lead"].create(
            {"name": "Opportunity", "type": "opportunity", "partner_id": self.company_partner.id}
        )
        self.assertEqual(self.company_partner.lifecycle_stage_id.code, "opportunity")
        self.assertEqual(
            self.company_partner.lifecycle_history_ids.sorted("id").mapped("new_stage_id.code"),
            ["reached", "opportunity"],
        )

    def test_batch_of_leads_records_each_customers_own_cause(self):
        other = self.env["res.partner"].create({"name": "深圳测试电子有限公司", "is_company": True})
        first, _second, third = self.env["crm.lead"].create(
            [
                {"name": "A1", "type": "lead", "partner_id": self.contact.id},
                {"name": "A2", "type": "lead", "partner_id": self.company_partner.id},
                {"name": "B1", "type": "lead", "partner_id": other.id},
            ]
        )
        self.assertEqual(self.company_partner.lifecycle_history_ids.cause, first)
        self.assertEqual(other.lifecycle_history_ids.cause, third)
        self.assertEqual(
            len(self.company_partner.lifecycle_history_ids), 1, "one move per customer"
        )

    def test_stage_never_moves_back_by_itself(self):
        self.company_partner.lifecycle_stage_id = self._stage("customer")
        self.env["crm.lead"].create(
            {"name": "New inquiry", "type": "lead", "partner_id": self.company_partner.id}
        )
        self.assertEqual(self.company_partner.lifecycle_stage_id.code, "customer")
        self.assertFalse(self.company_partner.lifecycle_history_ids)

    def test_unknown_code_moves_nobody(self):
        moved = self.company_partner._lifecycle_advance("no_such_stage")
        self.assertFalse(moved)
        self.assertFalse(self.company_partner.lifecycle_stage_id)

    def test_stage_code_is_unique(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["crm.lifecycle.stage"].create({"name": "Twin", "code": "reached"})
            self.env.flush_all()

    @users("cf_sales")
    def test_salesperson_cannot_change_stages(self):
        stage = self._stage("reached").with_env(self.env)
        self.assertEqual(stage.name, "Reached")
        with self.assertRaises(AccessError):
            stage.name = "Touched"

    @users("cf_sales")
    def test_salesperson_lead_records_history_without_write_access(self):
        """Salespeople may not write history, yet their leads must still move customers."""
        partner = self.company_partner.with_env(self.env)
        self.env["crm.lead"].create({"name": "Call", "type": "lead", "partner_id": partner.id})
        self.assertEqual(partner.lifecycle_stage_id.code, "reached")
        self.assertEqual(partner.lifecycle_history_ids.user_id, self.user_sales)
