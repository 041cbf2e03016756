# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon

from ..models.customer_health_metric import compute_metrics


@tagged("post_install", "-at_install", "customer_360_health")
class TestHealthRenewal(BaseCommon):
    """The renewal metric: renewed good, due in hand or not, lost bad (issue 17)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.renewal_lead_days = 60
        cls.product = cls.env["product.product"].create(
            {"name": "年度运维", "list_price": 1000.0, "taxes_id": [Command.clear()]}
        )

    def _contract(self, name, end, **vals):
        partner = self.env["res.partner"].create({"name": name, "is_company": True})
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "pricelist_id": False,
                "contract_start": date(2026, 1, 1),
                "contract_end": end,
                "order_line": [Command.create({"product_id": self.product.id, "price_unit": 1000})],
                **vals,
            }
        )
        order.action_confirm()
        return partner, order

    def test_renewal_status_values(self):
        now = datetime(2026, 12, 10, 4)
        with freeze_time(now):
            none, _running = self._contract("未到期", date(2027, 6, 30))
            due, _due = self._contract("到期未跟进", date(2026, 12, 31))
            in_hand, in_hand_order = self._contract("到期跟进中", date(2027, 1, 31))
            lost, _lost = self._contract("已流失", date(2026, 12, 5))
            renewed, old = self._contract("已续约", date(2026, 12, 20))
            self.env["sale.order"]._cron_renewal()
            self._contract(
                "续约单", date(2027, 12, 20), partner_id=renewed.id, renewal_of_id=old.id
            )
            _due.renewal_lead_ids.action_set_lost()  # lost opportunities are archived
            partners = none | due | in_hand | lost | renewed
            values = compute_metrics(self.env, ["renewal_status"], partners.ids, now)
        self.assertEqual(in_hand_order.renewal_state, "due")
        self.assertEqual(
            values["renewal_status"],
            {due.id: 0.5, in_hand.id: 0.75, lost.id: 0.0, renewed.id: 1.0},
            "no value for a customer whose contract is not due",
        )
