# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.tools import html2plaintext

from ..tools.links import shorten
from ..tools.markdown import escape_markdown, strip_controls

NOTE_CHARS = 300  # the whole msg must stay under DingTalk's 2048 bytes


class MailActivity(models.Model):
    _inherit = "mail.activity"

    @api.model_create_multi
    def create(self, vals_list):
        activities = super().create(vals_list)
        activities._dingtalk_notify_assignees()
        return activities

    def write(self, vals):
        if not vals.get("user_id"):
            return super().write(vals)
        reassigned = self.filtered(lambda activity: activity.user_id.id != vals["user_id"])
        result = super().write(vals)
        reassigned._dingtalk_notify_assignees()
        return result

    def _dingtalk_notify_assignees(self):
        """Queue a work notification per activity whose assignee opted in and is mapped,
        in a company whose DingTalk app is set up.

        Like Odoo's own e-mail, nothing is sent for an activity one assigns to oneself.
        Whatever the context: ``mail_activity_quick_update`` only spares the assignment
        e-mail, and system to-dos created with it (SLA breach, escalation, pool reminders)
        are the ones that must reach the phone.
        """
        activities = self.filtered(
            lambda activity: activity.user_id and activity.user_id != self.env.user
        )
        if not activities:
            return
        # One read for all assignees: sudo, the mapping is for system eyes only.
        assignees = activities.user_id.sudo()
        targets = assignees.filtered(
            lambda user: (
                user.dingtalk_userid
                and user.dingtalk_notify_activities
                and user.company_id._dingtalk_is_enabled()
            )
        )
        outbox = self.env["dingtalk.message"]
        vals_list = []
        for activity in activities.sudo().filtered(lambda activity: activity.user_id in targets):
            user = activity.user_id
            vals_list += outbox._prepare_work_notice_vals(
                user.company_id,
                [user.dingtalk_userid],
                activity.with_context(lang=user.lang)._dingtalk_work_notice(),
                dedupe_key=f"mail.activity-{activity.id}-{user.id}",
                record=self.env[activity.res_model].browse(activity.res_id),
            )
        if vals_list:
            outbox._enqueue(vals_list)  # one dedupe query and one insert for the whole batch

    def _dingtalk_work_notice(self):
        """An ``action_card`` work notification (snake_case, unlike robots)."""
        self.ensure_one()
        _ = self.env._
        record = self.env[self.res_model].browse(self.res_id)
        # summary, document name and note may carry customer text (a ticket
        # subject, an NPS comment): escaped, they cannot plant links or markup
        title = strip_controls(self.summary or self.activity_type_id.name or _("Activity"))
        lines = [
            f"### {escape_markdown(title)}",
            f"**{_('Document')}**: {escape_markdown(self.res_name or record.display_name)}",
            f"**{_('Due')}**: {self.date_deadline}",
        ]
        note = shorten(
            html2plaintext(self.note or "", include_references=False).strip(), NOTE_CHARS
        )
        if note:
            lines.append(escape_markdown(note, multiline=True))
        # DingTalk silently drops identical content sent to one user twice a day.
        lines.append(_("Ref: A%s", self.id))
        # One card builder for every sender: login-free links, decision buttons.
        return self.env["dingtalk.message"]._dingtalk_action_card(
            self.user_id.company_id,
            self._dingtalk_decision_record(record),
            shorten(_("New activity: %s", title), 64),
            "  \n".join(lines),
        )

    def _dingtalk_decision_record(self, record):
        """The record this to-do asks its assignee to decide on, for the card's
        Approve / Reject buttons: ``record`` itself, or the one its document names
        through the duck-typed ``_dingtalk_activity_decision_record(activity)`` (an order
        whose to-do is the approval of one of its steps); else ``record``."""
        self.ensure_one()
        name_it = getattr(record, "_dingtalk_activity_decision_record", None)
        decision = name_it(self) if name_it else None
        return decision or record
