# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, models

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

    def _invoice_activity_author(self):
        """The order as the user the to-do comes from. A customer confirming on the
        portal (public or portal user, often without an e-mail) is no sender for the
        assignment mail: the order's salesperson is, else OdooBot."""
        self.ensure_one()
        if not self.env.user.share:
            return self
        salesperson = self.user_id
        if salesperson.active and not salesperson.share and salesperson.email:
            return self.with_user(salesperson)
        return self.with_user(SUPERUSER_ID)

    def _schedule_invoice_activity(self):
        """One 'Issue the invoice' to-do per confirmed order for finance."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for order in self:
            user = order._get_invoice_activity_user()
            env = recipient_env(self.env, user)  # finance reads it in their language
            summary = env._("Issue the invoice")
            if not user or order.activity_ids.filtered(lambda a, s=summary: a.summary == s):
                continue
            order._invoice_activity_author().sudo().activity_schedule(
                activity_type_id=activity_type.id,
                summary=summary,
                note=env._("Confirmed order %s: please issue the customer invoice.", order.name),
                user_id=user.id,
            )
