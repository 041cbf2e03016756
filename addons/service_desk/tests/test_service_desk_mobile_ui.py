# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 18: the agent's path on a phone (390×844, touch), in 简体中文: my tickets as
cards with the SLA countdown, then reply and solve in Odoo's mobile form."""

from odoo.tests import tagged

from .test_service_desk_agent_sla_ui import ServiceDeskAgentSlaUiCommon


@tagged("post_install", "-at_install", "service_desk_ui", "mobile")
class TestServiceDeskMobileUi(ServiceDeskAgentSlaUiCommon):
    browser_size = "390,844"
    touch_enabled = True

    def test_agent_reads_sla_replies_and_solves_on_a_phone(self):
        self.start_tour("/odoo", "service_desk_agent_mobile_tour", login="sd_sla_zh_agent")
        self.on_time.invalidate_recordset()
        self.assertEqual(self.on_time.stage_id.category, "solved")
        self.assertEqual(self.on_time.sla_state, "met")
        self.assertEqual(self.on_time.public_reply_count, 1)
