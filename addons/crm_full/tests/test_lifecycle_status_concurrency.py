# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged


@tagged("post_install", "-at_install", "crm_full_lifecycle")
class TestLifecycleStatusConcurrency(BaseCase):
    """Two status cron workers at once take different customers (SKIP LOCKED).

    Needs committed rows, so it creates them through its own cursor and deletes
    them afterwards; both workers roll back.
    """

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            partners = env["res.partner"].create(
                [{"name": f"并发客户 {i}", "is_company": True} for i in range(6)]
            )
            partners._lifecycle_advance("reached")
            self.partner_ids = partners.ids
        self.addCleanup(self._delete_partners)

    def _delete_partners(self):
        with self.registry.cursor() as cr:
            api.Environment(cr, api.SUPERUSER_ID, {})["res.partner"].browse(
                self.partner_ids
            ).unlink()

    def test_two_workers_never_take_the_same_customer(self):
        with self.registry.cursor() as first, self.registry.cursor() as second:
            first_env = api.Environment(first, api.SUPERUSER_ID, {})
            second_env = api.Environment(second, api.SUPERUSER_ID, {})
            taken_first = first_env["res.partner"]._cron_lifecycle_status(batch_size=3)
            taken_second = second_env["res.partner"]._cron_lifecycle_status(batch_size=3)
            self.assertEqual(len(taken_first), 3)
            self.assertTrue(taken_second, "the second worker is not blocked, it takes others")
            self.assertFalse(set(taken_first.ids) & set(taken_second.ids))
            first.rollback()
            second.rollback()
