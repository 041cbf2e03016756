# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    won_order_product_id = fields.Many2one(
        "product.product",
        "Product for Won Opportunities",
        domain=[("sale_ok", "=", True)],
        help="A won opportunity without a quotation gets a draft order with one line of this "
        "product priced at the expected revenue. Empty: no order, a note on the opportunity.",
    )
    invoice_activity_user_id = fields.Many2one(
        "res.users",
        "Invoicing Responsible",
        help="Gets the 'Issue the invoice' to-do of each confirmed order. Empty: the first "
        "user of the Invoicing group in the company.",
    )
    approval_allow_self = fields.Boolean(
        "Allow Self-Approval",
        help="A requester who is the only possible approver of a step may approve their own "
        "request. Off: someone else must always decide (segregation of duties).",
    )
    renewal_lead_days = fields.Integer(
        "Renewal Lead Days",
        default=60,
        help="How many days before a contract ends its salesperson gets the renewal "
        "opportunity, and the contract counts as due for renewal.",
    )

    @api.constrains("renewal_lead_days")
    def _check_renewal_lead_days(self):
        for company in self:
            if not 0 <= company.renewal_lead_days <= 366:
                raise ValidationError(
                    self.env._("Renewal lead days must be between 0 and 366 (a year and a day).")
                )
