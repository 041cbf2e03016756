# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon


class ServiceDeskCommon(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_agent = new_test_user(
            cls.env, "sd_agent", groups="service_desk.service_desk_group_user"
        )
        cls.user_manager = new_test_user(
            cls.env, "sd_manager", groups="service_desk.service_desk_group_manager"
        )
        cls.team = cls.env["service.desk.team"].create(
            {"name": "L1", "member_ids": [(4, cls.user_agent.id)]}
        )
        cls.customer = cls.env["res.partner"].create({"name": "启明制造", "is_company": True})
        cls.stage_new = cls.env.ref("service_desk.stage_new")
        cls.stage_solved = cls.env.ref("service_desk.stage_solved")

    @classmethod
    def _new_ticket(cls, **vals):
        return cls.env["service.desk.ticket"].create(
            {
                "name": "Printer offline",
                "team_id": cls.team.id,
                "partner_id": cls.customer.id,
                **vals,
            }
        )
