# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    export_daily_threshold = fields.Integer(
        related="company_id.export_daily_threshold", readonly=False
    )
    activity_untouched_days = fields.Integer(
        related="company_id.activity_untouched_days", readonly=False
    )
