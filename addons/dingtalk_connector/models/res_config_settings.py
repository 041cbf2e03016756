# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dingtalk_app_key = fields.Char(
        related="company_id.dingtalk_app_key", readonly=False, groups="base.group_system"
    )
    dingtalk_app_secret = fields.Char(
        related="company_id.dingtalk_app_secret", readonly=False, groups="base.group_system"
    )
    dingtalk_agent_id = fields.Char(
        related="company_id.dingtalk_agent_id", readonly=False, groups="base.group_system"
    )
    dingtalk_corp_id = fields.Char(
        related="company_id.dingtalk_corp_id", readonly=False, groups="base.group_system"
    )
    dingtalk_callback_token = fields.Char(
        related="company_id.dingtalk_callback_token", readonly=False, groups="base.group_system"
    )
    dingtalk_aes_key = fields.Char(
        related="company_id.dingtalk_aes_key", readonly=False, groups="base.group_system"
    )
    dingtalk_oapi_base_url = fields.Char(
        "DingTalk oapi base URL",
        config_parameter="dingtalk_connector.oapi_base_url",
        groups="base.group_system",
        help="Old-style API host; point it at a stand-in on staging.",
    )
    dingtalk_api_base_url = fields.Char(
        "DingTalk API base URL",
        config_parameter="dingtalk_connector.api_base_url",
        groups="base.group_system",
        help="New-style (v1.0) API host; point it at a stand-in on staging.",
    )
    dingtalk_callback_url = fields.Char(
        "DingTalk callback URL", compute="_compute_dingtalk_callback_url"
    )

    def _compute_dingtalk_callback_url(self):
        for settings in self:
            base = settings.company_id.get_base_url()
            settings.dingtalk_callback_url = f"{base}/dingtalk/event/{settings.company_id.id}"

    def action_dingtalk_test_connection(self):
        return self.company_id.action_dingtalk_test_connection()

    def action_open_dingtalk_user_sync(self):
        return self.env["ir.actions.actions"]._for_xml_id(
            "dingtalk_connector.dingtalk_user_sync_action"
        )
