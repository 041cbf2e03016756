# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The DingTalk binding's open items in a hand-over (issue 17, 离职交接): work notices
still queued for the leaver lose them as a recipient; a notice left with nobody is
cancelled; sent ones and other people's are left alone."""

from odoo.tests import TransactionCase, new_test_user


class TestDingtalkHandover(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leaver = new_test_user(cls.env, "dt_ho_leaver")
        cls.heir = new_test_user(cls.env, "dt_ho_heir")
        cls.leaver.sudo().dingtalk_userid = "u_lea%"
        Message = cls.env["dingtalk.message"].sudo()
        cls.alone, cls.shared, cls.sent, cls.other, cls.lookalike = Message.create(
            [
                {
                    "name": name,
                    "channel": "work_notice",
                    "userids": ids,
                    "payload": {"msgtype": "text"},
                }
                for name, ids in [
                    ("alone", "u_lea%"),
                    ("shared", "u_x,u_lea%,u_y"),
                    ("sent", "u_lea%"),
                    ("other", "u_x"),
                    ("lookalike", "u_leaX,u_lea%%"),
                ]
            ]
        )
        cls.env.cr.execute(
            "UPDATE dingtalk_message SET state = 'sent' WHERE id = %s", [cls.sent.id]
        )
        cls.sent.invalidate_recordset(["state"])

    def _open_items(self):
        return self.env["dingtalk.message"].sudo().search(self.leaver._handover_dingtalk_domain())

    def test_kind_declared_without_any_other_addon(self):
        kinds = {kind["key"]: kind for kind in self.env["res.users"]._handover_kinds()}
        self.assertTrue(kinds["dingtalk_notice"]["system"])

    def test_open_items_are_queued_notices_naming_the_leaver(self):
        self.assertEqual(self._open_items(), self.alone | self.shared)

    def test_apply_takes_the_leaver_off(self):
        self.leaver._handover_apply_dingtalk(self._open_items(), self.heir)
        self.assertEqual(self.shared.userids, "u_x,u_y")
        self.assertEqual(self.alone.state, "cancelled")
        self.assertEqual(self.sent.state, "sent")
        self.assertEqual(self.lookalike.userids, "u_leaX,u_lea%%")
        self.assertFalse(self._open_items())

    def test_unbound_user_has_none(self):
        self.assertFalse(
            self.env["dingtalk.message"].sudo().search(self.heir._handover_dingtalk_domain())
        )
