# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.1.0: customer, follow-up and lead rules follow ownership on Odoo's sales groups.

The rules live in noupdate files (an admin may tune them), so an upgrade would keep the
old, looser domains. This security fix reloads crm_full's own rules once; post-migrate
sets noupdate back (Odoo does not, on records it updates).
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE ir_model_data
           SET noupdate = FALSE
         WHERE module = 'crm_full' AND model = 'ir.rule'
        """
    )
