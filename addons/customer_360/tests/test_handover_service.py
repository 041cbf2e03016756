# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Hand-over with sales and service together (issue 17, 离职交接): each manager moves
their side only, through crm_full's wizard and service_desk's ticket kind."""

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon


@tagged("post_install", "-at_install")
class TestHandoverService(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = "crm_full.crm_full_group_user,service_desk.service_desk_group_user"
        cls.leaver = new_test_user(cls.env, "c3_ho_leaver", groups=groups)
        cls.heir = new_test_user(cls.env, "c3_ho_heir", groups=groups)
        cls.sales_manager = new_test_user(
            cls.env, "c3_ho_sales_mgr", groups="crm_full.crm_full_group_manager"
        )
        cls.service_manager = new_test_user(
            cls.env, "c3_ho_sd_mgr", groups="service_desk.service_desk_group_manager"
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "交接客户", "is_company": True, "user_id": cls.leaver.id}
        )
        cls.ticket = cls.env["service.desk.ticket"].create(
            {"name": "交接工单", "partner_id": cls.customer.id, "user_id": cls.leaver.id}
        )

    def _run(self, manager):
        return self.env["crm.handover"].with_user(manager)._handover_run(self.leaver, self.heir)

    def test_service_manager_moves_tickets_only(self):
        wizard = (
            self.env["crm.handover.wizard"]
            .with_user(self.service_manager)
            .create({"source_user_id": self.leaver.id, "target_user_ids": self.heir.ids})
        )
        self.assertIn("1", wizard.preview_html)
        action = wizard.action_confirm()
        self.assertEqual(self.ticket.user_id, self.heir)
        self.assertEqual(self.customer.user_id, self.leaver, "customers are the sales side's")
        handover = self.env["crm.handover"].with_user(self.service_manager).browse(action["res_id"])
        self.assertEqual(handover.line_ids.mapped("kind"), ["ticket"])

    def test_sales_manager_leaves_tickets(self):
        self._run(self.sales_manager)
        self.assertEqual(self.customer.user_id, self.heir)
        self.assertEqual(self.ticket.user_id, self.leaver, "tickets are the service side's")

    def test_agent_may_not(self):
        with self.assertRaises(AccessError):
            self._run(self.heir)
        self.assertEqual(self.ticket.user_id, self.leaver)
