# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "customer_360_ui")
class TestCustomer360Ui(HttpCase):
    def test_360_form_from_the_list(self):
        account = self.env["res.partner"].create({"name": "Tour 360 Co", "is_company": True})
        self.env["service.desk.ticket"].create({"name": "Tour ticket", "partner_id": account.id})
        self.start_tour("/odoo", "customer_360_tour", login="admin")
