# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    def write(self, vals):
        newly_won = self.browse()
        if vals.get("stage_id") and self.env["crm.stage"].browse(vals["stage_id"]).is_won:
            newly_won = self.filtered(lambda lead: not lead.stage_id.is_won)
        res = super().write(vals)
        if newly_won:
            newly_won._create_won_orders()
        return res

    def _create_won_orders(self):
        """Give each won opportunity without a quotation a draft order to work on.

        The notes are logged (``_message_log``), not posted: a log needs no sender
        address, so a salesperson without an e-mail can still win, and it notifies
        nobody, as the note subtype did."""
        orders = self.env["sale.order"]
        for lead in self:
            if lead.type != "opportunity" or lead.order_ids.filtered(lambda o: o.state != "cancel"):
                continue
            company = lead.company_id or self.env.company
            product = company.won_order_product_id
            if not product:
                lead._message_log(
                    body=self.env._(
                        "Won without a quotation, and no product for won opportunities is set "
                        "in the CRM settings: create the quotation by hand."
                    ),
                    message_type="comment",
                )
                continue
            if not lead.partner_id:
                lead._handle_partner_assignment(create_missing=True)
            order = self.env["sale.order"].create(lead._prepare_won_order_values(product))
            lead._message_log(
                body=self.env._(
                    "Draft order %s created for the won opportunity.", order._get_html_link()
                ),
                message_type="comment",
            )
            orders |= order
        return orders

    def _prepare_won_order_values(self, product):
        """Values of the draft order of a won opportunity (hook for other modules)."""
        self.ensure_one()
        line = {"product_id": product.id, "product_uom_qty": 1.0}
        if self.expected_revenue:
            line["price_unit"] = self.expected_revenue
        values = {
            key.removeprefix("default_"): value
            for key, value in self._prepare_opportunity_quotation_context().items()
        }
        values["order_line"] = [(0, 0, line)]
        return values
