# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo.tests import freeze_time, tagged

from .test_customer_health import HealthCommon


@tagged("post_install", "-at_install", "customer_360", "customer_360_health")
class TestHealthDropReason(HealthCommon):
    """Issue 14: the 360 header showed the score, not why it fell."""

    def _at(self, day, partner):
        with freeze_time(datetime(2026, 3, 2, 6, 0) + timedelta(days=day)):  # a Monday
            partner._health_recompute()

    def test_names_the_measures_that_lost_most(self):
        partner = self._customer("Falling Star Ltd", health_csm_sentiment="good")
        self._at(0, partner)  # 7000 / 70 = 100
        self.assertFalse(partner.health_drop_reason, "one snapshot: nothing to compare")
        # tickets 0 → 8 weighted: 20 x 100 points lost; sentiment good → neutral: 30 x 50
        self._ticket(partner, "3") | self._ticket(partner, "3")
        partner.health_csm_sentiment = "neutral"
        self._at(7, partner)
        self.assertEqual(partner.health_score, 50)
        self.assertEqual(
            partner.health_drop_reason,
            "Down 50 points since 03/02/2026: Open tickets 0 → 8, CSM sentiment 3 → 2",
        )
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["customer_360"], ["zh_CN"], overwrite=True)
        self.env["customer.health.component"].search(
            [("model_id", "=", self.model.id), ("metric", "=", "open_tickets_weighted")]
        ).with_context(lang="zh_CN").name = "未结工单"
        text = partner.with_context(lang="zh_CN").health_drop_reason
        self.assertTrue(text.startswith("较 2026") and "下降 50 分：" in text, text)
        self.assertIn("未结工单 0 → 8", text)

    def test_no_reason_when_the_score_holds_or_rises(self):
        partner = self._customer("Steady GmbH", health_csm_sentiment="neutral")
        self._at(0, partner)
        partner.health_csm_sentiment = "good"
        self._at(7, partner)
        self.assertFalse(partner.health_drop_reason)
        other = self._customer("Other GmbH", health_csm_sentiment="good")
        self._at(7, other)
        self.assertFalse((partner | other).mapped("health_drop_reason")[1])
