# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A user outside Customer 360 gets nothing of the 360 view.

Timeline search and read_group are covered in test_customer_timeline_sources;
here: the 360 figures, the 360 form as the web client loads it, the menu and
the timeline page. The user may read partners, leads and tickets themselves.
"""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.mail.tests.common import mail_new_test_user

C360_FIELDS = [
    "c360_open_opportunity_count",
    "c360_open_pipeline",
    "c360_open_ticket_count",
    "c360_nps",
    "c360_nps_last_score",
    "c360_event_count",
]


@tagged("post_install", "-at_install", "customer_360")
class TestCustomer360Access(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.outsider = mail_new_test_user(
            cls.env,
            login="c360_outsider",
            groups="base.group_user,sales_team.group_sale_salesman_all_leads,"
            "service_desk.service_desk_group_user",
        )
        cls.insider = mail_new_test_user(
            cls.env,
            login="c360_insider",
            groups="base.group_user,customer_360.customer_360_group_user,"
            "service_desk.service_desk_group_user",
        )
        cls.account = cls.env["res.partner"].create({"name": "成都蓝海物流", "is_company": True})
        cls.env["service.desk.ticket"].create({"name": "Late truck", "partner_id": cls.account.id})
        cls.form = cls.env.ref("customer_360.res_partner_view_form_c360")

    def test_outsider_reads_no_360_figure(self):
        self.assertEqual(self.account.with_user(self.insider).c360_open_ticket_count, 1)
        partner = self.account.with_user(self.outsider)
        self.assertEqual(partner.name, "成都蓝海物流", "the partner itself stays readable")
        for fname in C360_FIELDS:
            with self.assertRaises(AccessError, msg=fname):
                partner.read([fname])
        with self.assertRaises(AccessError):
            partner.web_read({fname: {} for fname in C360_FIELDS})

    def test_outsider_gets_the_360_form_without_its_figures(self):
        views = self.env["res.partner"].with_user(self.outsider).get_views([(self.form.id, "form")])
        arch = views["views"]["form"]["arch"]
        self.assertNotIn('<field name="c360_', arch)
        self.assertNotIn('<field name="clv_historic"', arch, "nor the customer value")
        self.assertNotIn("action_c360_open_timeline", arch)
        self.assertFalse([f for f in views["models"]["res.partner"]["fields"] if "c360_" in f])
        insider_views = (
            self.env["res.partner"].with_user(self.insider).get_views([(self.form.id, "form")])
        )
        arch = insider_views["views"]["form"]["arch"]
        self.assertIn("c360_open_ticket_count", arch)
        self.assertNotIn("c360_open_pipeline", arch, "no sales rights, no pipeline")
        # a 360 user without sales rights opens the form (the shared compute
        # once failed on crm.lead)
        spec = {
            fname: {}
            for fname in insider_views["models"]["res.partner"]["fields"]
            if fname.startswith("c360_") and fname != "c360_currency_id"
        }
        values = self.account.with_user(self.insider).web_read(spec)[0]
        self.assertEqual(values["c360_open_ticket_count"], 1)

    def test_outsider_has_no_360_menu_nor_timeline(self):
        root = self.env.ref("customer_360.customer_360_menu_root")
        Menu = self.env["ir.ui.menu"]
        self.assertNotIn(root.id, Menu.with_user(self.outsider)._visible_menu_ids())
        self.assertIn(root.id, Menu.with_user(self.insider)._visible_menu_ids())
        with self.assertRaises(AccessError):
            self.env["customer.timeline"].with_user(self.outsider).web_search_read(
                [("partner_id", "=", self.account.id)], {"name": {}, "kind": {}}, limit=80
            )
