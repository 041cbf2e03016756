# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

# Figures of the 360 view: nothing for users outside Customer 360.
C360_GROUP = "customer_360.customer_360_group_user"


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "customer.system.fields.mixin"]

    c360_open_opportunity_count = fields.Integer(
        string="Open Opportunities",
        compute="_compute_c360_counts",
        groups=C360_GROUP,
    )
    c360_open_pipeline = fields.Monetary(
        string="Open Pipeline",
        compute="_compute_c360_counts",
        currency_field="c360_currency_id",
        groups=C360_GROUP,
    )
    c360_open_ticket_count = fields.Integer(
        string="Open Tickets", compute="_compute_c360_counts", groups=C360_GROUP
    )
    c360_currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_c360_counts",
        string="360 Currency",
        groups=C360_GROUP,
    )

    def _compute_c360_counts(self):
        """Account-level figures: a contact shows its company's numbers.

        One grouped query per source whatever the number of partners, so a
        list of customers costs the same as one customer.
        """
        accounts = self.commercial_partner_id
        # A 360 user without sales (or service) rights sees the other figures:
        # the view hides these, the shared compute must not fail on them.
        opportunities, tickets = {}, {}
        if self.env["crm.lead"].has_access("read"):
            opportunities = {
                partner: (count, revenue)
                for partner, count, revenue in self.env["crm.lead"]._read_group(
                    self._c360_open_opportunity_domain(accounts),
                    ["commercial_partner_id"],
                    ["__count", "expected_revenue:sum"],
                )
            }
        if self.env["service.desk.ticket"].has_access("read"):
            tickets = dict(
                self.env["service.desk.ticket"]._read_group(
                    [("commercial_partner_id", "in", accounts.ids), ("is_done", "=", False)],
                    ["commercial_partner_id"],
                    ["__count"],
                )
            )
        for partner in self:
            account = partner.commercial_partner_id
            count, revenue = opportunities.get(account, (0, 0.0))
            partner.c360_open_opportunity_count = count
            partner.c360_open_pipeline = revenue
            partner.c360_open_ticket_count = tickets.get(account, 0)
            partner.c360_currency_id = self.env.company.currency_id

    def _c360_open_opportunity_domain(self, accounts):
        return [
            ("commercial_partner_id", "in", accounts.ids),
            ("type", "=", "opportunity"),
            ("stage_id.is_won", "=", False),
        ]

    def action_open_c360(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Customer 360"),
            "res_model": "res.partner",
            "res_id": self.commercial_partner_id.id,
            "view_mode": "form",
            "views": [(self.env.ref("customer_360.res_partner_view_form_c360").id, "form")],
        }

    def action_c360_open_opportunities(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("crm.crm_lead_opportunities")
        action["domain"] = self._c360_open_opportunity_domain(self.commercial_partner_id)
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action

    def action_c360_open_tickets(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_desk.service_desk_ticket_action"
        )
        action["domain"] = [("commercial_partner_id", "in", self.commercial_partner_id.ids)]
        action["context"] = {"default_partner_id": self.id, "search_default_open": 1}
        return action

    def action_c360_open_timeline(self):
        """The account's timeline: a contact opens its company's history."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_360.customer_timeline_action"
        )
        account = self.commercial_partner_id
        action["name"] = self.env._("Timeline of %s", account.display_name)
        action["domain"] = [("partner_id", "=", account.id)]
        return action
