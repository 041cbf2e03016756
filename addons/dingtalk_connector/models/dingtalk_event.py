# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import json
import logging

from odoo import api, fields, models

_logger = logging.getLogger(__name__)


class DingtalkEvent(models.Model):
    """An event DingTalk pushed to the callback route, verified and decrypted.

    Stored first and answered at once (DingTalk waits 1.5 s at most), then
    processed by a cron. DingTalk may deliver an event twice: the unique
    (company, event id) makes the second delivery a no-op.
    """

    _name = "dingtalk.event"
    _description = "DingTalk Event"
    _order = "id desc"
    _rec_name = "event_type"

    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    event_id = fields.Char("Event ID", required=True, readonly=True)
    event_type = fields.Char(readonly=True, index=True)
    payload = fields.Json(readonly=True)
    payload_text = fields.Text("Payload (JSON)", compute="_compute_payload_text")
    state = fields.Selection(
        [("received", "Received"), ("done", "Done"), ("error", "Error"), ("ignored", "Ignored")],
        default="received",
        required=True,
        readonly=True,
        index=True,
    )
    error = fields.Text(readonly=True)
    received_at = fields.Datetime(readonly=True)

    _sql_constraints = [
        ("event_uniq", "unique(company_id, event_id)", "DingTalk delivered this event already.")
    ]

    @api.depends("payload")
    def _compute_payload_text(self):
        # The web client has no widget for Json fields: show it as text.
        for event in self:
            event.payload_text = json.dumps(event.payload, ensure_ascii=False, indent=2)

    # ------------------------------------------------------------
    # RECEIVE
    # ------------------------------------------------------------
    @api.model
    def _store(self, company_id, payload, encrypted):
        """Insert the event unless it is already known; return whether it was new.

        Plain SQL with ON CONFLICT: two concurrent deliveries of one event
        must not end in a unique-violation error (DingTalk would retry).
        """
        event_id = payload.get("eventId") or hashlib.sha1(encrypted.encode()).hexdigest()
        event_type = payload.get("EventType") or payload.get("eventType")
        now = fields.Datetime.now()
        self.env.cr.execute(
            """
            INSERT INTO dingtalk_event (company_id, event_id, event_type, payload, state,
                received_at, create_uid, create_date, write_uid, write_date)
            VALUES (%s, %s, %s, %s::jsonb, 'received', %s, %s, %s, %s, %s)
            ON CONFLICT (company_id, event_id) DO NOTHING
            RETURNING id
            """,
            [company_id, str(event_id), event_type, json.dumps(payload), now]
            + [self.env.uid, now] * 2,
        )
        return bool(self.env.cr.fetchone())

    # ------------------------------------------------------------
    # PROCESS
    # ------------------------------------------------------------
    @api.model
    def _cron_process_events(self, batch_size=100):
        # SKIP LOCKED: a manual run and the cron never process one event twice.
        self.env.cr.execute(
            """
            SELECT id FROM dingtalk_event WHERE state = 'received'
            ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED
            """,
            [batch_size],
        )
        events = self.browse([row[0] for row in self.env.cr.fetchall()])
        events._process()
        self.env["ir.cron"]._notify_progress(
            done=len(events), remaining=self.search_count([("state", "=", "received")])
        )

    def _process(self):
        """Process each event on its own: one bad event never blocks the others."""
        handlers = self._get_event_handlers()
        for event in self:
            handler = handlers.get(event.event_type)
            try:
                with self.env.cr.savepoint():
                    state = getattr(event, handler)() if handler else "ignored"
            except Exception as error:  # stored on the event: the batch goes on
                _logger.warning("DingTalk event %s failed", event.id, exc_info=True)
                event.write({"state": "error", "error": str(error)})
            else:
                event.write({"state": state or "done", "error": False})

    @api.model
    def _get_event_handlers(self):
        """{EventType: method name}; a method returns the final state (default done)."""
        return {
            "check_url": "_process_check_url",
            "bpms_instance_change": "_process_bpms_instance_change",
            "user_leave_org": "_process_user_leave_org",
        }

    def _process_check_url(self):
        return "ignored"  # the console's validation ping: the reply was the point

    def _process_bpms_instance_change(self):
        instance_id = (self.payload or {}).get("processInstanceId")
        approvals = instance_id and self.env["dingtalk.approval"].search(
            [("company_id", "=", self.company_id.id), ("instance_id", "=", instance_id)]
        )
        if not approvals:
            return "ignored"  # started in DingTalk, not from Odoo
        approvals._dingtalk_apply_result(self.payload.get("type"), self.payload.get("result"))
        return "done"

    def _process_user_leave_org(self):
        # res.users.dingtalk_userid comes with the user sync, which may be absent.
        if "dingtalk_userid" not in self.env["res.users"]._fields:
            return "ignored"
        payload = self.payload or {}
        userids = payload.get("userId") or payload.get("UserId") or []
        if isinstance(userids, str):
            userids = [userids]
        users = (
            self.env["res.users"]
            .with_context(active_test=False)
            .search([("dingtalk_userid", "in", userids), ("company_ids", "in", self.company_id.id)])
        )
        if users:
            _logger.info(
                "DingTalk users %s left company %s: unlinked Odoo users %s",
                userids,
                self.company_id.id,
                users.ids,
            )
            users.write({"dingtalk_userid": False})
        return "done"
