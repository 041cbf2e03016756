# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from urllib.parse import parse_qs, urlsplit

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged, users

from odoo.addons.base.tests.common import BaseCommon

from ..tools.robot_sign import robot_sign

# Worked example of the DingTalk signing documentation (see shared reference A.4).
DOC_TIMESTAMP = 1700000000000
DOC_SECRET = "SECb6c5f7b8d0e1c2a3f4e5d6c7b8a9f0e1d2c3b4a5968778695a4b3c2d1e0f9a8b7"
DOC_SIGN = "N6CUZ5LeajG+Kt5TVwdZgM5Fql5W4HT5iq/k3iQs5Cc="
DOC_SIGN_IN_URL = "N6CUZ5LeajG%2BKt5TVwdZgM5Fql5W4HT5iq%2Fk3iQs5Cc%3D"


@tagged("dingtalk_robot")
class TestDingtalkRobot(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        new_test_user(cls.env, "dt_user", groups="dingtalk_connector.dingtalk_connector_group_user")
        cls.robot = cls.env["dingtalk.robot"].create(
            {
                "name": "Support group",
                "webhook_url": "https://oapi.dingtalk.com/robot/send?access_token=abc123",
                "secret": DOC_SECRET,
            }
        )

    def test_sign_matches_documented_example(self):
        self.assertEqual(robot_sign(DOC_SECRET, DOC_TIMESTAMP), DOC_SIGN)

    def test_signed_url_encodes_the_sign_exactly_once(self):
        url = self.robot._signed_webhook_url(DOC_TIMESTAMP)
        self.assertIn(f"sign={DOC_SIGN_IN_URL}", url)
        query = parse_qs(urlsplit(url).query)
        self.assertEqual(query["access_token"], ["abc123"])
        self.assertEqual(query["timestamp"], [str(DOC_TIMESTAMP)])
        self.assertEqual(query["sign"], [DOC_SIGN])

    def test_unsigned_robot_keeps_its_webhook(self):
        self.robot.secret = False
        self.assertEqual(self.robot._signed_webhook_url(), self.robot.webhook_url)

    def test_keyword_is_added_once(self):
        self.robot.keyword = "告警"
        self.assertEqual(self.robot._with_keyword("SLA 超时"), "SLA 超时\n告警")
        self.assertEqual(self.robot._with_keyword("告警: SLA 超时"), "告警: SLA 超时")

    def test_webhook_must_carry_its_token(self):
        with self.assertRaises(ValidationError):
            self.robot.webhook_url = "http://oapi.dingtalk.com/robot/send"

    def test_secrets_are_not_copied(self):
        copy = self.robot.copy(
            {"webhook_url": "https://oapi.dingtalk.com/robot/send?access_token=x"}
        )
        self.assertFalse(copy.secret)

    @users("dt_user")
    def test_user_cannot_read_the_secret(self):
        robot = self.robot.with_env(self.env)
        self.assertEqual(robot.name, "Support group")
        with self.assertRaises(AccessError):
            robot.secret  # noqa: B018
