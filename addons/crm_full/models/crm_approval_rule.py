# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CrmApprovalRule(models.Model):
    """One approval step required for sale orders above an amount.

    Rules add up: an order needs every active rule of its company whose
    threshold its total (in company currency) strictly exceeds, in sequence
    order. The defaults give > 100,000 → Sales Director and > 500,000 →
    Sales Director, then General Manager.
    """

    _name = "crm.approval.rule"
    _description = "Sale Order Approval Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10, help="Steps are decided in this order.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Empty: the rule applies to every company.", index=True
    )
    amount_threshold = fields.Monetary(
        "Amount Above",
        currency_field="currency_id",
        required=True,
        help="Orders whose total, converted to the company currency, is strictly above "
        "this amount need this step.",
    )
    currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_currency_id",
        help="Thresholds are in the currency of the order's company.",
    )
    approval_mode = fields.Selection(
        [("any", "Any of the approvers (或签)"), ("all", "All of the approvers (会签)")],
        required=True,
        default="any",
    )
    group_ids = fields.Many2many("res.groups", string="Approver Groups")
    user_ids = fields.Many2many("res.users", string="Approver Users")

    _sql_constraints = [
        (
            "amount_threshold_positive",
            "CHECK(amount_threshold >= 0)",
            "The amount threshold of an approval rule cannot be negative.",
        ),
    ]

    @api.depends("company_id")
    def _compute_currency_id(self):
        for rule in self:
            rule.currency_id = (rule.company_id or self.env.company).currency_id

    def _get_approvers(self, company):
        """Users who may decide this step for an order of ``company``."""
        self.ensure_one()
        users = self.user_ids | self.group_ids.users
        return users.filtered(lambda user: user.active and company in user.company_ids)

    def _get_request_approvers(self, company, requester):
        """Who decides this step when ``requester`` asks: the approvers but the requester
        (segregation of duties: nobody approves their own request). When the requester is
        the only approver, they stay so only if the company allows self-approval; else
        nobody is left and the request is refused with the reason.
        """
        self.ensure_one()
        approvers = self._get_approvers(company)
        others = approvers - requester
        if others or requester not in approvers or not company.approval_allow_self:
            return others
        return requester

    def _get_approvers_label(self):
        self.ensure_one()
        return ", ".join(self.group_ids.mapped("name") + self.user_ids.mapped("name"))

    @api.model
    def _get_applicable_rules(self, company, amount):
        """Rules an order of ``amount`` (company currency) needs, in order."""
        # sudo: the gate must not depend on who confirms the order
        rules = self.sudo().search([("company_id", "in", [company.id, False])])
        return rules.filtered(
            lambda rule: company.currency_id.compare_amounts(amount, rule.amount_threshold) > 0
        )
