# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from urllib.parse import urlsplit

from odoo import api, fields, models

# Hosts DingTalk's servers can never reach.
LOCAL_HOSTS = ("localhost", "0.0.0.0", "::1", "[::1]")


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
        "DingTalk callback URL",
        compute="_compute_dingtalk_callback_url",
        groups="base.group_system",
    )
    dingtalk_callback_url_warning = fields.Char(
        compute="_compute_dingtalk_callback_url", groups="base.group_system"
    )

    @api.depends("company_id")
    def _compute_dingtalk_callback_url(self):
        for settings in self:
            base = settings.company_id.get_base_url()
            settings.dingtalk_callback_url = f"{base}/dingtalk/event/{settings.company_id.id}"
            settings.dingtalk_callback_url_warning = self._dingtalk_callback_url_problem(base)

    @api.model
    def _dingtalk_callback_url_problem(self, base_url):
        """What keeps DingTalk from pushing events to ``base_url``, or False."""
        url = urlsplit(base_url or "")
        host = (url.hostname or "").lower()
        if host in LOCAL_HOSTS or host.startswith("127.") or host.endswith(".localhost"):
            return self.env._(
                "This address (%(host)s) is this machine only: DingTalk cannot reach it. Set "
                "the system parameter web.base.url to the public https address of Odoo.",
                host=host or base_url,
            )
        if url.scheme != "https":
            return self.env._(
                "DingTalk pushes events to https addresses only: set the system parameter "
                "web.base.url to the https address of Odoo."
            )
        return False

    def action_dingtalk_test_connection(self):
        """Test the values on screen: key and secret are saved with this settings record
        (the button saves it first), the API hosts are only applied by "Save"."""
        self.ensure_one()
        client = self.company_id._dingtalk_client(
            oapi_base=self.dingtalk_oapi_base_url, api_base=self.dingtalk_api_base_url
        )
        return self.company_id._dingtalk_test_connection(client)

    def action_dingtalk_regenerate_callback_keys(self):
        """New token and AES key, to paste into DingTalk's event subscription together."""
        self.ensure_one()
        self.company_id.sudo()._dingtalk_regenerate_callback_keys()
        return {"type": "ir.actions.client", "tag": "reload"}

    def action_open_dingtalk_user_sync(self):
        return self.env["ir.actions.actions"]._for_xml_id(
            "dingtalk_connector.dingtalk_user_sync_action"
        )
