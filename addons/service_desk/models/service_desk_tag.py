# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from random import randint

from odoo import fields, models


class ServiceDeskTag(models.Model):
    """Free labels on tickets (e.g. 硬件, 远程处理), for filters and reports."""

    _name = "service.desk.tag"
    _description = "Service Desk Tag"
    _order = "name"

    def _default_color(self):
        return randint(1, 11)

    name = fields.Char(required=True, translate=True)
    color = fields.Integer(default=_default_color)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_uniq", "unique (name)", "A tag with this name already exists."),
    ]


class ServiceDeskTicket(models.Model):
    _inherit = "service.desk.ticket"

    # named: the ticket report (a view with the ticket's ids) reads the same table
    tag_ids = fields.Many2many(
        "service.desk.tag", "service_desk_ticket_tag_rel", "ticket_id", "tag_id", string="Tags"
    )
