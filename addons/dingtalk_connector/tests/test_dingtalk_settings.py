# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import DingTalkFakeServerCommon


@tagged("dingtalk_settings")
class TestDingtalkSettings(DingTalkFakeServerCommon):
    def _test_connection(self):
        action = self.company.action_dingtalk_test_connection()
        self.assertEqual(action["tag"], "display_notification")
        return action["params"]["type"], action["params"]["message"]

    def test_connection_ok(self):
        kind, message = self._test_connection()
        self.assertEqual(kind, "success")
        self.assertIn("Connected to DingTalk", message)
        self.assertEqual(self.fake.token_fetches, 1)

    def test_wrong_secret(self):
        self.company.sudo().dingtalk_app_secret = "not-the-secret"
        kind, message = self._test_connection()
        self.assertEqual(kind, "danger")
        self.assertIn("rejected the app key or app secret", message)

    def test_missing_secret(self):
        self.company.sudo().dingtalk_app_secret = False
        kind, message = self._test_connection()
        self.assertEqual(kind, "danger")
        self.assertIn("app key and app secret", message)

    def test_unreachable_host(self):
        self.fake.stop()
        kind, message = self._test_connection()
        self.assertEqual(kind, "danger")
        self.assertIn("Cannot reach DingTalk", message)
        self.assertIn(self.fake.url, message)

    def test_missing_agent_id(self):
        self.company.sudo().dingtalk_agent_id = False
        kind, message = self._test_connection()
        self.assertEqual(kind, "warning")
        self.assertIn("agent ID is missing", message)

    def test_ip_not_whitelisted(self):
        self.fake.ip_not_whitelisted = True
        kind, message = self._test_connection()
        self.assertEqual(kind, "danger")
        self.assertIn("IP whitelist", message)
        self.assertIn("203.0.113.7", message)

    def test_quota_used_up(self):
        self.fake.quota_exceeded = True
        kind, message = self._test_connection()
        self.assertEqual(kind, "danger")
        self.assertIn("quota is used up", message)

    def test_settings_write_through(self):
        settings = self.env["res.config.settings"].create(
            {
                "dingtalk_agent_id": "777",
                "dingtalk_oapi_base_url": "https://staging.example.com",
            }
        )
        settings.execute()
        self.assertEqual(self.company.sudo().dingtalk_agent_id, "777")
        param = self.env["ir.config_parameter"].sudo().get_param("dingtalk_connector.oapi_base_url")
        self.assertEqual(param, "https://staging.example.com")

    def test_settings_are_system_only(self):
        manager = new_test_user(
            self.env,
            "dt_settings_manager",
            groups="base.group_erp_manager,dingtalk_connector.dingtalk_connector_group_manager",
        )
        settings_model = self.env["res.config.settings"].with_user(manager)
        self.assertNotIn("dingtalk_app_secret", settings_model.fields_get())
        settings = self.env["res.config.settings"].create({})
        with self.assertRaises(AccessError):
            settings.with_user(manager).read(["dingtalk_app_secret"])
        company = self.company.with_user(manager)
        with self.assertRaises(AccessError):
            company.read(["dingtalk_app_key"])
        with self.assertRaises(AccessError):
            company.write({"dingtalk_app_secret": "stolen"})
        for fname in ("dingtalk_callback_token", "dingtalk_aes_key", "dingtalk_callback_url"):
            self.assertNotIn(fname, settings_model.fields_get())

    def test_callback_keys_shown_for_copy_not_hidden(self):
        """Issue 14: token and AES key were password fields: the admin could not copy them
        into DingTalk as the README asks."""
        arch = self.env["res.config.settings"].get_views([(False, "form")])["views"]["form"]["arch"]
        for fname in ("dingtalk_callback_token", "dingtalk_aes_key", "dingtalk_callback_url"):
            node = re.search(rf'<field name="{fname}"[^>]*>', arch).group(0)
            self.assertIn('widget="CopyClipboardChar"', node)
            self.assertNotIn("password", node)
        settings = self.env["res.config.settings"].create({})
        token = settings.dingtalk_callback_token
        self.assertEqual(token, self.company.sudo().dingtalk_callback_token)
        settings.action_dingtalk_regenerate_callback_keys()
        self.assertNotEqual(self.company.sudo().dingtalk_callback_token, token)
        self.assertEqual(len(self.company.sudo().dingtalk_aes_key), 43)

    def test_callback_url_warns_when_dingtalk_cannot_reach_it(self):
        params = self.env["ir.config_parameter"].sudo()
        for base, expected in (
            ("http://127.0.0.1:8069", "127.0.0.1"),
            ("http://localhost:8069", "localhost"),
            ("http://odoo.example.com", "https"),
            ("https://odoo.example.com", False),
        ):
            params.set_param("web.base.url", base)
            settings = self.env["res.config.settings"].create({})
            with self.subTest(base=base):
                self.assertEqual(
                    settings.dingtalk_callback_url, f"{base}/dingtalk/event/{self.company.id}"
                )
                warning = settings.dingtalk_callback_url_warning
                if expected:
                    self.assertIn(expected, warning)
                else:
                    self.assertFalse(warning)

    def test_test_connection_uses_the_values_being_edited(self):
        """Issue 14: "Test connection" with unsaved values tested the saved ones."""
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("dingtalk_connector.oapi_base_url", "http://127.0.0.1:9")
        params.set_param("dingtalk_connector.api_base_url", "http://127.0.0.1:9")
        self.company.sudo().dingtalk_app_secret = "old-secret"
        settings = self.env["res.config.settings"].create(
            {
                "dingtalk_app_secret": self.fake.app_secret,
                "dingtalk_oapi_base_url": self.fake.url,
                "dingtalk_api_base_url": self.fake.url,
            }
        )
        action = settings.action_dingtalk_test_connection()
        self.assertEqual(action["params"]["type"], "success", action["params"]["message"])
        self.assertEqual(self.fake.token_fetches, 1)
        # not applied before "Save": the hosts stay as they were
        self.assertEqual(params.get_param("dingtalk_connector.api_base_url"), "http://127.0.0.1:9")
