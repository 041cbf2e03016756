# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError


class CustomerSystemFieldsMixin(models.AbstractModel):
    """Stored fields that only the system derives: refused in every create/write
    that does not run as superuser (crons, recomputes and public pages call
    ``sudo()``). ``readonly=True`` binds only the form; this binds RPC too.

    A model inherits the mixin and extends ``_get_system_fields()`` with super().
    """

    _name = "customer.system.fields.mixin"
    _description = "Customer 360: fields written by the system only"

    def _get_system_fields(self):
        """:return: set of field names no user may set by hand."""
        return set()

    def _check_system_fields(self, fnames):
        if self.env.su:
            return
        forbidden = self._get_system_fields().intersection(fnames)
        if forbidden:
            raise AccessError(
                self.env._(
                    "%(model)s: these fields are derived by the system and cannot be set "
                    "by hand: %(fields)s",
                    model=self._description,
                    fields=", ".join(sorted(forbidden)),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_system_fields(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_system_fields(vals)
        return super().write(vals)
