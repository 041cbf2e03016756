# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged


@tagged("post_install", "-at_install", "crm_full_assignment")
class TestAssignmentConcurrency(BaseCase):
    """Two pool-assignment runs at once: each takes its own leads, none is taken twice.

    Needs committed rows (a second transaction cannot see uncommitted ones), so
    it creates them through its own cursors and deletes them afterwards.
    """

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"default_user_id": False})
            env.company.pool_new_leads = True
            self.admin_id = env.ref("base.user_admin").id
            leads = env["crm.lead"].create(
                [{"name": f"并发分配 {i}", "user_id": False} for i in range(10)]
            )
            self.lead_ids = leads.ids
            self.rule_id = (
                env["crm.assignment.rule"]
                .create(
                    {
                        "name": "Concurrent runs",
                        "domain": repr([("name", "=like", "并发分配%")]),
                        "team_id": env["crm.team"].search([], limit=1).id,
                        "member_ids": [Command.set([self.admin_id])],
                        "company_id": False,
                    }
                )
                .id
            )
        self.addCleanup(self._delete_records)

    def _delete_records(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["crm.lead"].browse(self.lead_ids).unlink()
            env["crm.assignment.rule"].browse(self.rule_id).unlink()

    def test_two_runs_assign_no_lead_twice(self):
        after = min(self.lead_ids) - 1
        with self.registry.cursor() as first, self.registry.cursor() as second:
            second.execute("SET lock_timeout = '5s'")  # a wait would be a failure, not a hang
            first_env = api.Environment(first, api.SUPERUSER_ID, {})
            second_env = api.Environment(second, api.SUPERUSER_ID, {})
            self.assertTrue(all(first_env["crm.lead"].browse(self.lead_ids).mapped("in_pool")))
            done_first, _last = first_env["crm.lead"]._assignment_pool_batch(5, after)
            # The first run holds its five rows (and the rule) until it commits.
            done_second, _last = second_env["crm.lead"]._assignment_pool_batch(5, after)
            self.assertEqual((done_first, done_second), (5, 5))
            first.commit()
            second.commit()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            leads = env["crm.lead"].browse(self.lead_ids)
            self.assertEqual(leads.user_id.id, self.admin_id)
            self.assertFalse(any(leads.mapped("in_pool")))
            logs = leads.pool_log_ids.filtered(lambda log: log.action == "assign")
            self.assertEqual(len(logs), 10, "one assignment per lead, none twice")
            self.assertEqual(logs.lead_id, leads)
