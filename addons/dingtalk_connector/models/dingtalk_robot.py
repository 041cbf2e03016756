# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import time
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.robot_sign import robot_sign

DINGTALK_ROBOT_HOST = "oapi.dingtalk.com"


class DingtalkRobot(models.Model):
    """A custom robot of a DingTalk group chat (自定义机器人)."""

    _name = "dingtalk.robot"
    _description = "DingTalk Group Robot"
    _order = "name, id"

    name = fields.Char(required=True, help="e.g. the group the robot posts to.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    webhook_url = fields.Char(
        string="Webhook URL",
        required=True,
        groups="base.group_system",
        copy=False,
        help="The robot's webhook as DingTalk shows it: "
        "https://oapi.dingtalk.com/robot/send?access_token=…",
    )
    secret = fields.Char(
        groups="base.group_system",
        copy=False,
        help="Signing secret (starts with SEC) when the robot's security setting is 加签.",
    )
    keyword = fields.Char(
        help="When the robot's security setting is a keyword, it is added to every message."
    )

    @api.constrains("webhook_url")
    def _check_webhook_url(self):
        for robot in self:
            parts = urlsplit(robot.webhook_url or "")
            if parts.scheme != "https" or "access_token" not in dict(parse_qsl(parts.query)):
                raise ValidationError(
                    self.env._(
                        "The webhook URL of robot %(robot)s must be the https address DingTalk "
                        "shows, with its access_token, e.g. "
                        "https://oapi.dingtalk.com/robot/send?access_token=…",
                        robot=robot.name,
                    )
                )

    def _signed_webhook_url(self, timestamp_ms=None):
        """Webhook URL ready to post to, signed when the robot has a secret.

        A webhook on DingTalk's own host follows the oapi base URL parameter,
        so that staging and tests reach their local stand-in.
        """
        self.ensure_one()
        robot = self.sudo()
        parts = urlsplit(robot.webhook_url)
        if parts.netloc == DINGTALK_ROBOT_HOST:
            base = urlsplit(
                self.env["ir.config_parameter"].sudo().get_param("dingtalk_connector.oapi_base_url")
                or f"https://{DINGTALK_ROBOT_HOST}"
            )
            parts = parts._replace(scheme=base.scheme, netloc=base.netloc)
        if not robot.secret:
            return urlunsplit(parts)
        timestamp_ms = timestamp_ms or int(time.time() * 1000)
        query = [
            *parse_qsl(parts.query),
            ("timestamp", str(timestamp_ms)),
            ("sign", robot_sign(robot.secret, timestamp_ms)),
        ]
        return urlunsplit(parts._replace(query=urlencode(query)))

    def _send_payload(self, payload):
        """Post one message body now; callers go through the outbox instead."""
        self.ensure_one()
        client = self.company_id._dingtalk_client()
        return client.robot_send(self._signed_webhook_url(), self._with_keyword_payload(payload))

    def _with_keyword_payload(self, payload):
        if not self.keyword:
            return payload
        payload = dict(payload)
        for kind, field in (("text", "content"), ("markdown", "text"), ("actionCard", "text")):
            if kind in payload:
                payload[kind] = {
                    **payload[kind],
                    field: self._with_keyword(payload[kind].get(field, "")),
                }
        return payload

    def _with_keyword(self, text):
        """DingTalk drops a message of a keyword robot that lacks the keyword."""
        self.ensure_one()
        if self.keyword and self.keyword not in text:
            return f"{text}\n{self.keyword}"
        return text
