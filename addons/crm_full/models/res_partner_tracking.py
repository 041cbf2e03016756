# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    """Changes of who owns a customer and how to reach it show in its chatter.

    mail already tracks the salesperson (user_id), phone and e-mail, and crm_full the
    lifecycle stage (moved by hand through the manager's wizard); the credit code
    (统一社会信用代码, kept in company_registry) and the mobile are added here.
    """

    _inherit = "res.partner"

    company_registry = fields.Char(tracking=6)
    mobile = fields.Char(tracking=3)
