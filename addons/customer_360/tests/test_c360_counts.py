# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon


@tagged("post_install", "-at_install", "customer_360")
class TestCustomer360Counts(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.account = Partner.create({"name": "深圳华锐电子有限公司", "is_company": True})
        cls.contact = Partner.create({"name": "刘洋", "parent_id": cls.account.id})
        cls.other = Partner.create({"name": "Nordwind Trading GmbH", "is_company": True})
        cls.won_stage = cls.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        Lead = cls.env["crm.lead"]
        Lead.create(
            [
                {
                    "name": "MES",
                    "type": "opportunity",
                    "partner_id": cls.contact.id,
                    "expected_revenue": 600000,
                },
                {
                    "name": "WMS",
                    "type": "opportunity",
                    "partner_id": cls.account.id,
                    "expected_revenue": 80000,
                },
                {
                    "name": "Won",
                    "type": "opportunity",
                    "partner_id": cls.account.id,
                    "expected_revenue": 5000,
                    "stage_id": cls.won_stage.id,
                },
                {"name": "Just a lead", "type": "lead", "partner_id": cls.account.id},
                {"name": "Elsewhere", "type": "opportunity", "partner_id": cls.other.id},
            ]
        )
        Ticket = cls.env["service.desk.ticket"]
        Ticket.create(
            [
                {"name": "Alarm", "partner_id": cls.contact.id},
                {
                    "name": "Old",
                    "partner_id": cls.account.id,
                    "stage_id": cls.env.ref("service_desk.stage_closed").id,
                },
            ]
        )

    def test_contact_and_company_show_the_account_figures(self):
        for partner in (self.account, self.contact):
            self.assertEqual(partner.c360_open_opportunity_count, 2)
            self.assertEqual(partner.c360_open_pipeline, 680000)
            self.assertEqual(partner.c360_open_ticket_count, 1)
        self.assertEqual(self.other.c360_open_opportunity_count, 1)
        self.assertEqual(self.other.c360_open_ticket_count, 0)

    def test_query_count_does_not_grow_with_customers(self):
        many = self.env["res.partner"].create(
            [{"name": f"Customer {i}", "is_company": True} for i in range(20)]
        )
        self.env.invalidate_all()
        with self.assertQueryCount(4):
            self.account.c360_open_ticket_count  # noqa: B018
        self.env.invalidate_all()
        with self.assertQueryCount(4):
            for partner in many | self.account:
                partner.c360_open_ticket_count  # noqa: B018

    def test_360_action_opens_the_commercial_partner(self):
        action = self.contact.action_open_c360()
        self.assertEqual(action["res_id"], self.account.id)
        tickets = self.env["service.desk.ticket"].search(
            self.contact.action_c360_open_tickets()["domain"]
        )
        self.assertEqual(len(tickets), 2)
