# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmApprovalDecision(models.TransientModel):
    _name = "crm.approval.decision"
    _description = "Approve or Reject an Approval Step"

    request_id = fields.Many2one("crm.approval.request", required=True, ondelete="cascade")
    order_id = fields.Many2one(related="request_id.order_id")
    comment = fields.Text(help="Required to reject; the salesperson reads it in the chatter.")

    def action_approve(self):
        self.request_id.action_approve(self.comment)
        return {"type": "ir.actions.act_window_close"}

    def action_reject(self):
        self.request_id.action_reject(self.comment)
        return {"type": "ir.actions.act_window_close"}
