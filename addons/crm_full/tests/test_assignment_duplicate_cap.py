# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .test_assignment import AssignmentCommon


@tagged("crm_full_assignment")
class TestDuplicateOwnerCap(AssignmentCommon):
    """A duplicate (撞单) goes to the owner of its original whatever the rules' cap on
    open leads; it then counts in the owner's load like any lead they hold."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner, cls.colleague = cls.sales[0], cls.sales[1]
        cls.original = cls.env["crm.lead"].create(
            {"name": "原线索", "email_from": "cto@yunfan.example.cn", "user_id": cls.owner.id}
        )

    def _dup(self, **vals):
        return {"name": "撞单", "email_from": "CTO@yunfan.example.cn", **vals}

    def test_owner_at_the_cap_still_gets_the_duplicate(self):
        rule = self._rule("浙江", [], self.owner | self.colleague, max_open_leads=1)
        self.assertEqual(rule.max_open_leads, 1, "the original alone fills the owner's cap")
        dup = self.env["crm.lead"].create(self._dup(state_id=self.zhejiang.id))
        self.assertEqual(dup.duplicate_of_id, self.original)
        self.assertEqual(dup.user_id, self.owner, "not the colleague with room, not the pool")
        self.assertFalse(dup.in_pool)
        self.assertFalse(dup.assignment_rule_id)
        # The preview says so too, instead of naming the member with room.
        _rule, user, lines = dup._assignment_explain()
        self.assertEqual(user, self.owner)
        self.assertIn("duplicates (撞单) 原线索", lines[0])

    def test_duplicates_count_against_the_cap_in_the_same_batch(self):
        """Regression: the rules counted the owner's load before the batch's duplicates
        were written, so a batch could take the owner past the cap."""
        self._rule("RR", [], self.owner | self.colleague, max_open_leads=2)
        dup, *new = self.env["crm.lead"].create(
            [self._dup()] + [{"name": f"新线索 {i}"} for i in range(3)]
        )
        self.assertEqual(dup.user_id, self.owner)
        self.assertEqual(
            [lead.user_id for lead in new],
            [self.colleague, self.colleague, self.env["res.users"]],
            "the owner is full with the original and the duplicate; the colleague takes "
            "two, the third waits in the pool",
        )
        self.assertTrue(new[2].in_pool)
        open_held = self.env["crm.lead"].search_count([("user_id", "=", self.owner.id)])
        self.assertEqual(open_held, 2)
