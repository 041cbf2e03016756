# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.base.tests.common import BaseCommon

from .fake_dingtalk import FakeDingTalk

ROBOT_TOKEN = "robot-token"
ROBOT_SECRET = "SECtest0123456789"


class DingTalkFakeServerCommon(BaseCommon):
    """A company wired to a fake DingTalk on 127.0.0.1, and one signed robot."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fake = FakeDingTalk().start()
        cls.addClassCleanup(cls.fake.stop)
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("dingtalk_connector.oapi_base_url", cls.fake.url)
        params.set_param("dingtalk_connector.api_base_url", cls.fake.url)
        cls.company = cls.env.company
        cls.company.sudo().write(
            {
                "dingtalk_app_key": cls.fake.app_key,
                "dingtalk_app_secret": cls.fake.app_secret,
                "dingtalk_agent_id": cls.fake.agent_id,
            }
        )
        cls.fake.robot_secrets[ROBOT_TOKEN] = ROBOT_SECRET
        cls.robot = cls._new_robot("Support group", ROBOT_TOKEN, ROBOT_SECRET)
        cls.Message = cls.env["dingtalk.message"]

    @classmethod
    def _new_robot(cls, name, token, secret=False):
        return cls.env["dingtalk.robot"].create(
            {
                "name": name,
                "webhook_url": f"https://oapi.dingtalk.com/robot/send?access_token={token}",
                "secret": secret,
            }
        )

    def setUp(self):
        super().setUp()
        self.fake.fail_rate = 0.0
        self.fake.slow_rate = 0.0
        self.fake.quota_exceeded = False
        self.fake.expire_tokens_at_calls = set()
        self.fake.robot_sent_at.clear()
        self.fake.robot_messages.clear()
        self.fake.work_notices.clear()
        self.fake.robot_duplicates = 0

    def _drain(self, max_rounds=50):
        """Run the sender until nothing is queued, as if time passed between runs."""
        for _ in range(max_rounds):
            self.Message._cron_send(batch_size=100_000)
            queued = self.Message.search([("state", "=", "queued")])
            if not queued:
                return
            self.env.cr.execute(
                "UPDATE dingtalk_message SET next_attempt_at = now() at time zone 'utc' - interval '1 second'"
                " WHERE id IN %s",
                [tuple(queued.ids)],
            )
            self.env.invalidate_all()
        raise AssertionError("the outbox never drained")

    @staticmethod
    def _text(content):
        return {"msgtype": "text", "text": {"content": content}}
