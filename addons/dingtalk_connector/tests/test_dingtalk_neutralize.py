# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.modules.neutralize import get_neutralization_queries
from odoo.tests import tagged

from .common import DingTalkFakeServerCommon


@tagged("dingtalk_neutralize")
class TestDingtalkNeutralize(DingTalkFakeServerCommon):
    def test_neutralize(self):
        robot = self.env["dingtalk.robot"].create(
            {
                "name": "Ops",
                "webhook_url": "https://oapi.dingtalk.com/robot/send?access_token=ops",
            }
        )
        queued = self.env["dingtalk.message"]._enqueue_robot(
            robot, {"msgtype": "text", "text": {"content": "hello"}}
        )
        cron = self.env.ref("dingtalk_connector.ir_cron_dingtalk_send")
        self.assertTrue(cron.active)
        self.env.flush_all()

        for query in get_neutralization_queries(["dingtalk_connector"]):
            self.env.cr.execute(query)
        self.env.invalidate_all()
        self.env.registry.clear_cache()

        self.assertFalse(self.company.sudo().dingtalk_app_secret)
        params = self.env["ir.config_parameter"].sudo()
        for key in ("dingtalk_connector.oapi_base_url", "dingtalk_connector.api_base_url"):
            self.assertEqual(params.get_param(key), "https://dingtalk.invalid")
        self.assertFalse(cron.active)
        self.assertFalse(self.env.ref("dingtalk_connector.ir_cron_dingtalk_user_sync").active)
        self.assertEqual(queued.state, "cancelled")
        self.assertFalse(self.env["dingtalk.token"].sudo().search([]))
