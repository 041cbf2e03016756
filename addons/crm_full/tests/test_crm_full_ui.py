# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "crm_full_ui")
class TestCrmFullUi(HttpCase):
    def test_lifecycle_kanban(self):
        self.env["res.partner"].create(
            {
                "name": "Tour Lifecycle Co",
                "is_company": True,
                "lifecycle_stage_id": self.env.ref("crm_full.lifecycle_stage_opportunity").id,
            }
        )
        self.start_tour("/odoo", "crm_full_lifecycle_tour", login="admin")
