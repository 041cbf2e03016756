# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ServiceDeskTicket(models.Model):
    _inherit = "service.desk.ticket"

    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        # After-sales service is a lifecycle step: the first ticket of a
        # customer moves it forward (never backward) to "service".
        self.env["res.partner"]._lifecycle_advance_records("service", tickets)
        return tickets
