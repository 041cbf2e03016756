# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 17 part 7: NPS comments in the service word cloud, segmented by RFM."""

from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon


@tagged("post_install", "-at_install", "customer_360")
class TestCustomerTermsNps(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Term = cls.env["service.desk.term"]
        cls.Term._cron_index_terms(batch_size=100000)
        cls.customer = cls.env["res.partner"].create({"name": "西湖测试", "is_company": True})
        cls.customer.sudo().rfm_segment = "at_risk"
        contact = cls.env["res.partner"].create(
            {"name": "李雷", "parent_id": cls.customer.id, "email": "li@xihu.example.cn"}
        )
        survey = cls.env["customer.nps.survey"].create({"name": "Q3"})
        cls.response = cls.env["customer.nps.response"].create(
            {"survey_id": survey.id, "contact_id": contact.id}
        )
        cls.response._record_answer(3, "价格太贵，售后响应慢")

    def test_nps_comment_is_indexed_with_segment(self):
        self.Term._cron_index_terms()
        terms = self.Term.search([("nps_response_id", "=", self.response.id)])
        self.assertEqual(set(terms.mapped("term")), {"价格", "太贵", "售后", "响应"})
        self.assertEqual(set(terms.mapped("source")), {"nps"})
        self.assertEqual(terms.partner_id, self.customer)
        self.assertEqual(set(terms.mapped("segment")), {"at_risk"})
        cloud = self.Term.get_term_cloud({"segment": "at_risk"})
        self.assertIn("太贵", {item["term"] for item in cloud})
        opened = terms[:1].action_open_source()
        self.assertEqual(
            (opened["res_model"], opened["res_id"]), ("customer.nps.response", self.response.id)
        )

    def test_nps_terms_are_the_service_managers(self):
        self.Term._cron_index_terms()
        agent = new_test_user(
            self.env, "c360_terms_agent", groups="service_desk.service_desk_group_user"
        )
        manager = new_test_user(
            self.env, "c360_terms_mgr", groups="service_desk.service_desk_group_manager"
        )
        domain = [("nps_response_id", "=", self.response.id)]
        self.assertFalse(self.Term.with_user(agent).search(domain))
        self.assertTrue(self.Term.with_user(manager).search(domain))
