# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import time

from odoo.tests import tagged

from .common import DingTalkFakeServerCommon

_logger = logging.getLogger(__name__)

ROBOT_MESSAGES, WORK_NOTICES, ROBOTS = 1000, 1000, 100  # 10 a robot: under its 20 a minute


@tagged("post_install", "-at_install", "dingtalk_fault")
class TestDingtalkFaults(DingTalkFakeServerCommon):
    def test_two_thousand_messages_through_faults(self):
        """20 % of calls fail at random and the token expires twice: nothing lost, nothing doubled."""
        fake = self.fake
        for index in range(ROBOTS):
            fake.robot_secrets[f"bot{index}"] = f"SECbot{index}"
        robots = self.env["dingtalk.robot"].create(
            [
                {
                    "name": f"Group {index}",
                    "webhook_url": f"https://oapi.dingtalk.com/robot/send?access_token=bot{index}",
                    "secret": f"SECbot{index}",
                }
                for index in range(ROBOTS)
            ]
        )
        for index in range(max(ROBOT_MESSAGES, WORK_NOTICES)):  # interleaved, as in real life
            if index < ROBOT_MESSAGES:
                robot = robots[index % ROBOTS]
                self.Message._enqueue_robot(robot, self._text(f"告警 #{index}"), f"robot-{index}")
            if index < WORK_NOTICES:
                text = self._text(f"工单 #{index}")
                self.Message._enqueue_work_notice(self.company, [f"user{index}"], text)
        fake.fail_rate = 0.2
        fake.expire_tokens_at_calls = {700, 1900}
        start = time.perf_counter()
        self._drain()
        elapsed = time.perf_counter() - start

        messages = self.Message.search([])
        self.assertEqual(set(messages.mapped("state")), {"sent"})
        self.assertEqual(len(messages), ROBOT_MESSAGES + WORK_NOTICES)
        self.assertEqual(
            sorted(fake.robot_messages), sorted(f"robot-{i}" for i in range(ROBOT_MESSAGES))
        )
        self.assertEqual(fake.robot_duplicates, 0)
        delivered = fake.delivered_userids()
        self.assertEqual(len(delivered), WORK_NOTICES)
        self.assertEqual(set(delivered.values()), {1}, "each work notice exactly once")
        self.assertGreaterEqual(
            fake.token_fetches,
            3,
            f"two expiries, two refreshes: {fake.calls} {fake.expiries} {fake.token_rejections}",
        )
        calls = sum(fake.calls.values())
        retried = sum(messages.mapped("attempt_count")) - len(messages)
        _logger.info(
            "fault run: %s messages sent exactly once in %.1f s; %s HTTP calls, %s retries, "
            "%s token fetches, max %s attempts on one message",
            len(messages),
            elapsed,
            calls,
            retried,
            fake.token_fetches,
            max(messages.mapped("attempt_count")),
        )
