# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

# Contracts that still have a renewal ahead of them.
CURRENT_RENEWAL_STATES = ("running", "due")


class ResPartner(models.Model):
    _inherit = "res.partner"

    contract_count = fields.Integer(
        compute="_compute_contract_stats", groups="sales_team.group_sale_salesman"
    )
    current_contract_ids = fields.Many2many(
        "sale.order",
        string="Current Contracts",
        compute="_compute_contract_stats",
        groups="sales_team.group_sale_salesman",
    )
    next_renewal_date = fields.Date(
        compute="_compute_contract_stats",
        groups="sales_team.group_sale_salesman",
        help="The earliest end of the customer's running or due contracts.",
    )

    def _compute_contract_stats(self):
        """The contracts of the customer's whole company the user may read, in one
        search: counts and next end per commercial partner."""
        accounts = self.commercial_partner_id
        contracts = (
            self.env["sale.order"].search(
                [
                    ("partner_id", "child_of", accounts.ids),
                    ("contract_end", "!=", False),
                    ("state", "=", "sale"),
                ],
                order="contract_end",
            )
            if accounts.ids
            else self.env["sale.order"]
        )
        by_account = contracts.grouped(lambda order: order.partner_id.commercial_partner_id)
        for partner in self:
            mine = by_account.get(partner.commercial_partner_id, contracts.browse())
            current = mine.filtered(lambda order: order.renewal_state in CURRENT_RENEWAL_STATES)
            partner.contract_count = len(mine)
            partner.current_contract_ids = current
            partner.next_renewal_date = current[:1].contract_end

    def action_view_contracts(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("crm_full.sale_order_contract_action")
        action["domain"] = [
            ("partner_id", "child_of", self.commercial_partner_id.id),
            ("contract_end", "!=", False),
            ("state", "=", "sale"),
        ]
        action["context"] = {"default_partner_id": self.id}
        return action
