# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from .crm_recipient import recipient_env


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _action_confirm(self):
        res = super()._action_confirm()
        self._schedule_invoice_activity()
        return res

    def _get_invoice_activity_user(self):
        """Finance user who issues the invoice: the company setting, else the first
        active member of the Invoicing group allowed in the order's company."""
        self.ensure_one()
        company = self.company_id
        if company.invoice_activity_user_id.active:
            return company.invoice_activity_user_id
        group = self.env.ref("account.group_account_invoice")
        users = group.sudo().users.filtered(
            lambda u: u.active and not u.share and company in u.company_ids
        )
        return users.sorted("id")[:1]

    def _schedule_invoice_activity(self):
        """One 'Issue the invoice' to-do per confirmed order for finance."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for order in self:
            user = order._get_invoice_activity_user()
            env = recipient_env(self.env, user)  # finance reads it in their language
            summary = env._("Issue the invoice")
            if not user or order.activity_ids.filtered(lambda a, s=summary: a.summary == s):
                continue
            order.sudo().activity_schedule(
                activity_type_id=activity_type.id,
                summary=summary,
                note=env._("Confirmed order %s: please issue the customer invoice.", order.name),
                user_id=user.id,
            )
