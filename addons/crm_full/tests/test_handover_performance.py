# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Hand-over queries stay flat as the book grows (issue 17): one write per kind and
new owner, never one per record (see tests/benchmarks/bench_crm_handover.py)."""

from odoo.tests import new_test_user, tagged

from .test_handover import CrmHandoverCommon


@tagged("post_install", "-at_install", "crm_full_handover")
class TestHandoverQueries(CrmHandoverCommon):
    def _book(self, size):
        leaver = new_test_user(self.env, f"ho_perf_{size}", groups="crm_full.crm_full_group_user")
        partners = self.env["res.partner"].create(
            [
                {"name": f"Perf {size}-{i}", "is_company": True, "user_id": leaver.id}
                for i in range(size)
            ]
        )
        self.env["crm.lead"].create(
            [
                {
                    "name": f"Perf {size}-{i}",
                    "partner_id": p.id,
                    "user_id": leaver.id,
                    "type": "opportunity",
                }
                for i, p in enumerate(partners)
            ]
        )
        self.env.flush_all()
        self.env.invalidate_all()
        return leaver

    def _run(self, leaver):
        self.env["crm.handover"].with_user(self.user_manager)._handover_run(
            leaver, self.heir_a | self.heir_b
        )
        self.env.flush_all()

    def _queries(self, leaver):
        start = self.env.cr.sql_log_count
        self._run(leaver)
        return self.env.cr.sql_log_count - start

    def test_queries_flat_per_batch(self):
        """5 and 90 customers with a lead each: the same queries (about 115 in all);
        a per-record write would add hundreds. 90 stays under 100 rows, where the ORM's
        flush starts one more UPDATE statement per table (measured: +1 at 120).
        Each book is created right before it moves: creating users empties the
        registry caches, which the next run refills."""
        self._queries(self._book(2))  # warm-up: the manager's groups, rules, digests
        small = self._queries(self._book(5))
        large = self._book(90)
        with self.assertQueryCount(small):
            self._run(large)
