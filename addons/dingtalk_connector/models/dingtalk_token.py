# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import threading
import time

from odoo import fields, models

# (dbname, company id) -> (token, expires at, epoch seconds): spares a query per call.
_PROCESS_CACHE = {}


class DingtalkToken(models.Model):
    """Access token cache, one row per company.

    Kept out of ``res.company`` (a hot row would cause concurrent-update
    errors) and out of ``ir.config_parameter`` (writes clear every worker's
    caches). Stored through a separate cursor so that a business transaction
    rolling back never loses a token, and re-fetching is harmless: DingTalk
    returns the same token inside its validity window.
    """

    _name = "dingtalk.token"
    _description = "DingTalk Access Token"
    _log_access = False

    company_id = fields.Many2one("res.company", required=True, ondelete="cascade", index=True)
    token = fields.Char(required=True)
    expires_at = fields.Float(required=True, help="Epoch seconds.")

    _sql_constraints = [("company_uniq", "unique(company_id)", "One DingTalk token per company.")]

    def _cache_key(self, company):
        return (self.env.cr.dbname, company.id)

    def _get_valid(self, company, margin):
        now = time.time()
        cached = _PROCESS_CACHE.get(self._cache_key(company))
        if cached and cached[1] - now > margin:
            return cached[0]
        self.env.cr.execute(
            "SELECT token, expires_at FROM dingtalk_token WHERE company_id = %s", [company.id]
        )
        row = self.env.cr.fetchone()
        if row and row[1] - now > margin:
            _PROCESS_CACHE[self._cache_key(company)] = row
            return row[0]
        return None

    def _store(self, company, token, expires_in):
        expires_at = time.time() + expires_in
        _PROCESS_CACHE[self._cache_key(company)] = (token, expires_at)
        query = """
            INSERT INTO dingtalk_token (company_id, token, expires_at) VALUES (%s, %s, %s)
            ON CONFLICT (company_id) DO UPDATE SET token = EXCLUDED.token, expires_at = EXCLUDED.expires_at
        """
        if getattr(threading.current_thread(), "testing", False):
            self.env.cr.execute(query, [company.id, token, expires_at])  # tests may not commit
            return
        with self.env.registry.cursor() as cr:
            cr.execute(query, [company.id, token, expires_at])

    def _forget(self, company):
        """Drop the process copy; the row is overwritten by the forced refresh.

        Deleting the row here would lock it in this transaction while the
        refresh upserts it through another cursor: a self-deadlock.
        """
        _PROCESS_CACHE.pop(self._cache_key(company), None)
