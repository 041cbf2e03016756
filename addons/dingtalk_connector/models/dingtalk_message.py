# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import random
import threading
import uuid
from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import api, fields, models, tools
from odoo.exceptions import UserError

from ..tools.exceptions import CONFIG, RETRY_KINDS, TOKEN, DingTalkError

_logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8  # then dead-letter: 30 s doubling gives up after about an hour
BACKOFF_BASE, BACKOFF_CAP = 30, 6 * 3600  # seconds
ROBOT_PER_MINUTE = 19  # DingTalk blocks a robot for 10 minutes past 20 a minute
WORK_NOTICE_BATCH = 100  # asyncsend_v2 takes at most 100 user ids per call
# The outbox is the system's: what is sent, to whom, and how delivery went. Managers
# retry or cancel through the actions, never by writing these (dingtalk.system.fields.mixin).
MESSAGE_SYSTEM_FIELDS = {
    "state",
    "attempt_count",
    "next_attempt_at",
    "sent_at",
    "last_error",
    "last_error_kind",
    "task_id",
    "payload",
    "userids",
    "robot_id",
    "channel",
    "dedupe_key",
    "company_id",
    "res_model",
    "res_id",
}


class DingtalkMessage(models.Model):
    """Durable outbox: every send is a row queued in the caller's transaction.

    Nothing leaves Odoo before that transaction commits; a cron triggered
    by the commit delivers rows one by one, committing each, retrying
    transient failures with backoff and parking the rest with a reason.
    """

    _name = "dingtalk.message"
    _inherit = ["dingtalk.system.fields.mixin"]
    _description = "DingTalk Message"
    _order = "id desc"

    name = fields.Char(string="Summary", required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    channel = fields.Selection(
        [("robot", "Group robot"), ("work_notice", "Work notification")], required=True
    )
    robot_id = fields.Many2one("dingtalk.robot", ondelete="cascade", index="btree_not_null")
    userids = fields.Char(
        string="DingTalk User IDs", help="Comma-separated recipients of a work notification."
    )
    payload = fields.Json(required=True)
    dedupe_key = fields.Char(
        required=True,
        copy=False,
        default=lambda self: uuid.uuid4().hex,
        help="Queuing the same key twice sends once.",
    )
    state = fields.Selection(
        [("queued", "Queued"), ("sent", "Sent"), ("failed", "Failed"), ("cancelled", "Cancelled")],
        default="queued",
        required=True,
        index=True,
    )
    attempt_count = fields.Integer(readonly=True)
    next_attempt_at = fields.Datetime(default=fields.Datetime.now, index=True)
    sent_at = fields.Datetime(readonly=True)
    last_error = fields.Char(readonly=True)
    last_error_kind = fields.Char(readonly=True)
    task_id = fields.Char(string="DingTalk Task ID", readonly=True)
    res_model = fields.Char("Related Model")
    res_id = fields.Many2oneReference("Related Record", model_field="res_model")

    _sql_constraints = [
        ("dedupe_uniq", "unique(company_id, dedupe_key)", "This message is already queued."),
    ]

    def init(self):
        # The claim walks queued rows only: sent ones pile up and must not slow it down.
        tools.create_index(
            self.env.cr,
            "dingtalk_message_due_idx",
            self._table,
            ["next_attempt_at", "id"],
            where="state = 'queued'",
        )

    # ------------------------------------------------------------
    # QUEUEING
    # ------------------------------------------------------------
    @api.model
    def _enqueue_robot(self, robot, payload, dedupe_key=None, record=None):
        """Queue ``payload`` (a robot message body: text, markdown, actionCard…) for ``robot``."""
        text = (
            payload.get("text", {}).get("content") or payload.get("markdown", {}).get("title") or ""
        )
        return self._enqueue(
            [
                {
                    "name": (text or payload.get("msgtype", ""))[:120],
                    "company_id": robot.company_id.id,
                    "channel": "robot",
                    "robot_id": robot.id,
                    "payload": payload,
                    **self._record_vals(record),
                    **({"dedupe_key": dedupe_key} if dedupe_key else {}),
                }
            ]
        )

    @api.model
    def _enqueue_work_notice(self, company, userids, msg, dedupe_key=None, record=None):
        """Queue a work notification ``msg`` (asyncsend_v2 ``msg``) to DingTalk user ids."""
        vals_list = self._prepare_work_notice_vals(company, userids, msg, dedupe_key, record)
        return self._enqueue(vals_list) if vals_list else self.browse()

    @api.model
    def _prepare_work_notice_vals(self, company, userids, msg, dedupe_key=None, record=None):
        """Rows for one notice, at most 100 recipients each; batch callers pass
        the rows of many notices to ``_enqueue`` at once."""
        recipients = list(dict.fromkeys(userid for userid in userids if userid))
        if not recipients:
            return []
        chunks = [
            recipients[i : i + WORK_NOTICE_BATCH]
            for i in range(0, len(recipients), WORK_NOTICE_BATCH)
        ]
        title = (
            msg.get(msg.get("msgtype"), {}).get("title") or msg.get("text", {}).get("content") or ""
        )
        return [
            {
                "name": (title or msg.get("msgtype", ""))[:120],
                "company_id": company.id,
                "channel": "work_notice",
                "userids": ",".join(chunk),
                "payload": msg,
                **self._record_vals(record),
                **({"dedupe_key": f"{dedupe_key}#{index}"} if dedupe_key else {}),
            }
            for index, chunk in enumerate(chunks)
        ]

    @api.model
    def _record_vals(self, record):
        return {"res_model": record._name, "res_id": record.id} if record else {}

    @api.model
    def _enqueue(self, vals_list):
        """Create the rows whose dedupe key is new and wake the sender after commit."""
        keys = [vals["dedupe_key"] for vals in vals_list if vals.get("dedupe_key")]
        known = set()
        if keys:
            self.env.cr.execute(
                "SELECT company_id, dedupe_key FROM dingtalk_message WHERE dedupe_key IN %s",
                [tuple(keys)],
            )
            known = set(self.env.cr.fetchall())
        fresh = []
        for vals in vals_list:
            key = (vals["company_id"], vals.get("dedupe_key"))
            if key not in known:
                fresh.append(vals)
                if key[1]:
                    known.add(key)  # twice in one batch is queued once too
        if not fresh:
            return self.browse()
        try:
            with self.env.cr.savepoint():
                messages = self.sudo().create(fresh)
                messages.flush_recordset()
        except IntegrityError:
            # A concurrent transaction queued the same key first: it will be sent once.
            return self.browse()
        self.env.ref("dingtalk_connector.ir_cron_dingtalk_send")._trigger()
        return messages

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------
    def _get_system_fields(self):
        return super()._get_system_fields() | MESSAGE_SYSTEM_FIELDS

    def action_retry(self):
        self.check_access("write")
        # sudo: the outbox state is the system's; the manager only asks for another try
        self.sudo().filtered(lambda message: message.state in ("failed", "cancelled")).write(
            {
                "state": "queued",
                "attempt_count": 0,
                "next_attempt_at": fields.Datetime.now(),
                "last_error": False,
            }
        )
        self.env.ref("dingtalk_connector.ir_cron_dingtalk_send")._trigger()

    def action_cancel(self):
        if any(message.state == "sent" for message in self):
            raise UserError(self.env._("A message already sent cannot be cancelled."))
        self.check_access("write")
        self.sudo().write({"state": "cancelled"})

    # ------------------------------------------------------------
    # DELIVERY
    # ------------------------------------------------------------
    @api.model
    def _cron_send(self, batch_size=200):
        """Deliver due messages, claiming and committing one row at a time.

        One row per claim keeps ``FOR UPDATE SKIP LOCKED`` meaningful across
        the per-row commits: two workers never hold the same row. The claim
        returns the row's values and each company's client is built once per
        run, so a message costs a claim, an update and a commit.
        """
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        senders = {}
        done = 0
        while done < batch_size:
            row = self._claim_next()
            if not row:
                break
            self.browse(row["id"])._deliver(row, senders)
            done += 1
            if auto_commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit  # the row is final, see docstring
        remaining = self.search_count(self._due_domain())
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        self._schedule_next_wake()
        return done

    @api.model
    def _due_domain(self):
        return [("state", "=", "queued"), ("next_attempt_at", "<=", fields.Datetime.now())]

    @api.model
    def _claim_next(self):
        """Lock the next due row and return the values delivery needs, or None."""
        self.flush_model()  # the claim reads states in SQL, including this run's
        self.env.cr.execute(
            """
            SELECT id, company_id, channel, robot_id, userids, payload, dedupe_key,
                   COALESCE(attempt_count, 0) AS attempt_count
              FROM dingtalk_message
             WHERE state = 'queued' AND next_attempt_at <= %s
             ORDER BY next_attempt_at, id
             LIMIT 1
             FOR UPDATE SKIP LOCKED
            """,
            [fields.Datetime.now()],
        )
        return self.env.cr.dictfetchone()

    @api.model
    def _schedule_next_wake(self):
        later = self.search([("state", "=", "queued")], order="next_attempt_at", limit=1)
        if later:
            self.env.ref("dingtalk_connector.ir_cron_dingtalk_send")._trigger(
                at=later.next_attempt_at
            )

    def _deliver(self, row, senders):
        """Send the claimed ``row`` (values of ``self``) and record the outcome."""
        self.ensure_one()
        try:
            if row["channel"] == "robot":
                postponed_to = self._robot_throttle(row["robot_id"])
                if postponed_to:
                    self.next_attempt_at = postponed_to
                    return
                robot = self.env["dingtalk.robot"].browse(row["robot_id"])
                robot._send_payload({**row["payload"], "msgUuid": row["dedupe_key"]})
                reply = {}
            else:
                reply = self._send_work_notice(row, senders)
        except DingTalkError as error:
            self._record_failure(error, row["attempt_count"])
        else:
            self._mark_sent(row["attempt_count"] + 1, reply.get("task_id"))

    def _mark_sent(self, attempts, task_id):
        # The hot path of every delivery: one UPDATE, no ORM write machinery
        # (no computed field, tracking or rule depends on these columns).
        self.env.cr.execute(
            """
            UPDATE dingtalk_message
               SET state = 'sent', sent_at = %(now)s, attempt_count = %(attempts)s,
                   task_id = %(task_id)s, last_error = NULL, last_error_kind = NULL,
                   write_date = %(now)s, write_uid = %(uid)s
             WHERE id = %(id)s
            """,
            {
                "now": fields.Datetime.now(),
                "attempts": attempts,
                "task_id": task_id and str(task_id),
                "uid": self.env.uid,
                "id": self.id,
            },
        )
        self.invalidate_recordset()

    def _send_work_notice(self, row, senders):
        if row["company_id"] not in senders:
            company = self.env["res.company"].sudo().browse(row["company_id"])
            senders[company.id] = (company, company._dingtalk_client(), company.dingtalk_agent_id)
        company, client, agent_id = senders[row["company_id"]]
        if not agent_id:
            raise DingTalkError(
                CONFIG, self.env._("The DingTalk agent ID of %s is not set.", company.name)
            )
        body = {"agent_id": agent_id, "userid_list": row["userids"], "msg": row["payload"]}
        return company._dingtalk_call(
            "oapi", "/topapi/message/corpconversation/asyncsend_v2", body=body, client=client
        )

    def _robot_throttle(self, robot_id):
        """Next free slot when the robot already sent its quota in the last minute."""
        minute_ago = fields.Datetime.now() - timedelta(minutes=1)
        self.env.cr.execute(
            """
            SELECT count(*), min(sent_at) FROM dingtalk_message
             WHERE robot_id = %s AND state = 'sent' AND sent_at > %s
            """,
            [robot_id, minute_ago],
        )
        count, oldest = self.env.cr.fetchone()
        if count >= ROBOT_PER_MINUTE:
            return oldest + timedelta(minutes=1)
        return None

    def _record_failure(self, error, previous_attempts):
        attempts = previous_attempts + 1
        # A token refused again right after a refresh means wrong credentials.
        kind = CONFIG if error.kind == TOKEN else error.kind
        vals = {
            "attempt_count": attempts,
            "last_error": str(error.message)[:250],
            "last_error_kind": kind,
        }
        if kind in RETRY_KINDS and attempts < MAX_ATTEMPTS:
            delay = min(BACKOFF_BASE * 2 ** (attempts - 1), BACKOFF_CAP)
            delay = max(
                delay * random.uniform(0.8, 1.2), error.retry_after or 0
            )  # jitter spreads retries
            vals["next_attempt_at"] = fields.Datetime.now() + timedelta(seconds=delay)
        else:
            vals["state"] = "failed"
            _logger.info("DingTalk message %s failed for good: %s", self.id, error)
        self.sudo().write(vals)
