# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Measures what a persona can do, in the cell format of access_matrix.py."""

from odoo.exceptions import AccessError, UserError, ValidationError

from .access_common import LABELS

REFUSALS = (AccessError, UserError, ValidationError)


class Rollback(Exception):
    """Raised inside a savepoint to undo a probe that succeeded."""


def labels_cell(labels):
    """A set of labels as a cell: '.' when empty, else the labels in LABELS order."""
    return "".join(label for label in LABELS if label in labels) or "."


class AccessProbe:
    """Mixin for AccessMatrixCommon: one cell of the matrix at a time."""

    def scoped_targets(self, model, field):
        """Sudo records of `model` whose `field` points to a labelled record."""
        target_model = model if field == "id" else self.env[model]._fields[field].comodel_name
        ids = self._target_ids(target_model)
        return self.env[model].sudo().with_context(active_test=False).search([(field, "in", ids)])

    def _target_ids(self, target_model):
        if target_model == "res.users":
            return [self.owner(label).id for label in LABELS if self.owner(label)]
        return [record.id for record in self.records.get(target_model, {}).values()]

    def label_of(self, record, field):
        target = record if field == "id" else record[field]
        if target._name == "res.users":
            return next((lb for lb in LABELS if self.owner(lb) and self.owner(lb) == target), None)
        return self._label_map.get((target._name, target.id))

    def acl_cell(self, user, model, operation):
        return "ok" if self.env[model].with_user(user).has_access(operation) else "-"

    def scoped_cell(self, user, model, operation, field):
        Model = self.env[model].with_user(user)
        if not Model.has_access(operation):
            return "-"
        targets = self.scoped_targets(model, field)
        if operation == "read":
            records = Model.with_context(active_test=False).search([("id", "in", targets.ids)])
        else:
            records = targets.with_user(user)._filtered_access(operation)
        return labels_cell({self.label_of(record, field) for record in records})

    def readable_labels(self, user):
        """What the persona can read of the core records, to spot a create that widens it."""
        return {
            model: self.scoped_cell(user, model, "read", "id")
            for model in ("res.partner", "crm.lead", "sale.order")
        }

    def create_cell(self, user, model, factory):
        """Labels on which `user` may create a `model` record; a create that makes
        more core records readable counts as a hole and shows as '!'."""
        if not self.env[model].with_user(user).has_access("create"):
            return "-"
        before = self.readable_labels(user)
        created, widened = set(), set()
        for label in LABELS:
            try:
                with self.env.cr.savepoint():
                    self.env[model].with_user(user).create(factory(self, user, label))
                    self.env.flush_all()
                    created.add(label)
                    if self.readable_labels(user) != before:
                        widened.add(label)
                    raise Rollback
            except Rollback:
                pass
            except REFUSALS:
                pass
            finally:
                self.env.invalidate_all()
        return labels_cell(created) + ("!" if widened else "")
