# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import Form, tagged, users

from .common import CrmFullCommon

NEW_LEAD_MAIL = """From: 张伟 <zhangwei@hz-test.example.com>
To: sales@example.com
Subject: 询价：ERP 实施
Message-ID: <first-inquiry-14@hz-test.example.com>
Date: Mon, 07 Dec 2026 09:00:00 +0800
Content-Type: text/plain; charset=utf-8

请报价。
"""

REPLY_MAIL = """From: 张伟 <zhangwei@hz-test.example.com>
To: sales@example.com
Subject: Re: 询价：ERP 实施
Message-ID: <reply-14@hz-test.example.com>
In-Reply-To: {parent}
References: {parent}
Date: Tue, 08 Dec 2026 10:00:00 +0800
Content-Type: text/plain; charset=utf-8

收到，我们下周可以开会。
"""


@tagged("crm_full_lifecycle")
class TestLifecycleLeadEvents(CrmFullCommon):
    """Regression (issue 14): a customer's e-mail reply did not make the customer engaged,
    and converting a lead to an opportunity did not move it to "opportunity" (only
    follow-ups and leads created as opportunities did)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contact.email = "zhangwei@hz-test.example.com"

    def _lead(self, **vals):
        return (
            self.env["crm.lead"]
            .with_user(self.user_sales)
            .create({"name": "官网咨询", "type": "lead", "partner_id": self.contact.id, **vals})
        )

    def _codes(self):
        return self.company_partner.lifecycle_history_ids.sorted("id").mapped("new_stage_id.code")

    def test_customer_email_reply_engages(self):
        lead = self._lead()
        self.assertEqual(self.company_partner.lifecycle_stage_id.code, "reached")
        lead.message_post(
            body="我们内部先讨论一下。",
            author_id=self.contact.id,
            message_type="email",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertEqual(self.company_partner.lifecycle_stage_id.code, "engaged")
        move = self.company_partner.lifecycle_history_ids.sorted("id")[-1]
        self.assertEqual(move.cause, lead)

    def test_our_own_email_or_note_does_not_engage(self):
        lead = self._lead()
        lead.with_user(self.user_sales).message_post(
            body="已发送报价", message_type="email", subtype_xmlid="mail.mt_comment"
        )
        lead.message_post(body="内部备注", author_id=self.contact.id, message_type="comment")
        self.assertEqual(self._codes(), ["reached"])

    def test_mail_gateway_reply_engages_but_the_first_inquiry_does_not(self):
        Thread = self.env["mail.thread"]
        lead_id = Thread.message_process("crm.lead", NEW_LEAD_MAIL, custom_values={"type": "lead"})
        lead = self.env["crm.lead"].browse(lead_id)
        self.assertEqual(lead.partner_id, self.contact)
        self.assertEqual(
            self._codes(), ["reached"], "the inquiry creating the lead is a first touch"
        )
        self.assertEqual(
            Thread.message_process(
                "crm.lead", REPLY_MAIL.format(parent="<first-inquiry-14@hz-test.example.com>")
            ),
            lead.id,
        )
        self.assertEqual(self._codes(), ["reached", "engaged"])

    @users("cf_sales")
    def test_convert_wizard_moves_to_opportunity(self):
        lead = self._lead().with_env(self.env)
        wizard = Form(
            self.env["crm.lead2opportunity.partner"].with_context(
                active_model="crm.lead", active_id=lead.id, active_ids=lead.ids
            )
        )
        wizard.name = "convert"
        wizard.action = "exist"
        wizard.partner_id = self.contact
        wizard.save().action_apply()
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(self.company_partner.sudo().lifecycle_stage_id.code, "opportunity")
        self.assertEqual(self.company_partner.sudo().lifecycle_history_ids[:1].cause, lead)

    def test_convert_opportunity_and_type_change_move_to_opportunity(self):
        lead = self._lead()
        lead.convert_opportunity(self.contact)
        self.assertEqual(self._codes(), ["reached", "opportunity"])
        other = self.env["res.partner"].create({"name": "宁波测试有限公司", "is_company": True})
        second = self.env["crm.lead"].create(
            {"name": "展会", "type": "lead", "partner_id": other.id}
        )
        second.type = "opportunity"
        self.assertEqual(other.lifecycle_stage_id.code, "opportunity")

    def test_customer_given_later_moves_by_the_lead_type(self):
        opportunity = self.env["crm.lead"].create({"name": "电话商机", "type": "opportunity"})
        opportunity.partner_id = self.contact
        self.assertEqual(self._codes(), ["opportunity"])
