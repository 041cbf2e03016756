# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import ROBOT_TOKEN, DingTalkFakeServerCommon


@tagged("dingtalk_outbox")
class TestDingtalkOutbox(DingTalkFakeServerCommon):
    def test_robot_message_is_signed_and_sent_once(self):
        first = self.Message._enqueue_robot(self.robot, self._text("SLA 告警"), dedupe_key="sla-T1")
        again = self.Message._enqueue_robot(self.robot, self._text("SLA 告警"), dedupe_key="sla-T1")
        self.assertTrue(first)
        self.assertFalse(again, "the same dedupe key queues nothing")
        self.Message._cron_send()
        self.assertEqual(first.state, "sent")
        self.assertEqual(
            list(self.fake.robot_messages), ["sla-T1"], "msgUuid carries the dedupe key"
        )
        self.assertEqual(self.fake.robot_messages["sla-T1"]["text"]["content"], "SLA 告警")

    def test_same_key_twice_in_one_batch_is_queued_once(self):
        vals = self.Message._prepare_work_notice_vals(self.company, ["u1"], self._text("x"), "k")
        other = self.Message._prepare_work_notice_vals(self.company, ["u2"], self._text("y"), "k2")
        messages = self.Message._enqueue(vals + vals + other)
        self.assertEqual(sorted(messages.mapped("dedupe_key")), ["k#0", "k2#0"])

    def test_rolled_back_transaction_sends_nothing(self):
        triggers = self.env["ir.cron.trigger"].search_count([])
        with self.assertRaises(ZeroDivisionError), self.env.cr.savepoint():
            self.Message._enqueue_robot(self.robot, self._text("never"), dedupe_key="rolled-back")
            raise ZeroDivisionError
        self.env.invalidate_all()
        self.assertFalse(self.Message.search([("dedupe_key", "=", "rolled-back")]))
        self.assertEqual(self.env["ir.cron.trigger"].search_count([]), triggers)
        self.Message._cron_send()
        self.assertFalse(self.fake.robot_messages)

    def test_queueing_triggers_the_sender(self):
        cron = self.env.ref("dingtalk_connector.ir_cron_dingtalk_send")
        before = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        self.Message._enqueue_robot(self.robot, self._text("hi"))
        self.assertGreater(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]), before
        )

    def test_work_notice_batches_of_one_hundred(self):
        userids = [f"user{i}" for i in range(250)] + ["user0"]
        msg = {"msgtype": "text", "text": {"content": "新线索分配"}}
        messages = self.Message._enqueue_work_notice(
            self.company, userids, msg, dedupe_key="lead-7"
        )
        self.assertEqual(len(messages), 3)
        self.Message._cron_send()
        self.assertEqual(set(messages.mapped("state")), {"sent"})
        self.assertEqual(sorted(len(ids) for ids, _msg in self.fake.work_notices), [50, 100, 100])
        self.assertEqual(set(self.fake.delivered_userids().values()), {1})
        self.assertTrue(all(messages.mapped("task_id")))

    def test_token_cached_then_refreshed_once_on_errcode_88(self):
        msg = {"msgtype": "text", "text": {"content": "x"}}
        first = self.Message._enqueue_work_notice(self.company, ["u1"], msg)
        self.Message._cron_send()
        fetches = self.fake.token_fetches
        self.fake.expire_tokens()
        second = self.Message._enqueue_work_notice(self.company, ["u2"], msg)
        third = self.Message._enqueue_work_notice(self.company, ["u3"], msg)
        self.Message._cron_send()
        self.assertEqual((first | second | third).mapped("state"), ["sent"] * 3)
        self.assertEqual(self.fake.token_fetches, fetches + 1, "one refresh serves the rest")

    def test_wrong_agent_id_fails_at_once_with_the_reason(self):
        self.company.sudo().dingtalk_agent_id = "999"
        message = self.Message._enqueue_work_notice(self.company, ["u1"], self._text("x"))
        self.Message._cron_send()
        self.assertEqual(message.state, "failed")
        self.assertEqual(message.last_error_kind, "config")
        self.assertIn("agentid", message.last_error)
        self.assertEqual(message.attempt_count, 1)

    def test_wrong_app_secret_fails_at_once(self):
        self.company.sudo().dingtalk_app_secret = "wrong"
        self.env["dingtalk.token"].sudo()._forget(self.company)
        self.env.cr.execute("DELETE FROM dingtalk_token")
        message = self.Message._enqueue_work_notice(self.company, ["u1"], self._text("x"))
        self.Message._cron_send()
        self.assertEqual((message.state, message.last_error_kind), ("failed", "config"))

    def test_missing_agent_id_is_a_configuration_error(self):
        self.company.sudo().dingtalk_agent_id = False
        message = self.Message._enqueue_work_notice(self.company, ["u1"], self._text("x"))
        self.Message._cron_send()
        self.assertEqual((message.state, message.last_error_kind), ("failed", "config"))

    def test_transient_errors_back_off_then_dead_letter(self):
        self.fake.fail_rate, self.fake.fail_kinds = 1.0, ("http500",)
        message = self.Message._enqueue_robot(self.robot, self._text("x"))
        self.Message._cron_send()
        self.assertEqual((message.state, message.attempt_count), ("queued", 1))
        self.assertGreater(message.next_attempt_at, fields.Datetime.now() + timedelta(seconds=20))
        self._drain(max_rounds=20)
        self.assertEqual((message.state, message.attempt_count), ("failed", 8))
        self.assertEqual(message.last_error_kind, "retryable")

    def test_html_ban_page_waits_five_minutes(self):
        self.fake.fail_rate, self.fake.fail_kinds = 1.0, ("ban",)
        message = self.Message._enqueue_robot(self.robot, self._text("x"))
        self.Message._cron_send()
        self.assertEqual((message.state, message.last_error_kind), ("queued", "throttle"))
        self.assertGreaterEqual(
            message.next_attempt_at, fields.Datetime.now() + timedelta(seconds=299)
        )

    def test_quota_used_up_is_not_retried(self):
        self.fake.quota_exceeded = True
        message = self.Message._enqueue_work_notice(self.company, ["u1"], self._text("x"))
        self.Message._cron_send()
        self.assertEqual((message.state, message.last_error_kind), ("failed", "quota"))

    def test_robot_stays_under_twenty_a_minute(self):
        messages = self.Message.browse()
        for index in range(25):
            messages |= self.Message._enqueue_robot(self.robot, self._text(f"#{index}"))
        self.Message._cron_send()
        self.assertEqual(messages.mapped("state").count("sent"), 19)
        waiting = messages.filtered(lambda message: message.state == "queued")
        self.assertEqual(len(waiting), 6)
        self.assertTrue(all(message.next_attempt_at > fields.Datetime.now() for message in waiting))
        self.assertEqual(len(self.fake.robot_messages), 19)

    def test_bad_signature_is_a_configuration_error(self):
        robot = self._new_robot("Wrong secret", ROBOT_TOKEN, "SECwrong")
        message = self.Message._enqueue_robot(robot, self._text("x"))
        self.Message._cron_send()
        self.assertEqual((message.state, message.last_error_kind), ("failed", "config"))
        self.assertIn("sign not match", message.last_error)

    def test_retry_and_cancel(self):
        message = self.Message._enqueue_robot(self.robot, self._text("x"))
        message.action_cancel()
        self.Message._cron_send()
        self.assertEqual(message.state, "cancelled")
        self.assertFalse(self.fake.robot_messages)
        message.action_retry()
        self.Message._cron_send()
        self.assertEqual(message.state, "sent")

    def test_queries_per_message_stay_flat(self):
        def queries_for(count):
            for index in range(count):
                self.Message._enqueue_work_notice(
                    self.company, [f"q{count}-{index}"], self._text(f"{index}")
                )
            self.Message._cron_send()  # warm the token and caches
            for index in range(count):
                self.Message._enqueue_work_notice(
                    self.company, [f"r{count}-{index}"], self._text(f"{index}")
                )
            self.env.flush_all()
            start = self.cr.sql_log_count
            self.Message._cron_send()
            return self.cr.sql_log_count - start

        small, large = queries_for(5), queries_for(20)
        per_message = (large - small) / 15
        self.assertLessEqual(per_message, 12)
        self.assertAlmostEqual(small, 5 * per_message + (small - 5 * per_message), delta=0)
        self.assertEqual(
            large - small, 15 * per_message, "a constant number of queries per message"
        )


@tagged("post_install", "-at_install", "dingtalk_outbox_slow")
class TestDingtalkOutboxTimeout(DingTalkFakeServerCommon):
    def test_timeout_then_retry_sends_once(self):
        """A reply slower than the timeout: DingTalk got it, our retry must not count twice."""
        self.env["ir.config_parameter"].sudo().set_param("dingtalk_connector.timeout", "1")
        self.fake.slow_rate, self.fake.slow_seconds = (
            1.0,
            10.5,
        )  # Odoo's tests raise timeouts to 10 s
        message = self.Message._enqueue_robot(self.robot, self._text("慢"), dedupe_key="slow-1")
        self.Message._cron_send()
        self.assertEqual((message.state, message.last_error_kind), ("queued", "retryable"))
        self.fake.slow_rate = 0.0
        self._drain()
        self.assertEqual(message.state, "sent")
        self.assertEqual(list(self.fake.robot_messages), ["slow-1"])
        self.assertEqual(self.fake.robot_duplicates, 1, "the server saw the retry and dropped it")
