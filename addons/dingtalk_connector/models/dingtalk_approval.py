# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import logging
import time
from datetime import date, datetime, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.exceptions import RETRYABLE, DingTalkError
from ..tools.markdown import strip_controls

# What DingTalk reports and the submission records: a user never sets them, or a
# document could read "approved" without any approver (dingtalk.system.fields.mixin).
APPROVAL_SYSTEM_FIELDS = {
    "state",
    "result",
    "error",
    "instance_id",
    "business_ref",
    "originator_userid",
    "submitted_by",
    "submitted_at",
    "last_sync",
}

_logger = logging.getLogger(__name__)

CREATE_PATH = "/v1.0/workflow/processInstances"
QUERY_PATH = "/v1.0/workflow/processes/instanceIds/query"
REFERENCE_LABEL = "Odoo Reference"  # form control the template must have
LOOKUP_MARGIN_MS = 5 * 60 * 1000  # clock skew between Odoo and DingTalk
LOOKUP_MAX_PAGES = 5  # 20 ids a page: far more than one user starts in minutes
SYNC_AFTER = timedelta(hours=1)  # callbacks normally arrive well before this
FINAL_STATES = ("approved", "rejected", "terminated")
OPEN_STATES = ("draft", "running")


class DingtalkApproval(models.Model):
    """One DingTalk OA approval instance started for an Odoo record.

    A record whose approval completes gets ``_dingtalk_approval_result(result)``
    called (``result`` is the final state: approved, rejected or terminated)
    when its model defines that method, exactly once.
    """

    _name = "dingtalk.approval"
    _inherit = ["dingtalk.system.fields.mixin"]
    _description = "DingTalk Approval"
    _order = "id desc"
    _rec_name = "business_ref"

    res_model = fields.Char("Document Model", required=True, index=True)
    res_id = fields.Many2oneReference("Document ID", model_field="res_model", required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    process_code = fields.Char(required=True, help="Code of the approval template, PROC-….")
    instance_id = fields.Char("Instance ID", copy=False, readonly=True)
    business_ref = fields.Char(
        "Odoo Reference",
        copy=False,
        help="Sent in the form control 'Odoo Reference'; finds the instance again "
        "when DingTalk did not answer the creation.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("running", "Running"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("terminated", "Terminated"),
            ("error", "Error"),
        ],
        default="draft",
        required=True,
        readonly=True,
        index=True,
    )
    result = fields.Char(readonly=True, help="DingTalk's result: agree or refuse.")
    error = fields.Text(readonly=True)
    originator_userid = fields.Char("Originator", readonly=True)
    submitted_by = fields.Many2one("res.users", readonly=True)
    submitted_at = fields.Datetime(readonly=True)
    last_sync = fields.Datetime(readonly=True)

    _sql_constraints = [
        (
            "instance_uniq",
            "unique(company_id, instance_id)",
            "A DingTalk approval instance is linked to one Odoo approval only.",
        )
    ]

    def _get_system_fields(self):
        return super()._get_system_fields() | APPROVAL_SYSTEM_FIELDS

    # ------------------------------------------------------------
    # SUBMIT
    # ------------------------------------------------------------
    def _dingtalk_submit(self, originator_userid, dept_id, form_values):
        """Create the DingTalk instance; return True once it runs.

        DingTalk has no idempotency key: after an ambiguous failure (timeout,
        5xx) the instance may exist, so it is looked up by its Odoo reference
        before creating it again. Failures are stored on the row (state error).

        :param originator_userid: DingTalk userid of the requester
        :param dept_id: DingTalk department of the requester, -1 for the root
        :param form_values: {control label: value}; values are sent as text
        """
        self.ensure_one()
        if self.state not in ("draft", "error"):
            raise UserError(self.env._("Approval %s was already submitted.", self.display_name))
        if not self.business_ref:
            self.sudo().business_ref = self._default_business_ref()
        body = self._prepare_submit_body(originator_userid, dept_id, form_values)
        since_ms = int(time.time() * 1000) - LOOKUP_MARGIN_MS
        for attempt in range(2):
            try:
                instance_id = self._dingtalk_create_instance(body)
            except DingTalkError as error:
                if error.kind != RETRYABLE or attempt:
                    return self._submit_failed(error)
                _logger.info("No answer creating approval %s: looking it up", self.business_ref)
                try:
                    instance_id = self._dingtalk_find_instance(originator_userid, since_ms)
                except DingTalkError as lookup_error:
                    return self._submit_failed(lookup_error)
                if not instance_id:
                    continue
            self._submit_done(instance_id, originator_userid)
            return True
        raise AssertionError("unreachable")

    def _dingtalk_create_instance(self, body):
        return self.company_id._dingtalk_call("api", CREATE_PATH, body=body)["instanceId"]

    def _default_business_ref(self):
        # The approval id keeps two attempts for one document apart.
        record = self.env[self.res_model].browse(self.res_id).exists()
        return f"{record.display_name if record else self.res_model}/{self.id}"

    def _prepare_submit_body(self, originator_userid, dept_id, form_values):
        values = {REFERENCE_LABEL: self.business_ref, **form_values}
        body = {
            "originatorUserId": originator_userid,
            "processCode": self.process_code,
            "deptId": int(dept_id or -1),
            "formComponentValues": [
                {"name": name, "value": self._form_value(value)} for name, value in values.items()
            ],
        }
        agent_id = self.company_id.sudo().dingtalk_agent_id
        if agent_id and agent_id.isdigit():
            body["microappAgentId"] = int(agent_id)
        return body

    @api.model
    def _form_value(self, value):
        """DingTalk takes every control value as a string (lists as JSON)."""
        if value is None or value is False:
            return ""
        if isinstance(value, (list, tuple, dict)):
            return json.dumps(value, ensure_ascii=False)
        if isinstance(value, datetime):
            return fields.Datetime.to_string(value)
        if isinstance(value, date):
            return value.isoformat()
        return strip_controls(str(value))  # a NUL would make the whole request fail

    def _submit_done(self, instance_id, originator_userid):
        # sudo: the approval's state is what DingTalk answered, written by the system
        self.sudo().write(
            {
                "instance_id": instance_id,
                "state": "running",
                "error": False,
                "originator_userid": originator_userid,
                "submitted_by": self.env.user.id,
                "submitted_at": fields.Datetime.now(),
            }
        )

    def _submit_failed(self, error):
        _logger.info("DingTalk approval %s not created: %s", self.business_ref, error)
        self.sudo().write({"state": "error", "error": str(error)})
        return False

    def _dingtalk_find_instance(self, originator_userid, since_ms):
        """Id of the instance carrying our reference, created since ``since_ms``."""
        company = self.company_id
        taken = set(
            self.search([("company_id", "=", company.id), ("instance_id", "!=", False)]).mapped(
                "instance_id"
            )
        )
        body = {
            "processCode": self.process_code,
            "startTime": since_ms,
            "endTime": int(time.time() * 1000) + LOOKUP_MARGIN_MS,
            "nextToken": 0,
            "maxResults": 20,
            "userIds": [originator_userid],
        }
        for _page in range(LOOKUP_MAX_PAGES):
            result = company._dingtalk_call("api", QUERY_PATH, body=body).get("result") or {}
            for instance_id in result.get("list") or []:
                if instance_id not in taken and self._instance_has_reference(instance_id):
                    return instance_id
            if not result.get("nextToken") or not result.get("list"):
                return None
            body["nextToken"] = result["nextToken"]
        return None

    def _instance_has_reference(self, instance_id):
        instance = self._dingtalk_get_instance(instance_id)
        return any(
            value.get("name") == REFERENCE_LABEL and value.get("value") == self.business_ref
            for value in instance.get("formComponentValues") or []
        )

    def _dingtalk_get_instance(self, instance_id):
        reply = self.company_id._dingtalk_call(
            "api", CREATE_PATH, method="GET", params={"processInstanceId": instance_id}
        )
        return reply.get("result") or {}

    # ------------------------------------------------------------
    # RESULT
    # ------------------------------------------------------------
    @api.model
    def _new_state(self, status, result):
        """Map an event type (start/finish/terminate) or an instance status
        (RUNNING/COMPLETED/TERMINATED) and its result to our state."""
        status = (status or "").upper()
        if status in ("START", "RUNNING"):
            return "running"
        if status in ("FINISH", "COMPLETED"):
            return {"agree": "approved", "refuse": "rejected"}.get((result or "").lower())
        if status in ("TERMINATE", "TERMINATED", "DELETE"):
            return "terminated"
        return None

    def _dingtalk_apply_result(self, status, result=None):
        """Move each approval to the state DingTalk reports, once.

        Final states never change again, so a late ``start`` or a replayed
        ``finish`` is ignored, and the target's hook runs only on the real
        transition, in the same transaction.

        :return: the approvals that changed state
        """
        new_state = self._new_state(status, result)
        if not (self and new_state):
            return self.browse()
        # Lock first: a callback and the catch-up cron may race on one row.
        self.env.cr.execute(
            "SELECT id FROM dingtalk_approval WHERE id IN %s FOR NO KEY UPDATE", [tuple(self.ids)]
        )
        self.invalidate_recordset(["state"])
        changed = self.filtered(lambda a: a.state in OPEN_STATES and a.state != new_state)
        if not changed:
            return changed
        changed.sudo().write({"state": new_state, "result": result or False, "error": False})
        if new_state in FINAL_STATES:
            for approval in changed:
                approval._notify_target(new_state)
        return changed

    def _notify_target(self, new_state):
        record = self.env[self.res_model].browse(self.res_id).exists()
        if record and hasattr(record, "_dingtalk_approval_result"):
            record._dingtalk_approval_result(new_state)

    # ------------------------------------------------------------
    # CATCH-UP
    # ------------------------------------------------------------
    def _get_sync_domain(self):
        limit = fields.Datetime.now() - SYNC_AFTER
        return [
            ("state", "=", "running"),
            ("submitted_at", "<", limit),
            "|",
            ("last_sync", "=", False),
            ("last_sync", "<", limit),
        ]

    @api.model
    def _cron_sync_approvals(self, batch_size=50):
        """Refresh approvals whose callback seems lost (few calls: monthly quota)."""
        domain = self._get_sync_domain()
        approvals = self.search(domain, limit=batch_size, order="last_sync, id")
        approvals._dingtalk_sync()
        self.env["ir.cron"]._notify_progress(
            done=len(approvals), remaining=self.search_count(domain)
        )

    def _dingtalk_sync(self):
        for approval in self:
            try:
                with self.env.cr.savepoint():
                    instance = approval._dingtalk_get_instance(approval.instance_id)
                    approval._dingtalk_apply_result(instance.get("status"), instance.get("result"))
            except DingTalkError as error:
                _logger.info("DingTalk approval %s not refreshed: %s", approval.id, error)
                approval.sudo().error = str(error)
            except Exception as error:  # e.g. the target's hook: keep the batch going
                _logger.warning("DingTalk approval %s not refreshed", approval.id, exc_info=True)
                approval.sudo().error = str(error)
            # Written even on failure so that the batch domain shrinks.
            approval.sudo().last_sync = fields.Datetime.now()

    def action_refresh(self):
        self.check_access("write")
        self.filtered(lambda a: a.state == "running" and a.instance_id)._dingtalk_sync()
