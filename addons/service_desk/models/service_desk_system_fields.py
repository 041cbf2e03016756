# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError


class ServiceDeskSystemFieldsMixin(models.AbstractModel):
    """Stored fields that only the system derives (SLA engine, metrics, ratings, numbering):
    refused in every create/write that does not run as superuser. ``readonly=True``
    binds only the form; this binds RPC too. Server code writes them with ``sudo()``.

    Put the mixin *first* in ``_inherit`` so that its check sees the caller's values,
    before the model's own overrides add derived ones (``date_done``, ``number``).
    """

    _name = "service.desk.system.fields.mixin"
    _description = "Service Desk: fields written by the system only"

    def _get_system_fields(self):
        """:return: set of field names no user may set by hand (extend with super())."""
        return set()

    def _check_system_fields(self, fnames):
        if self.env.su:
            return
        forbidden = self._get_system_fields().intersection(fnames)
        if forbidden:
            # labels and model name in the user's language, never technical names
            labels = sorted(self._fields[name]._description_string(self.env) for name in forbidden)
            raise AccessError(
                self.env._(
                    "%(fields)s of %(model)s are computed by the system and cannot be set by hand.",
                    fields=", ".join(labels),
                    model=self.env["ir.model"].sudo()._get(self._name).name,
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
