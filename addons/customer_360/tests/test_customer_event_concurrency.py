# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged


@tagged("post_install", "-at_install", "customer_360_events")
class TestCustomerEventConcurrency(BaseCase):
    """Two requests push the same event at once: one stores it, the other is
    told "duplicate", and nothing is logged as an error.

    Regression: the second request's INSERT hit the unique index, the cursor
    logged a "bad query" ERROR, and looking for the other request's row again
    could not find it (REPEATABLE READ hides rows committed after the
    transaction's first query), so the second INSERT failed too and the
    request ended in an error instead of "duplicate".

    Needs committed rows (a second transaction cannot see uncommitted ones),
    so it creates them through its own cursors and deletes them afterwards.
    """

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            self.partner_id = (
                env["res.partner"].create({"name": "并发事件客户", "is_company": True}).id
            )
        self.addCleanup(self._delete_records)

    def _delete_records(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["customer.event"].search([("partner_id", "=", self.partner_id)]).unlink()
            env["res.partner"].browse(self.partner_id).unlink()

    def _item(self, external_id):
        return {
            "source": "app",
            "external_id": external_id,
            "type": "login",
            "customer_id": self.partner_id,
        }

    def test_same_event_from_two_requests(self):
        with self.registry.cursor() as first, self.registry.cursor() as second:
            second.execute("SET lock_timeout = '5s'")  # a wait would be a failure, not a hang
            first_env = api.Environment(first, api.SUPERUSER_ID, {})
            second_env = api.Environment(second, api.SUPERUSER_ID, {})
            # The second request is under way (its snapshot is taken) before
            # the first one commits: the state of an INSERT that waited for it.
            self.assertFalse(second_env["customer.event"].search([("external_id", "=", "dup-1")]))
            with self.assertNoLogs(level="WARNING"):
                answer_first = first_env["customer.event"]._ingest([self._item("dup-1")])
                first.commit()
                self.assertFalse(
                    second_env["customer.event"].search([("external_id", "=", "dup-1")]),
                    "the second request cannot see the first one's event: only the index can",
                )
                answer_second = second_env["customer.event"]._ingest(
                    [self._item("dup-1"), self._item("new-2")]
                )
                second.commit()
        self.assertEqual([r["status"] for r in answer_first], ["accepted"])
        self.assertEqual(
            [r["status"] for r in answer_second],
            ["duplicate", "accepted"],
            "the other request's event is a duplicate; the rest of the batch is stored",
        )
        with self.registry.cursor() as cr:
            events = api.Environment(cr, api.SUPERUSER_ID, {})["customer.event"].search(
                [("partner_id", "=", self.partner_id)]
            )
            self.assertEqual(sorted(events.mapped("external_id")), ["dup-1", "new-2"])
            stored = {event.external_id: event.id for event in events}
        self.assertEqual(answer_first[0]["id"], stored["dup-1"])
        self.assertEqual(answer_second[1]["id"], stored["new-2"])
