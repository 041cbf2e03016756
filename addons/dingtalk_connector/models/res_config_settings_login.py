# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dingtalk_login_h5 = fields.Boolean(
        related="company_id.dingtalk_login_h5", readonly=False, groups="base.group_system"
    )
    dingtalk_login_scan = fields.Boolean(
        related="company_id.dingtalk_login_scan", readonly=False, groups="base.group_system"
    )
    dingtalk_login_password_off = fields.Boolean(
        related="company_id.dingtalk_login_password_off",
        readonly=False,
        groups="base.group_system",
    )
    dingtalk_h5_home_url = fields.Char(
        "DingTalk app home page", compute="_compute_dingtalk_login_urls"
    )
    dingtalk_login_redirect_url = fields.Char(
        "DingTalk login redirect URL", compute="_compute_dingtalk_login_urls"
    )

    def _compute_dingtalk_login_urls(self):
        for settings in self:
            company = settings.company_id
            settings.dingtalk_h5_home_url = company._dingtalk_h5_url()
            settings.dingtalk_login_redirect_url = company._dingtalk_oauth_redirect_uri()
