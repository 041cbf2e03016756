# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.1.0: one normalisation for all duplicate keys (E.164 phones, company names
without legal form or bracketed place, credit codes without separators). Stored keys
are recomputed, and 撞单 flags whose match went away are cleared. The record rules,
reloaded by pre-migrate, are protected from later upgrades again."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        "UPDATE ir_model_data SET noupdate = TRUE WHERE module = 'crm_full' AND model = 'ir.rule'"
    )
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.partner"]._dedupe_rekey_all()
    env["crm.lead"]._dedupe_rekey_all()
