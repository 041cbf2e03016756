# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import Counter
from datetime import timedelta
from unittest.mock import patch

from odoo import api, fields
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged

from odoo.addons.customer_360.models.res_partner_health_recompute import RECOMPUTE_AFTER_HOURS


@tagged("post_install", "-at_install", "customer_360", "customer_360_health")
class TestHealthRecomputeConcurrency(BaseCase):
    """Two health recompute workers at once: the batch one holds is skipped
    by the other (FOR UPDATE SKIP LOCKED), and in the end every customer has
    exactly one snapshot this week.

    Needs committed rows (a second transaction cannot see uncommitted ones),
    so it creates them through its own cursor and deletes them afterwards.
    The workers see only these customers: the database's other customers
    (demo data) are not recomputed and committed by this test.
    """

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            partners = env["res.partner"].create(
                [
                    {"name": f"并发健康客户 {i}", "is_company": True, "customer_rank": 1}
                    for i in range(7)
                ]
            )
            self.partner_ids = partners.ids
        self.addCleanup(self._delete_partners)
        Partner = self.registry["res.partner"]
        customer_where = Partner._health_customer_where
        ids = ", ".join(map(str, self.partner_ids))

        def only_ours(model, alias="res_partner"):
            return f"{customer_where(model, alias)} AND {alias}.id IN ({ids})"

        scope = patch.object(Partner, "_health_customer_where", only_ours)
        scope.start()
        self.addCleanup(scope.stop)

    def _delete_partners(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["res.partner"].browse(self.partner_ids).unlink()

    def _snapshot_counts(self, cr):
        cr.execute(
            "SELECT partner_id, date FROM customer_health_snapshot WHERE partner_id = ANY(%s)",
            [self.partner_ids],
        )
        rows = cr.fetchall()
        return Counter(partner_id for partner_id, _date in rows), {date for _id, date in rows}

    def test_second_worker_skips_the_batch_the_first_holds(self):
        cutoff = fields.Datetime.now() - timedelta(hours=RECOMPUTE_AFTER_HOURS)
        with self.registry.cursor() as first, self.registry.cursor() as second:
            second.execute("SET lock_timeout = '5s'")  # a wait would be a failure, not a hang
            first_env = api.Environment(first, api.SUPERUSER_ID, {})
            second_env = api.Environment(second, api.SUPERUSER_ID, {})
            # Worker A claims its first batch and scores it, as the cron does;
            # its row locks last until it commits.
            batch = first_env["res.partner"]._health_claim_batch(3, cutoff)
            self.assertEqual(batch, self.partner_ids[:3])
            first_env["res.partner"].browse(batch)._health_recompute()
            # Worker B runs the whole cron meanwhile, two customers a batch.
            done = second_env["res.partner"]._cron_health_recompute(batch_size=2)
            self.assertEqual(done, 4, "B is not blocked: it takes the four others")
            counts, _dates = self._snapshot_counts(second)
            self.assertEqual(set(counts), set(self.partner_ids[3:]), "none of A's batch")
            first.commit()
            second.commit()
        with self.registry.cursor() as cr:
            counts, dates = self._snapshot_counts(cr)
            self.assertEqual(counts, dict.fromkeys(self.partner_ids, 1))
            self.assertEqual(len(dates), 1, "one week")
            monday = dates.pop()
            self.assertEqual(monday.weekday(), 0)
            self.assertLess(fields.Date.today() - monday, timedelta(days=7))
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            self.assertEqual(
                env["res.partner"]._cron_health_recompute(), 0, "both workers' rows are done"
            )
            cr.rollback()
