# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import new_test_user

from .common import CrmFullCommon


class CrmFullOrderCommon(CrmFullCommon):
    """Personas and helpers for approvals, won orders and payment plans."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_director = new_test_user(
            cls.env,
            "cf_director",
            groups="crm_full.crm_full_group_sales_director",
            email="director@example.com",
        )
        cls.user_gm = new_test_user(
            cls.env,
            "cf_gm",
            groups="crm_full.crm_full_group_general_manager",
            email="gm@example.com",
        )
        cls.user_finance = new_test_user(
            cls.env,
            "cf_finance",
            groups="account.group_account_invoice",
            email="finance@example.com",
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "Implementation Service",
                "type": "service",
                "list_price": 1000.0,
                "invoice_policy": "order",
                "taxes_id": [Command.clear()],
            }
        )
        cls.rule_director = cls.env.ref("crm_full.crm_approval_rule_sales_director")
        cls.rule_gm = cls.env.ref("crm_full.crm_approval_rule_general_manager")
        # The tests own the ladder: only the two default rules, on the company currency.
        cls.env["crm.approval.rule"].search(
            [("id", "not in", (cls.rule_director | cls.rule_gm).ids)]
        ).active = False

    @classmethod
    def _new_order(cls, amount, user=None, **vals):
        return (
            cls.env["sale.order"]
            .with_user(user or cls.user_sales)
            .create(
                {
                    "partner_id": cls.company_partner.id,
                    # no pricelist: the order is in the company currency the test runs
                    # with (BaseCommon's), not in the default pricelist's (CNY on demo)
                    "pricelist_id": False,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": cls.product.id,
                                "product_uom_qty": 1,
                                "price_unit": amount,
                                "tax_id": [Command.clear()],
                            }
                        )
                    ],
                    **vals,
                }
            )
        )
