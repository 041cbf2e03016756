# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Contract terms on orders and their renewal (合同续约, issue 17).

A confirmed order with a contract end is a contract. Its ``renewal_state`` is a fact
the system derives (see ``_renewal_state_for``) and writes; users set the term, the
renewal type and, when they did not confirm it from the renewal opportunity, the
predecessor a new order renews.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.local_dates import company_today
from .crm_full_guard import check_link_targets

RENEWAL_TYPES = [("none", "No Renewal"), ("manual", "Manual"), ("automatic", "Automatic")]
RENEWAL_STATES = [
    ("none", "No Contract"),
    ("running", "Running"),
    ("due", "Renewal Due"),
    ("renewed", "Renewed"),
    ("lost", "Lost"),
]
# Fields whose change may move a contract's renewal state.
RENEWAL_WATCHED_FIELDS = {"contract_end", "renewal_type", "state", "renewal_of_id", "company_id"}


class SaleOrder(models.Model):
    _inherit = "sale.order"

    contract_start = fields.Date(copy=False, tracking=True)
    contract_end = fields.Date(copy=False, tracking=True, index=True)
    renewal_type = fields.Selection(
        RENEWAL_TYPES,
        default="manual",
        required=True,
        tracking=True,
        help="Manual: a renewal opportunity is opened for the salesperson before the end. "
        "Automatic: the same, and on the end date a draft renewal order for the next term is "
        "prepared for the salesperson to confirm. No Renewal: the contract simply ends.",
    )
    renewal_of_id = fields.Many2one(
        "sale.order",
        string="Renews Contract",
        compute="_compute_renewal_of_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        copy=False,
        check_company=True,
        domain="[('contract_end', '!=', False), ('state', '=', 'sale')]",
        help="The contract this order renews; set from the renewal opportunity.",
    )
    renewed_by_ids = fields.One2many("sale.order", "renewal_of_id", string="Renewed By")
    renewal_state = fields.Selection(
        RENEWAL_STATES,
        default="none",
        required=True,
        copy=False,
        readonly=True,
        index=True,
        tracking=True,
        help="Derived by the system: running, due (within the renewal lead days of its end), "
        "renewed (a renewal order is confirmed) or lost (it ended without one).",
    )
    renewal_lead_ids = fields.One2many(
        "crm.lead",
        "renewal_of_order_id",
        string="Renewal Opportunities",
        groups="sales_team.group_sale_salesman",  # finance reads orders, not leads
    )

    @api.model
    def _system_fields(self):
        return super()._system_fields() | {"renewal_state"}

    @api.constrains("contract_start", "contract_end")
    def _check_contract_dates(self):
        for order in self:
            if order.contract_start and order.contract_end <= order.contract_start:
                raise ValidationError(
                    self.env._(
                        "The contract of %(order)s must end after it starts (%(start)s).",
                        order=order.name,
                        start=order.contract_start,
                    )
                )
            if order.contract_end and not order.contract_start:
                raise ValidationError(
                    self.env._("The contract of %(order)s needs a start date.", order=order.name)
                )

    @api.constrains("renewal_of_id")
    def _check_renewal_of_id(self):
        for order in self:
            if order.renewal_of_id == order or order.renewal_of_id.renewal_of_id == order:
                raise ValidationError(self.env._("A contract cannot renew itself."))

    @api.depends("opportunity_id")
    def _compute_renewal_of_id(self):
        for order in self:
            predecessor = order.opportunity_id.sudo().renewal_of_order_id
            if predecessor and not order.renewal_of_id:
                order.renewal_of_id = predecessor.id

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        check_link_targets(self.env, "sale.order", [v.get("renewal_of_id") for v in vals_list])
        orders = super().create(vals_list)
        orders._renewal_sync_states()
        return orders

    def write(self, vals):
        if vals.get("renewal_of_id"):
            check_link_targets(self.env, "sale.order", [vals["renewal_of_id"]])
        predecessors = self.renewal_of_id if "renewal_of_id" in vals else self.browse()
        result = super().write(vals)
        if RENEWAL_WATCHED_FIELDS & vals.keys():
            # confirming or cancelling a renewal moves its predecessor (state is written)
            (self | predecessors | self.renewal_of_id)._renewal_sync_states()
        return result

    def _lifecycle_on_confirm(self):
        """A renewal is a repurchase (复购): its customer reaches Repeat Customer, with
        the renewal order as the cause, before the order count decides for the rest."""
        renewals = self.filtered("renewal_of_id")
        self.env["res.partner"]._lifecycle_advance_records(
            "repeat", renewals, reason=self.env._("Contract renewal")
        )
        return super()._lifecycle_on_confirm()

    def action_view_renewal_leads(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("crm.crm_lead_opportunities")
        action["domain"] = [("renewal_of_order_id", "=", self.id)]
        action["context"] = {"active_test": False}
        return action

    # ------------------------------------------------------------
    # RENEWAL STATE
    # ------------------------------------------------------------
    def _renewal_state_for(self, today, lead_days, open_lead_ids):
        """The renewal state ``self`` (one order) should be in on ``today``."""
        self.ensure_one()
        if self.state != "sale" or not self.contract_end or self.renewal_type == "none":
            return "none"
        if any(order.state == "sale" for order in self.renewed_by_ids):
            return "renewed"
        if self.contract_end < today and self.id not in open_lead_ids:
            return "lost"
        if (self.contract_end - today).days <= lead_days:
            return "due"
        return "running"

    def _renewal_sync_states(self):
        """Write the renewal state each order of ``self`` should have today, as the
        system, one write per state that changes."""
        # orders that never had a contract cost nothing (every order passes here); as
        # the system: a renewal moves a predecessor its author may not read
        orders = self.sudo().filtered(
            lambda order: order.contract_end or order.renewal_state != "none"
        )
        if not orders:
            return
        orders = orders.exists()
        # a renewal opportunity still open (lost ones are archived) keeps an ended
        # contract due rather than lost: the salesperson is still on it
        open_lead_ids = {
            order.id
            for (order,) in self.env["crm.lead"]
            .sudo()
            ._read_group([("renewal_of_order_id", "in", orders.ids)], ["renewal_of_order_id"])
        }
        changes = {}
        for company, company_orders in orders.grouped("company_id").items():
            today = company_today(company)
            lead_days = company.renewal_lead_days
            for order in company_orders:
                state = order._renewal_state_for(today, lead_days, open_lead_ids)
                if state != order.renewal_state:
                    changes.setdefault(state, order.browse())
                    changes[state] |= order
        for state, changed in changes.items():
            changed.write({"renewal_state": state})
