# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

# Categories whose rights a new user gets from the role ticked for them, never from
# Odoo's user template: sales_team and account put their Administrator groups on
# base.default_user, so a "salesperson" saw every customer and the books (issue 14).
ROLE_PRESET_CATEGORIES = (
    "base.module_category_sales_sales",
    "base.module_category_accounting_accounting",
    "crm_full.module_category_crm_full",
)


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _default_groups(self):
        """Odoo's template (Settings ▸ Default Access Rights) minus the sales and
        accounting rights: ticking our Salesperson role gives Sales / Own Documents Only
        and nothing more, our Sales Manager Sales / Administrator, finance gets Billing
        or Accounting by hand.

        Filtered here rather than removed from the template: sales_team and account
        add their groups back to it on each update, and Odoo then grants every group
        newly on the template to all internal users (res.users.write).
        """
        groups = super()._default_groups()
        if not groups:
            return groups
        return groups - self._role_preset_groups()

    @api.model
    def _role_preset_groups(self):
        """Hook: the groups that come with a role, not with the user template."""
        categories = self.env["ir.module.category"]
        for xmlid in ROLE_PRESET_CATEGORIES:
            categories |= self.env.ref(xmlid, raise_if_not_found=False) or categories
        return self.env["res.groups"].sudo().search([("category_id", "in", categories.ids)])
