# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ServiceDeskCommon
from .test_service_desk_zh import load_zh


@tagged("service_desk")
class TestServiceDeskTag(ServiceDeskCommon):
    def test_manager_configures_tags_agent_uses_them(self):
        tag = self.env["service.desk.tag"].with_user(self.user_manager).create({"name": "硬件"})
        self.assertTrue(1 <= tag.color <= 11)
        with self.assertRaises(AccessError):
            self.env["service.desk.tag"].with_user(self.user_agent).create({"name": "远程"})
        ticket = self._new_ticket().with_user(self.user_agent)
        ticket.tag_ids = tag.with_user(self.user_agent)
        Ticket = self.env["service.desk.ticket"].with_user(self.user_agent)
        self.assertEqual(Ticket.search([("tag_ids", "in", tag.ids)]), ticket)
        groups = Ticket._read_group([("id", "=", ticket.id)], ["tag_ids"], ["__count"])
        self.assertEqual(groups, [(tag.with_user(self.user_agent), 1)])

    def test_tag_menu_and_labels_in_chinese(self):
        load_zh(self.env, ["service_desk"])
        menu = self.env.ref("service_desk.service_desk_tag_menu").with_context(lang="zh_CN")
        self.assertEqual(menu.name, "标签")
        self.assertIn(
            self.env.ref("service_desk.service_desk_group_manager"), menu.parent_id.groups_id
        )
        field = self.env["ir.model.fields"]._get("service.desk.ticket", "tag_ids")
        self.assertEqual(field.with_context(lang="zh_CN").field_description, "标签")
