# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError


class CrmFullSystemFields(models.AbstractModel):
    """Fields only the system writes: facts derived from events, scores, cron stamps.

    ``readonly=True`` binds the form only; over RPC a user could write them. A model
    inheriting this mixin declares them in ``_system_fields()`` and create/write refuse
    them unless the environment is the superuser's (``env.su``): server code writes them
    with ``sudo()``, and no context key a client could send opens the door.
    """

    _name = "crm.full.system.fields.mixin"
    _description = "System-Written Fields"

    @api.model
    def _system_fields(self):
        """Names of the stored fields only the system writes; extend with super()."""
        return set()

    @api.model_create_multi
    def create(self, vals_list):
        model = self
        if not self.env.su:
            for vals in vals_list:
                self._check_system_fields(self._system_values_set(vals, creating=True))
            model = self._without_system_defaults()
        return super(CrmFullSystemFields, model).create(vals_list).with_env(self.env)

    def write(self, vals):
        if not self.env.su:
            self._check_system_fields(self._system_values_set(vals))
        return super().write(vals)

    @api.model
    def _system_values_set(self, vals, creating=False):
        """The system fields ``vals`` would set. On create an empty value for a field
        without a default changes nothing (imports and clients send them)."""
        names = self._system_fields() & vals.keys()
        if creating:
            names = {n for n in names if vals[n] or self._fields[n].default is not None}
        return names

    @api.model
    def _without_system_defaults(self):
        """``self`` without ``default_<field>`` context keys for system fields: a context
        the client sends must not set what the values may not."""
        keys = {f"default_{name}" for name in self._system_fields()}
        if not keys & self.env.context.keys():
            return self
        return self.with_context({k: v for k, v in self.env.context.items() if k not in keys})

    @api.model
    def _check_system_fields(self, names):
        forbidden = self._system_fields() & set(names)
        if forbidden:
            labels = sorted(
                self._fields[name].get_description(self.env)["string"] for name in forbidden
            )
            raise AccessError(
                self.env._(
                    "%(fields)s of %(model)s are computed by the system and cannot be set by hand.",
                    fields=", ".join(labels),
                    model=self.env["ir.model"].sudo()._get(self._name).name,
                )
            )


def check_link_targets(env, model, ids, operation="write"):
    """Refuse linking a record to customers, leads or orders the user may not edit.

    Record rules check the record created, not what it points to: a follow-up, lead or
    contact created with oneself as owner would pass them while pointing at a
    colleague's customer. This checks the targets before anything is written, with a
    message that names nothing the user may not read.
    """
    # a many2one value in vals may be an id or a record (Odoo's own code passes both)
    ids = {getattr(value, "id", value) for value in ids if value}
    if env.su or not ids:
        return
    targets = env[model].browse(ids).exists()
    if not targets.has_access(operation):
        raise AccessError(
            env._(
                "You are not allowed to link this to that %(model)s: "
                "ask its owner or a sales manager.",
                model=env["ir.model"].sudo()._get(model).name,
            )
        )
