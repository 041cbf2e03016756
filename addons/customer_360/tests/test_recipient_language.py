# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Health alerts, the CLV note and RFM labels in the reader's language (issue 14)."""

from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .test_customer_health import HealthCommon


def load_zh(env):
    env["res.lang"]._activate_lang("zh_CN")
    env["ir.module.module"]._load_module_terms(["customer_360"], ["zh_CN"], overwrite=True)


@tagged("post_install", "-at_install", "customer_360", "customer_360_recipient_language")
class TestRecipientLanguage(HealthCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_zh(cls.env)
        cls.owner.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})
        cls.csm.write({"lang": "en_US"})

    def test_health_red_alert_in_each_owner_language(self):
        partner = self._customer("Red AG", health_csm_sentiment="poor")
        self._ticket(partner, "3")
        self._ticket(partner, "3")
        with freeze_time(datetime(2026, 3, 2, 6, 0)):
            partner._health_recompute()
        self.assertEqual(partner.health_state, "red")
        activities = self._care_activities(partner)
        by_user = {a.user_id: a.summary for a in activities}
        self.assertIn("健康度转为红色", by_user[self.owner])
        self.assertIn("Health turned red", by_user[self.csm])

    def test_clv_note_and_rfm_labels_in_reader_language(self):
        partner = self._customer("Value AG")
        partner.clv_status = "insufficient"
        self.assertIn("数据不足", partner.with_context(lang="zh_CN").clv_note)
        self.assertIn("Insufficient data", partner.with_context(lang="en_US").clv_note)
        for model in ("customer.churn.risk", "customer.repurchase.report"):
            labels = dict(
                self.env[model]
                .with_context(lang="zh_CN")
                .fields_get(["rfm_segment"])["rfm_segment"]["selection"]
            )
            self.assertEqual(labels["champions"], "重要价值客户", model)
