# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The daily renewal cron: states that time moves, renewal opportunities, and the
draft successor of automatic contracts."""

from dateutil.relativedelta import relativedelta

from odoo import api, models

from ..tools.local_dates import company_today


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.model
    def _cron_renewal(self, batch_size=200):
        """Per company, on its calendar's today: refresh the states time moves, then
        open one renewal opportunity per due contract (at most ``batch_size`` per
        run; the runner calls again while some remain), then prepare the successor
        of automatic contracts that end today."""
        done = remaining = 0
        for company in self.env["res.company"].sudo().search([]):
            today = company_today(company)
            Orders = self.sudo().with_company(company)
            Orders.search(Orders._renewal_moving_domain(company, today))._renewal_sync_states()
            domain = Orders._renewal_lead_missing_domain(company)
            due = Orders.with_context(active_test=False).search(
                domain, limit=batch_size, order="contract_end, id"
            )
            due._renewal_create_leads()
            done += len(due)
            remaining += Orders.with_context(active_test=False).search_count(domain)
            Orders.search(Orders._renewal_auto_domain(company, today))._renewal_prepare_successors()
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    @api.model
    def _renewal_moving_domain(self, company, today):
        """Contracts whose state the passing days can change (running → due → lost)."""
        horizon = today + relativedelta(days=company.renewal_lead_days)
        return [
            ("company_id", "=", company.id),
            ("renewal_state", "in", ("running", "due")),
            ("contract_end", "<=", horizon),
        ]

    @api.model
    def _renewal_lead_missing_domain(self, company):
        """Due contracts that never had a renewal opportunity (lost or archived ones
        count: the opportunity is opened once)."""
        return [
            ("company_id", "=", company.id),
            ("renewal_state", "=", "due"),
            ("renewal_type", "!=", "none"),
            ("renewal_lead_ids", "=", False),
        ]

    @api.model
    def _renewal_auto_domain(self, company, today):
        return [
            ("company_id", "=", company.id),
            ("renewal_state", "=", "due"),
            ("renewal_type", "=", "automatic"),
            ("contract_end", "<=", today),
            ("renewed_by_ids", "=", False),
        ]

    def _renewal_owner(self):
        """Who renews ``self`` (one contract): its salesperson, else the customer's."""
        return self.user_id or self.partner_id.commercial_partner_id.user_id

    def _prepare_renewal_lead_values(self):
        """Values of the renewal opportunity of ``self`` (one contract): for its owner,
        the previous amount (untaxed, in company currency) as expected revenue."""
        self.ensure_one()
        owner = self._renewal_owner()
        company = self.company_id
        amount = self.currency_id._convert(
            self.amount_untaxed, company.currency_id, company, self.contract_end
        )
        name = self.with_context(lang=owner.lang or self.env.lang).env._(
            "Renewal: %(customer)s (%(order)s)",
            customer=self.partner_id.commercial_partner_id.name,
            order=self.name,
        )
        return {
            "name": name,
            "type": "opportunity",
            "partner_id": self.partner_id.id,
            "user_id": owner.id,
            "team_id": self.team_id.id or owner.sale_team_id.id,
            "company_id": company.id,
            "expected_revenue": amount,
            "date_deadline": self.contract_end,
            "renewal_of_order_id": self.id,
        }

    def _renewal_create_leads(self):
        if not self:
            return self.env["crm.lead"]
        Lead = self.env["crm.lead"].sudo().with_context(mail_create_nosubscribe=True)
        return Lead.create([order._prepare_renewal_lead_values() for order in self])

    def _prepare_renewal_successor_values(self):
        """The next term of ``self`` (one automatic contract): as long as this one,
        starting the day after it ends."""
        self.ensure_one()
        start = self.contract_end + relativedelta(days=1)
        length = self.contract_end - self.contract_start
        lead = self.renewal_lead_ids.filtered("active")[:1]
        return {
            "contract_start": start,
            "contract_end": start + length,
            "renewal_type": self.renewal_type,
            "renewal_of_id": self.id,
            "opportunity_id": lead.id,
            "origin": self.name,
        }

    def _renewal_prepare_successors(self):
        """A draft renewal order per automatic contract that ends today: confirming it
        is the salesperson's call (prices and approvals apply as to any order)."""
        for order in self:
            order.copy(order._prepare_renewal_successor_values())
