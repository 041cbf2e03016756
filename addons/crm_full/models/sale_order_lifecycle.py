# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _action_confirm(self):
        result = super()._action_confirm()
        self._lifecycle_on_confirm()
        return result

    def _lifecycle_on_confirm(self):
        """First confirmed order → customer, second → repeat; the live status revives."""
        Partner = self.env["res.partner"]
        accounts = self.partner_id.commercial_partner_id
        if not accounts:
            return
        self.flush_model(["state", "partner_id"])
        self.env.cr.execute(
            """
            SELECT p.commercial_partner_id, count(*)
              FROM sale_order so
              JOIN res_partner p ON p.id = so.partner_id
             WHERE so.state = 'sale' AND p.commercial_partner_id = ANY(%s)
          GROUP BY p.commercial_partner_id
            """,
            [accounts.ids],
        )
        counts = dict(self.env.cr.fetchall())
        repeat = self.filtered(
            lambda order: counts.get(order.partner_id.commercial_partner_id.id, 0) >= 2
        )
        Partner._lifecycle_advance_records("customer", self - repeat)
        Partner._lifecycle_advance_records("repeat", repeat)
        Partner._lifecycle_orders_confirmed(self)
