# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmPoolLog(models.Model):
    _inherit = "crm.pool.log"

    action = fields.Selection(
        selection_add=[("assign", "Assigned by rule"), ("handout", "Handed out by a manager")],
        ondelete={"assign": "cascade", "handout": "cascade"},
    )
