# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import time
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.robot_sign import robot_sign


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
        """Webhook URL ready to post to, signed when the robot has a secret."""
        self.ensure_one()
        robot = self.sudo()
        if not robot.secret:
            return robot.webhook_url
        timestamp_ms = timestamp_ms or int(time.time() * 1000)
        parts = urlsplit(robot.webhook_url)
        query = [
            *parse_qsl(parts.query),
            ("timestamp", str(timestamp_ms)),
            ("sign", robot_sign(robot.secret, timestamp_ms)),
        ]
        return urlunsplit(parts._replace(query=urlencode(query)))

    def _with_keyword(self, text):
        """DingTalk drops a message of a keyword robot that lacks the keyword."""
        self.ensure_one()
        if self.keyword and self.keyword not in text:
            return f"{text}\n{self.keyword}"
        return text
