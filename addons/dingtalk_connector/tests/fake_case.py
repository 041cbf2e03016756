# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase

from .fake_dingtalk import FakeDingTalk


class DingtalkFakeCase(TransactionCase):
    """A fresh fake DingTalk per test, with the company and both base URLs pointing at it."""

    @classmethod
    def _request_handler(cls, s, r, /, **kw):
        # Odoo's guard compares the timeout with a number; the client passes (connect, read).
        if isinstance(kw.get("timeout"), tuple):
            kw["timeout"] = max(kw["timeout"])
        return super()._request_handler(s, r, **kw)

    def setUp(self):
        super().setUp()
        self.fake = FakeDingTalk().start()
        self.addCleanup(self.fake.stop)
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("dingtalk_connector.oapi_base_url", self.fake.url)
        params.set_param("dingtalk_connector.api_base_url", self.fake.url)
        self.company = self.env.company
        # The token cache outlives a test's rollback; the fake of another test issued it.
        self.env["dingtalk.token"]._forget(self.company)
        self.addCleanup(self.env["dingtalk.token"]._forget, self.company)
        self.company.sudo().write(
            {
                "dingtalk_app_key": self.fake.app_key,
                "dingtalk_app_secret": self.fake.app_secret,
                "dingtalk_agent_id": self.fake.agent_id,
            }
        )

    def _send_all(self):
        """Deliver everything due, one row per cron run.

        A run claims rows with SQL that does not see its own unflushed writes,
        so within one test transaction only the first claim is reliable.
        """
        while self.env["dingtalk.message"]._cron_send(batch_size=1):
            pass
