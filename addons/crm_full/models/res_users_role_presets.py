# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, models

from odoo.addons.base.models.res_users import is_reified_group, parse_m2m

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
    def default_get(self, fields):
        """A new user starts from Odoo's template (Settings ▸ Default Access Rights)
        minus the sales and accounting rights: ticking our Salesperson role gives Sales /
        Own Documents Only and nothing more, our Sales Manager Sales / Administrator;
        finance gets Billing or Accounting by hand.

        Filtered here, not in ``_default_groups``: Odoo's test helpers build their users
        from the template's groups, and the template itself is not edited, because Odoo
        grants each group newly put on it to every internal user (res.users.write).
        """
        values = super().default_get(fields)
        if values.get("groups_id"):
            kept = set(parse_m2m(values["groups_id"])) - set(self._role_preset_groups().ids)
            values["groups_id"] = [Command.set(sorted(kept))]
            # the role selections of the user form follow the filtered groups
            self._add_reified_groups([name for name in fields if is_reified_group(name)], values)
        return values

    @api.model
    def _role_preset_groups(self):
        """Hook: the groups that come with a role, not with the user template."""
        categories = self.env["ir.module.category"]
        for xmlid in ROLE_PRESET_CATEGORIES:
            categories |= self.env.ref(xmlid, raise_if_not_found=False) or categories
        return self.env["res.groups"].sudo().search([("category_id", "in", categories.ids)])
