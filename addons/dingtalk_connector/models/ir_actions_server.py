# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
from collections import defaultdict

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools.rendering_tools import parse_inline_template

from ..tools.markdown import escape_markdown, strip_controls

TIME_BUCKET = 600  # seconds: records without write_date send at most once per 10 minutes


class IrActionsServer(models.Model):
    _inherit = "ir.actions.server"

    state = fields.Selection(
        selection_add=[("dingtalk", "Send DingTalk Message")],
        ondelete={"dingtalk": "cascade"},
    )
    dingtalk_target = fields.Selection(
        [("robot", "Group robot"), ("users", "Users (work notification)")],
        string="Send To",
        default="robot",
    )
    dingtalk_robot_id = fields.Many2one("dingtalk.robot", string="Robot", ondelete="restrict")
    dingtalk_user_field_id = fields.Many2one(
        "ir.model.fields",
        string="Recipients Field",
        ondelete="cascade",
        domain="[('model_id', '=', model_id), ('relation', '=', 'res.users'), "
        "('ttype', 'in', ('many2one', 'many2many'))]",
        help="Field of the record holding the recipients, e.g. the salesperson.",
    )
    dingtalk_user_ids = fields.Many2many(
        "res.users",
        "ir_act_server_dingtalk_user_rel",
        "action_id",
        "user_id",
        string="Fixed Users",
        help="Recipients in addition to those of the user field.",
    )
    dingtalk_msgtype = fields.Selection(
        [("text", "Text"), ("markdown", "Markdown"), ("actionCard", "Card with a link")],
        string="Message Type",
        default="markdown",
    )
    dingtalk_title = fields.Char(
        "Message Title", help="Inline template, e.g. {{ object.display_name }}."
    )
    dingtalk_body = fields.Text(
        "Message Body", help="Inline template, e.g. Ticket {{ object.name }} breached its SLA."
    )

    # ------------------------------------------------------------
    # RUN
    # ------------------------------------------------------------
    def _run_action_dingtalk_multi(self, eval_context=None):
        res_ids = self._context.get("active_ids") or [self._context.get("active_id")]
        if not any(res_ids) or self._is_recompute():
            return False
        records = self.env[self.model_name].browse([res_id for res_id in res_ids if res_id])
        markdown = self.dingtalk_msgtype != "text"
        titles = self._dingtalk_render(self.dingtalk_title or "", records, markdown)
        bodies = self._dingtalk_render(self.dingtalk_body or "", records, markdown)
        outbox = self.env["dingtalk.message"]
        for record in records:
            title = titles[record.id] or self._dingtalk_escape(record.display_name, markdown)
            body = bodies[record.id] or title
            key = self._dingtalk_dedupe_key(record)
            if self.dingtalk_target == "robot":
                if not self.dingtalk_robot_id:
                    raise UserError(
                        self.env._("Choose the robot that action %s posts to.", self.name)
                    )
                payload = self._dingtalk_robot_payload(record, title, body)
                outbox._enqueue_robot(self.dingtalk_robot_id, payload, key, record=record)
                continue
            # DingTalk drops identical content to one user within a day: make it unique.
            ref = hashlib.sha1(key.encode()).hexdigest()[:8]
            for company, userids in self._dingtalk_recipients(record).items():
                msg = self._dingtalk_notice_payload(record, title, f"{body}\n\nRef: {ref}", company)
                outbox._enqueue_work_notice(company, userids, msg, key, record=record)
        return False

    def _dingtalk_render(self, template, records, markdown=True):
        """{record id: rendered text}; in Markdown, every placeholder's value is escaped.

        The template is the administrator's Markdown; what the placeholders
        bring (names, subjects, comments) is the customer's text and must not
        become markup. So each placeholder is rendered on its own, escaped,
        and joined with the template's literal parts.
        """
        if not template:
            return dict.fromkeys(records.ids, "")
        render = self.env["mail.render.mixin"]._render_template
        if not markdown:
            rendered = render(template, records._name, records.ids, engine="inline_template")
            return {res_id: strip_controls(text) for res_id, text in rendered.items()}
        results = dict.fromkeys(records.ids, "")
        for literal, expression, default in parse_inline_template(template):
            values = {}
            if expression:
                placeholder = f"{{{{ {expression} ||| {default} }}}}" if default else None
                values = render(
                    placeholder or f"{{{{ {expression} }}}}",
                    records._name,
                    records.ids,
                    engine="inline_template",
                )
            for res_id in records.ids:
                results[res_id] += literal + escape_markdown(values.get(res_id))
        return results

    def _dingtalk_escape(self, text, markdown):
        return escape_markdown(text) if markdown else strip_controls(text)

    def _dingtalk_dedupe_key(self, record):
        stamp = record.write_date if "write_date" in record else None
        if stamp:
            moment = stamp.isoformat()
        else:
            moment = str(int(fields.Datetime.now().timestamp()) // TIME_BUCKET)
        return f"ir.actions.server-{self.id}-{record.id}-{moment}"

    def _dingtalk_recipients(self, record):
        """DingTalk user ids by company: each user is reached through their company's app."""
        users = self.dingtalk_user_ids
        if self.dingtalk_user_field_id:
            users |= record[self.dingtalk_user_field_id.name]
        by_company = defaultdict(list)
        for user in users.sudo().filtered("dingtalk_userid"):
            by_company[user.company_id].append(user.dingtalk_userid)
        return by_company

    def _dingtalk_robot_payload(self, record, title, body):
        """Robot messages are camelCase (``actionCard``, ``singleURL``)."""
        if self.dingtalk_msgtype == "text":
            return {"msgtype": "text", "text": {"content": body}}
        if self.dingtalk_msgtype == "markdown":
            return {"msgtype": "markdown", "markdown": {"title": title, "text": body}}
        return {
            "msgtype": "actionCard",
            "actionCard": {
                "title": title,
                "text": body,
                "singleTitle": self.env._("Open in Odoo"),
                "singleURL": self.dingtalk_robot_id.company_id._dingtalk_open_url(record),
            },
        }

    def _dingtalk_notice_payload(self, record, title, body, company=None):
        """Work notifications are snake_case (``action_card``, ``single_url``)."""
        if self.dingtalk_msgtype == "text":
            return {"msgtype": "text", "text": {"content": body}}
        if self.dingtalk_msgtype == "markdown":
            return {"msgtype": "markdown", "markdown": {"title": title, "text": body}}
        return self.env["dingtalk.message"]._dingtalk_action_card(
            company or self.env.company, record, title, body
        )
