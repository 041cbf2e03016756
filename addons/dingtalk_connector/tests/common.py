# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase

from .fake_dingtalk import FakeDingTalk

ROBOT_TOKEN = "robot-token"
ROBOT_SECRET = "SECtest0123456789"


class DingTalkFakeServerCommon(TransactionCase):
    """A fresh fake DingTalk per test, the company wired to it, and one signed robot."""

    def setUp(self):
        super().setUp()
        self.fake = FakeDingTalk().start()
        self.addCleanup(self.fake.stop)
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("dingtalk_connector.oapi_base_url", self.fake.url)
        params.set_param("dingtalk_connector.api_base_url", self.fake.url)
        self.company = self.env.company
        # The process token cache outlives a test's rollback; another test's fake issued it.
        self.env["dingtalk.token"]._forget(self.company)
        self.addCleanup(self.env["dingtalk.token"]._forget, self.company)
        self.company.sudo().write(
            {
                "dingtalk_app_key": self.fake.app_key,
                "dingtalk_app_secret": self.fake.app_secret,
                "dingtalk_agent_id": self.fake.agent_id,
            }
        )
        self.fake.robot_secrets[ROBOT_TOKEN] = ROBOT_SECRET
        self.robot = self._new_robot("Support group", ROBOT_TOKEN, ROBOT_SECRET)
        self.Message = self.env["dingtalk.message"]

    def _new_robot(self, name, token, secret=False):
        return self.env["dingtalk.robot"].create(
            {
                "name": name,
                "webhook_url": f"https://oapi.dingtalk.com/robot/send?access_token={token}",
                "secret": secret,
            }
        )

    def _drain(self, max_rounds=50):
        """Run the sender until nothing is queued, as if time passed between runs."""
        for _ in range(max_rounds):
            self.Message._cron_send(batch_size=100_000)
            queued = self.Message.search([("state", "=", "queued")])
            if not queued:
                return
            self.env.cr.execute(
                "UPDATE dingtalk_message"
                "   SET next_attempt_at = now() at time zone 'utc' - interval '1 second'"
                " WHERE id IN %s",
                [tuple(queued.ids)],
            )
            self.env.invalidate_all()
        raise AssertionError("the outbox never drained")

    @staticmethod
    def _text(content):
        return {"msgtype": "text", "text": {"content": content}}
