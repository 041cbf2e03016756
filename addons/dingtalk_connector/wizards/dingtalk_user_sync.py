# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.exceptions import DingTalkError
from ..tools.user_match import OdooUser, match_users, normalize_email, normalize_mobile

_logger = logging.getLogger(__name__)

ROOT_DEPARTMENT = 1
PAGE_SIZE = 100  # v2/user/list refuses more


class DingtalkUserSync(models.TransientModel):
    """Bind Odoo users to DingTalk members by mobile, then e-mail; report the rest."""

    _name = "dingtalk.user.sync"
    _description = "DingTalk User Sync"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")
    matched_count = fields.Integer("Newly matched", readonly=True)
    already_mapped_count = fields.Integer("Already mapped", readonly=True)
    unmatched_count = fields.Integer("Unmatched DingTalk users", readonly=True)
    ambiguous_count = fields.Integer("Ambiguous", readonly=True)
    report = fields.Text(readonly=True)

    def action_sync(self):
        self.ensure_one()
        try:
            summary = self._sync_company(self.company_id)
        except DingTalkError as error:
            raise UserError(
                self.env._("DingTalk refused the user sync: %(error)s", error=error.message)
            ) from error
        self.write({"state": "done", **summary})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    @api.model
    def _cron_sync_users(self):
        companies = self.env["res.company"].sudo().search([("dingtalk_app_key", "!=", False)])
        for company in companies:
            try:
                summary = self._sync_company(company)
            except DingTalkError as error:
                _logger.warning("DingTalk user sync of %s failed: %s", company.name, error)
                continue
            _logger.info(
                "DingTalk user sync of %s: %s matched, %s ambiguous, %s unmatched",
                company.name,
                summary["matched_count"],
                summary["ambiguous_count"],
                summary["unmatched_count"],
            )

    # ------------------------------------------------------------
    # SYNC
    # ------------------------------------------------------------
    @api.model
    def _sync_company(self, company):
        """Fetch every member of ``company``'s organisation and bind what matches safely."""
        members = self._fetch_members(company)
        odoo_users = self._odoo_candidates(company)
        result = match_users(members, odoo_users)
        users = self.env["res.users"].sudo().with_context(active_test=False)
        for user_id, member in result.bind.items():
            users.browse(user_id).write(
                {"dingtalk_userid": member["userid"], "dingtalk_unionid": member.get("unionid")}
            )
        for user_id, member in result.already_mapped.items():
            user = users.browse(user_id)
            if member.get("unionid") and user.dingtalk_unionid != member["unionid"]:
                user.dingtalk_unionid = member["unionid"]
        return {
            "matched_count": len(result.bind),
            "already_mapped_count": len(result.already_mapped),
            "unmatched_count": len(result.unmatched),
            "ambiguous_count": len(result.ambiguous),
            "report": self._report(result),
        }

    @api.model
    def _fetch_members(self, company):
        """All members, departments walked breadth-first from the root, each member once."""
        members, queue, seen = {}, [ROOT_DEPARTMENT], {ROOT_DEPARTMENT}
        while queue:
            dept_id = queue.pop(0)
            reply = company._dingtalk_call(
                "oapi", "/topapi/v2/department/listsub", body={"dept_id": dept_id}
            )
            for dept in reply.get("result") or []:
                if dept["dept_id"] not in seen:
                    seen.add(dept["dept_id"])
                    queue.append(dept["dept_id"])
            for member in self._fetch_department_members(company, dept_id):
                members.setdefault(member["userid"], member)
        return list(members.values())

    @api.model
    def _fetch_department_members(self, company, dept_id):
        cursor = 0
        while True:
            reply = company._dingtalk_call(
                "oapi",
                "/topapi/v2/user/list",
                body={"dept_id": dept_id, "cursor": cursor, "size": PAGE_SIZE},
            )
            page = reply.get("result") or {}
            yield from page.get("list") or []
            if not page.get("has_more") or page.get("next_cursor") is None:
                return
            cursor = page["next_cursor"]

    @api.model
    def _odoo_candidates(self, company):
        """Internal users of ``company``; archived ones only keep their binding."""
        users = (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search([("share", "=", False), ("company_id", "=", company.id)])
        )
        return [
            OdooUser(
                id=user.id,
                name=user.name,
                userid=user.dingtalk_userid or None,
                active=user.active,
                mobiles={
                    mobile for mobile in map(normalize_mobile, (user.mobile, user.phone)) if mobile
                },
                emails={normalize_email(user.email)} - {None},
            )
            for user in users
        ]

    @api.model
    def _report(self, result):
        lines = []
        for member, users, reason in result.ambiguous:
            lines.append(
                self.env._(
                    "Ambiguous (%(reason)s): DingTalk user %(member)s (%(userid)s) "
                    "and Odoo user(s) %(users)s",
                    reason=reason,
                    member=member.get("name"),
                    userid=member["userid"],
                    users=", ".join(user.name for user in users),
                )
            )
        for member in result.unmatched:
            lines.append(
                self.env._(
                    "Unmatched: DingTalk user %(member)s (%(userid)s)",
                    member=member.get("name"),
                    userid=member["userid"],
                )
            )
        return "\n".join(lines)
