# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmPoolLog(models.Model):
    """Who took or gave back which pool lead, when and why: the claim caps count it."""

    _name = "crm.pool.log"
    _description = "Public Pool Log"
    _order = "date desc, id desc"

    lead_id = fields.Many2one("crm.lead", required=True, index=True, ondelete="cascade")
    user_id = fields.Many2one("res.users", required=True, index=True)
    action = fields.Selection(
        [("enter", "Entered the pool"), ("claim", "Claimed"), ("release", "Released")],
        required=True,
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    reason = fields.Char()
    company_id = fields.Many2one(related="lead_id.company_id", store=True)
