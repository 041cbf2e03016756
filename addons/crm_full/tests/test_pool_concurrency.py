# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged


@tagged("post_install", "-at_install", "crm_full_pool")
class TestPoolConcurrency(BaseCase):
    """Two transactions claiming one lead: the second is told, nothing is half-done.

    Needs committed rows (a second transaction cannot see uncommitted ones), so
    it creates them through its own cursors and deletes them afterwards.
    """

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            lead = env["crm.lead"].create({"name": "Concurrent claim", "user_id": False})
            self.lead_id = lead.id
            self.admin_id = env.ref("base.user_admin").id
        self.addCleanup(self._delete_lead)

    def _delete_lead(self):
        with self.registry.cursor() as cr:
            api.Environment(cr, api.SUPERUSER_ID, {})["crm.lead"].browse(self.lead_id).unlink()

    def test_second_claim_waits_for_nobody_and_is_refused(self):
        with self.registry.cursor() as first, self.registry.cursor() as second:
            first_env = api.Environment(first, self.admin_id, {})
            second_env = api.Environment(second, self.admin_id, {})
            first_lead = first_env["crm.lead"].browse(self.lead_id)
            self.assertTrue(first_lead.in_pool)
            first_lead._pool_claim(first_env.user)
            with self.assertRaisesRegex(UserError, "claiming this lead right now"):
                second_env["crm.lead"].browse(self.lead_id)._pool_claim(second_env.user)
            first.commit()
            second.rollback()
            with self.assertRaisesRegex(UserError, "no longer in the public pool"):
                second_env["crm.lead"].browse(self.lead_id)._pool_claim(second_env.user)
