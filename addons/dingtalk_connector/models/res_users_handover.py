# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.osv import expression


def _like_escape(value):
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class ResUsers(models.Model):
    """The DingTalk binding's open items in a leaving user's hand-over (离职交接).

    Its open items are the work notifications still queued (or parked as failed) for
    the user's DingTalk id: once their book is handed over, the activities those
    notices announce belong to someone else, who hears of them from the hand-over's
    digest (and DingTalk notices of their own). So the leaver is taken off the
    recipients, and a notice left with nobody to tell is cancelled; nothing stale is
    re-sent to the new owner in the leaver's words. The binding itself
    (``dingtalk_userid``) stays, for the audit of what was sent.

    ``_handover_kinds`` is the hand-over's extension point (descriptor keys in
    crm_full's res_users_handover.py); this addon depends on none of ours.
    """

    _inherit = "res.users"

    @api.model
    def _handover_kinds(self):
        # the first addon of the chain starts from none: none depends on another here
        kinds = getattr(super(), "_handover_kinds", lambda: [])()
        return [
            *kinds,
            {
                "key": "dingtalk_notice",
                "label": self.env._("DingTalk notices still queued for them"),
                "model": "dingtalk.message",
                "domain": "_handover_dingtalk_domain",
                "apply": "_handover_apply_dingtalk",
                "system": True,  # the outbox is the system's: follows whoever runs it
                "sequence": 95,
            },
        ]

    def _handover_dingtalk_domain(self):
        userid = self.sudo().dingtalk_userid
        if not userid:
            return expression.FALSE_DOMAIN
        escaped = _like_escape(userid)
        return [
            ("channel", "=", "work_notice"),
            ("state", "in", ("queued", "failed")),
            "|",
            "|",
            "|",
            ("userids", "=", userid),
            ("userids", "=like", f"{escaped},%"),
            ("userids", "=like", f"%,{escaped}"),
            ("userids", "=like", f"%,{escaped},%"),
        ]

    def _handover_apply_dingtalk(self, messages, target):
        """Take the leaver off these notices in two UPDATEs, whatever their number."""
        if not messages:
            return
        messages.flush_recordset()
        userid = self.sudo().dingtalk_userid
        cr = self.env.cr
        cr.execute(
            """
            UPDATE dingtalk_message
               SET userids = NULLIF(array_to_string(array_remove(
                       string_to_array(userids, ','), %s), ','), ''),
                   write_date = %s
             WHERE id = ANY(%s)
            """,
            [userid, fields.Datetime.now(), messages.ids],
        )
        cr.execute(
            """
            UPDATE dingtalk_message SET state = 'cancelled', last_error = %s
             WHERE id = ANY(%s) AND userids IS NULL
            """,
            [self.env._("Recipient handed over their work"), messages.ids],
        )
        messages.invalidate_recordset(["userids", "state", "last_error", "write_date"])
