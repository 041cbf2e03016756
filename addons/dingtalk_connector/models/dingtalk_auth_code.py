# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models

from ..tools.login import code_hash

# DingTalk's codes live 5 minutes; we remember a used one twice as long.
CODE_MEMORY = timedelta(minutes=10)


class DingtalkAuthCode(models.Model):
    """Sign-in codes already presented, kept as hashes for as long as they could work.

    DingTalk itself refuses a second use of a code; this table refuses it
    too, before any call, so a replay fails even against a DingTalk (or a
    proxy) that would accept it. The code is never stored.
    """

    _name = "dingtalk.auth.code"
    _description = "Used DingTalk Sign-in Code"
    _log_access = False

    code_hash = fields.Char(required=True)
    company_id = fields.Many2one("res.company", required=True, ondelete="cascade")
    expires_at = fields.Datetime(required=True, index=True)

    _sql_constraints = [("code_hash_uniq", "unique(code_hash)", "This code was already used.")]

    @api.model
    def _claim(self, code, company):
        """True when ``code`` was never presented (to any company): it is now used."""
        self.env.cr.execute(
            """
            INSERT INTO dingtalk_auth_code (code_hash, company_id, expires_at)
            VALUES (%s, %s, %s)
            ON CONFLICT (code_hash) DO NOTHING
            RETURNING id
            """,
            [code_hash(code), company.id, fields.Datetime.now() + CODE_MEMORY],
        )
        return bool(self.env.cr.fetchone())

    @api.autovacuum
    def _gc_expired(self):
        self.env.cr.execute(
            "DELETE FROM dingtalk_auth_code WHERE expires_at < %s", [fields.Datetime.now()]
        )
