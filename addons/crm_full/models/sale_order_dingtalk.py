# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _dingtalk_activity_decision_record(self, activity):
        """The approval step a to-do on this order asks its assignee to decide, for
        dingtalk_connector's Approve / Reject buttons (called duck-typed, issue 18):
        the pending step the assignee still has to sign, else None (an ordinary to-do).

        Read as the system: the to-do is created by whoever requested the approval.
        """
        self.ensure_one()
        assignee = activity.user_id
        step = self.sudo().approval_request_ids.filtered(
            lambda r: (
                r.state == "pending"
                and assignee in r.approver_ids
                and assignee not in r.approved_user_ids
            )
        )[:1]
        return step.with_env(self.env) or None
