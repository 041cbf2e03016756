# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.2.0: company-name keys fold traditional characters into simplified ones
(杭州雲帆科技 = 杭州云帆科技). Stored keys are recomputed; 撞单 flags whose match went
away are cleared, new matches are flagged on the next edit of either side."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.partner"]._dedupe_rekey_all()
    env["crm.lead"]._dedupe_rekey_all()
