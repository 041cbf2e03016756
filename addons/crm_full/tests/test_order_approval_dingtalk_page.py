# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""End to end, when dingtalk_connector is installed next to crm_full (issue 18): the
one-screen DingTalk decision page decides a real approval step with the desktop's
rules. The hooks themselves are tested without it (test_order_approval_dingtalk)."""

import re

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


@tagged("post_install", "-at_install", "crm_full_approval")
class TestOrderApprovalDingtalkPage(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.installed = "dingtalk.message" in cls.env
        if not cls.installed:
            return
        cls.sales = new_test_user(cls.env, "dtp_sales", groups="crm_full.crm_full_group_user")
        cls.director = new_test_user(
            cls.env, "dtp_director", groups="crm_full.crm_full_group_sales_director"
        )
        cls.outsider = new_test_user(cls.env, "dtp_other", groups="crm_full.crm_full_group_user")
        rule = cls.env.ref("crm_full.crm_approval_rule_sales_director")
        cls.env["crm.approval.rule"].search([("id", "!=", rule.id)]).active = False
        product = cls.env["product.product"].create(
            {"name": "钉钉审批服务器", "list_price": 150000.0, "taxes_id": [Command.clear()]}
        )
        customer = cls.env["res.partner"].create({"name": "钉钉审批客户", "is_company": True})
        cls.order = (
            cls.env["sale.order"]
            .with_user(cls.sales)
            .create(
                {
                    "partner_id": customer.id,
                    "pricelist_id": False,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "price_unit": 150000.0,
                                "tax_id": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        cls.order.action_request_approval()
        cls.step = cls.order.approval_request_ids
        cls.url = f"/dingtalk/decide/crm.approval.request/{cls.step.id}"

    def setUp(self):
        super().setUp()
        if not self.installed:
            self.skipTest("dingtalk_connector is not installed")

    def _post(self, **data):
        csrf = CSRF_INPUT.search(self.url_open(self.url).text)[1]
        return self.url_open(self.url, data={"csrf_token": csrf, **data})

    def test_director_approves_from_the_page(self):
        self.authenticate("dtp_director", "dtp_director")
        page = self.url_open(f"{self.url}?decision=approve")
        self.assertEqual(page.status_code, 200)
        for text in ("钉钉审批客户", "钉钉审批服务器", "150,000.00", self.order.name):
            self.assertIn(text, page.text)
        self.assertIn("o_dingtalk_decision_form", page.text)
        response = self._post(decision="reject", comment="")
        self.assertEqual(response.status_code, 409, "a rejection needs a reason, as on desktop")
        self.assertEqual(self.step.state, "pending")
        response = self._post(decision="approve", comment="同意")
        self.assertEqual(response.status_code, 200)
        self.assertEqual((self.step.state, self.step.decided_by_id), ("approved", self.director))
        self.assertEqual(self.order.approval_state, "approved")

    def test_requester_sees_why_and_cannot_decide(self):
        self.authenticate("dtp_sales", "dtp_sales")
        page = self.url_open(self.url)
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("o_dingtalk_decision_form", page.text)
        self.assertEqual(self._post_without_form(decision="approve").status_code, 409)
        self.assertEqual(self.step.state, "pending")

    def test_outsider_gets_nothing(self):
        self.authenticate("dtp_other", "dtp_other")
        self.assertEqual(self.url_open(self.url).status_code, 404)
        self.assertEqual(self.step.state, "pending")

    def _post_without_form(self, **data):
        """A crafted POST: the page offers no form, the server still refuses."""
        page = self.url_open("/odoo")
        csrf = re.search(r'csrf_token: "([^"]+)"', page.text)
        token = csrf[1] if csrf else ""
        return self.url_open(self.url, data={"csrf_token": token, **data})
