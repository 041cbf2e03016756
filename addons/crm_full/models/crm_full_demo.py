# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Demo data helpers, called from demo/*.xml through <function> only.

The demo is a Chinese company with a year of history; Odoo's ORM stamps "now" on
what it creates and refuses a currency change once journal items exist, so these
few steps are done here, as superuser, while the demo loads."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

# Rate → (name, label on invoices): Chinese VAT (增值税) since April 2019.
DEMO_VAT = {
    13: ("增值税 13%", "VAT 13%"),
    9: ("增值税 9%", "VAT 9%"),
    6: ("增值税 6%", "VAT 6%"),
}


DEMO_CNY_SKIP = ("res.country", "res.currency.rate")


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model
    def _crm_full_demo_add_chinese(self):
        """zh_CN beside en_US: active, with the terms of the modules installed so far
        (modules installed after this load theirs themselves)."""
        Lang = self.env["res.lang"]
        if Lang._lang_get("zh_CN"):
            return
        Lang._activate_lang("zh_CN")
        modules = self.env["ir.module.module"].search([("state", "=", "installed")])
        modules._update_translations("zh_CN")

    @api.model
    def _crm_full_demo_localize(self):
        """Make the main company a CNY company with Chinese VAT, as the demo's first step.

        Odoo refuses to change a company's currency once it has journal items, and
        account's own demo data has posted some by now. They are demo amounts: every
        stored reference to the old currency is re-denominated 1:1 to CNY, which is what
        choosing CNY before the first entry would have given."""
        company = self.env.ref("base.main_company")
        cny = self.env.ref("base.CNY")
        cny.active = True
        old = company.currency_id
        if old != cny:
            self.env.flush_all()
            for model in self.env.registry.values():
                # reference data (a country's currency, rates) is not the company's
                if model._abstract or not model._auto or model._name in DEMO_CNY_SKIP:
                    continue
                for field in model._fields.values():
                    if (
                        field.type == "many2one"
                        and field.comodel_name == "res.currency"
                        and field.store
                        and not field.company_dependent
                    ):
                        self.env.cr.execute(
                            SQL(
                                "UPDATE %s SET %s = %s WHERE %s = %s",
                                SQL.identifier(model._table),
                                SQL.identifier(field.name),
                                cny.id,
                                SQL.identifier(field.name),
                                old.id,
                            )
                        )
            self.env.invalidate_all()
        if "account.tax" in self.env:
            self._crm_full_demo_vat(company)

    def _crm_full_demo_vat(self, company):
        """VAT 13 % (goods, the default sale tax), 9 % and 6 % (services), made from the
        chart's own sale tax so they post to its tax accounts; xml ids for the demo."""
        cn = self.env.ref("base.cn")
        group = self.env["account.tax.group"].create(
            {"name": "增值税 VAT", "company_id": company.id, "country_id": cn.id}
        )
        template = company.account_sale_tax_id
        taxes = {}
        for rate, (name, label) in DEMO_VAT.items():
            vals = {
                "name": name,
                "invoice_label": label,
                "description": f"{rate}%",
                "amount": rate,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "company_id": company.id,
                "country_id": cn.id,
                "tax_group_id": group.id,
            }
            taxes[rate] = template.copy(vals) if template else self.env["account.tax"].create(vals)
        purchase = company.account_purchase_tax_id
        vals = {
            "name": "进项增值税 13%",
            "invoice_label": "Input VAT 13%",
            "amount": 13,
            "amount_type": "percent",
            "type_tax_use": "purchase",
            "company_id": company.id,
            "country_id": cn.id,
            "tax_group_id": group.id,
        }
        purchase_13 = purchase.copy(vals) if purchase else self.env["account.tax"].create(vals)
        company.write(
            {"account_sale_tax_id": taxes[13].id, "account_purchase_tax_id": purchase_13.id}
        )
        self.env["ir.model.data"]._update_xmlids(
            [
                *(
                    {
                        "xml_id": f"crm_full.tax_vat_{rate}_sale_demo",
                        "record": tax,
                        "noupdate": True,
                    }
                    for rate, tax in taxes.items()
                ),
                {
                    "xml_id": "crm_full.tax_vat_13_purchase_demo",
                    "record": purchase_13,
                    "noupdate": True,
                },
            ]
        )


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _crm_full_demo_lifecycle_history(self, paths):
        """Replace the stage moves logged as the demo created these customers with the
        path a year of business would have left, up to the stage each has reached.

        :param paths: [[partner id, [days ago of each stage, in stage order]], ...]
        """
        History = self.env["crm.lifecycle.history"]
        stages = self.env["crm.lifecycle.stage"].search([], order="sequence, id")
        now = fields.Datetime.now()
        partners = self.browse([partner_id for partner_id, _days in paths])
        History.search([("partner_id", "in", partners.ids), ("axis", "=", "stage")]).unlink()
        vals_list = []
        for partner, (_partner_id, days_ago) in zip(partners, paths, strict=True):
            reached = partner.lifecycle_stage_id
            previous = stages.browse()
            for stage, days in zip(stages, days_ago, strict=False):
                if reached and stage.sequence > reached.sequence:
                    break
                vals_list.append(
                    {
                        "partner_id": partner.id,
                        "axis": "stage",
                        "old_stage_id": previous.id,
                        "new_stage_id": stage.id,
                        "date": now - timedelta(days=days),
                    }
                )
                previous = stage
        History.create(vals_list)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.model
    def _crm_full_demo_close_won(self, lead_ids, pay_days):
        """The orders that winning these back-dated demo deals drafted: confirmed on the
        day each deal was won, invoiced and paid ``pay_days`` later (demo: no approval)."""
        orders = self.search([("opportunity_id", "in", lead_ids), ("state", "=", "draft")])
        for order in orders:
            order.write({"state": "sale", "date_order": order.opportunity_id.date_closed})
        self._crm_full_demo_invoice([[order.id, pay_days] for order in orders])

    @api.model
    def _crm_full_demo_invoice(self, plans):
        """Invoice confirmed demo orders two days after their order date and register the
        payment some days later (None: still open).

        :param plans: [[order id, days from invoice to payment or None], ...]
        """
        for order_id, pay_days in plans:
            order = self.browse(order_id)
            invoice = order._create_invoices()
            invoice_date = order.date_order.date() + timedelta(days=2)
            invoice.write({"invoice_date": invoice_date, "invoice_date_due": invoice_date})
            invoice.action_post()
            if pay_days is None:
                continue
            wizard = (
                self.env["account.payment.register"]
                .with_context(active_model="account.move", active_ids=invoice.ids)
                .create({"payment_date": invoice_date + timedelta(days=pay_days)})
            )
            wizard._create_payments()
