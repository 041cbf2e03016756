# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ServiceDeskTicket(models.Model):
    _inherit = "service.desk.ticket"

    # The order an implementation ticket was handed over from (sale_order_implementation.py);
    # agents read no orders, so only sales roles see the link.
    sale_order_id = fields.Many2one(
        "sale.order",
        "Sales Order",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="sales_team.group_sale_salesman",
    )

    def _get_system_fields(self):
        return super()._get_system_fields() | {"sale_order_id"}

    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        # After-sales service is a lifecycle step: the first ticket of a
        # customer moves it forward (never backward) to "service".
        self.env["res.partner"]._lifecycle_advance_records("service", tickets)
        return tickets
