# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Accounting that tests build themselves: demo data brings a chart of accounts, a
database installed without demo (Odoo's "nodemo" builds) has none."""


def ensure_chart_of_accounts(env, company=None):
    """Load Odoo's generic chart on the company when it has no sales journal yet."""
    company = company or env.company
    journals = env["account.journal"].search_count(
        [("company_id", "=", company.id), ("type", "=", "sale")], limit=1
    )
    if not journals:
        env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)
