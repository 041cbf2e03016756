# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "dingtalk_connector_ui")
class TestDingtalkConnectorUi(HttpCase):
    def test_admin_adds_a_robot(self):
        self.start_tour("/odoo", "dingtalk_connector_tour", login="admin")
        robot = self.env["dingtalk.robot"].search([("name", "=", "Tour support group")])
        self.assertEqual(
            robot.webhook_url, "https://oapi.dingtalk.com/robot/send?access_token=tour"
        )
