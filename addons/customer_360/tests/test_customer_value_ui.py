# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "customer_360_ui")
class TestCustomerValueUi(HttpCase):
    def test_value_dashboard_opens(self):
        self.start_tour("/odoo/dashboards", "customer_360_value_dashboard_tour", login="admin")
