# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        # First customer invoice: the order is delivered as far as the journey goes.
        invoices = posted.filtered(lambda move: move.move_type == "out_invoice")
        self.env["res.partner"]._lifecycle_advance_records("delivery", invoices)
        return posted
