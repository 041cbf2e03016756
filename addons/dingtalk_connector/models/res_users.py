# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResUsers(models.Model):
    _inherit = "res.users"

    dingtalk_userid = fields.Char(
        "DingTalk User ID",
        copy=False,
        index="btree_not_null",
        groups="base.group_system",
        help="userId of this person in the company's DingTalk organisation (set by the user sync).",
    )
    dingtalk_unionid = fields.Char(
        "DingTalk Union ID",
        copy=False,
        groups="base.group_system",
        help="unionId, stable across the apps of one developer account.",
    )
    dingtalk_notify_activities = fields.Boolean(
        "Activities in DingTalk",
        help="Send me a DingTalk work notification when an activity is assigned to me.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return [*super().SELF_READABLE_FIELDS, "dingtalk_notify_activities"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return [*super().SELF_WRITEABLE_FIELDS, "dingtalk_notify_activities"]

    @api.constrains("dingtalk_userid", "company_id")
    def _check_dingtalk_userid_unique(self):
        users = self.sudo().filtered("dingtalk_userid")
        if not users:
            return
        others = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("dingtalk_userid", "in", users.mapped("dingtalk_userid")),
                    ("company_id", "in", users.company_id.ids),
                    ("id", "not in", users.ids),
                ]
            )
        )
        taken = {(other.company_id, other.dingtalk_userid): other for other in others}
        seen = {}
        for user in users:
            key = (user.company_id, user.dingtalk_userid)
            holder = taken.get(key) or seen.get(key)
            if holder:
                raise ValidationError(
                    self.env._(
                        "DingTalk user ID %(userid)s is already used by %(holder)s in %(company)s.",
                        userid=user.dingtalk_userid,
                        holder=holder.name,
                        company=user.company_id.name,
                    )
                )
            seen[key] = user
