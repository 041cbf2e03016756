# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Only the system writes what the system derives.

Every stored field that crm_full, service_desk or customer_360 compute or mark
readonly (scores, dates set by crons, logs' keys…) is declared in
derived_fields.py: either SYSTEM (an RPC-style write as any persona that may
write the record must be refused, the value unchanged) or EDITABLE (with the
reason a user may set it). A new derived field in neither list fails.
"""

import os
import pprint
from pathlib import Path

from odoo import fields
from odoo.tests import tagged

from .access_common import PERSONAS, AccessMatrixCommon
from .access_matrix import OUR_ADDONS
from .access_probe import REFUSALS, Rollback
from .derived_fields import EDITABLE, SYSTEM
from .test_access_matrix import our_models

SCALAR = {
    "boolean", "char", "date", "datetime", "float", "html", "integer", "json",
    "many2one", "monetary", "selection", "text",
}  # fmt: skip
MAGIC = {"id", "create_uid", "create_date", "write_uid", "write_date", "display_name"}


def derived_fields(env, addons):
    """{model: [field name]} of stored fields `addons` define that are computed or readonly."""
    found = {}
    for model in sorted(our_models(env, addons)):
        Model = env[model]
        if not Model._auto:
            continue  # SQL views: nobody writes them (the matrix checks)
        for name, field in Model._fields.items():
            if (
                field.store
                and field.type in SCALAR
                and name not in MAGIC
                and field._module in addons
                and (field.compute or field.related or field.readonly)
            ):
                found.setdefault(model, []).append(name)
    return found


def forged_value(record, field):
    """A value different from the current one, of the field's type."""
    current = record[field.name]
    if field.type == "boolean":
        return not current
    if field.type in ("integer", "float", "monetary"):
        return (current or 0) + 97
    if field.type == "date":
        return fields.Date.to_date("2099-01-01")
    if field.type == "datetime":
        return fields.Datetime.to_datetime("2099-01-01 00:00:00")
    if field.type == "selection":
        values = [value for value, _label in field._description_selection(record.env)]
        return next((value for value in values if value != current), False)
    if field.type == "many2one":
        other = record.env[field.comodel_name].sudo().search([("id", "!=", current.id)], limit=1)
        return other.id
    if field.type == "json":
        return {"forged": 1}
    return "forged 伪造"


@tagged("post_install", "-at_install", "access_matrix")
class TestDerivedFields(AccessMatrixCommon):
    def test_every_derived_field_is_declared(self):
        found = {
            f"{model}.{name}"
            for model, names in derived_fields(self.env, OUR_ADDONS).items()
            for name in names
        }
        if os.environ.get("DERIVED_FIELDS_DUMP"):
            Path(os.environ["DERIVED_FIELDS_DUMP"]).write_text(pprint.pformat(sorted(found)))
        self.assertFalse(
            found - set(SYSTEM) - set(EDITABLE),
            "declare these in customer_360/tests/derived_fields.py (SYSTEM or EDITABLE)",
        )
        self.assertFalse(set(SYSTEM) & set(EDITABLE), "a field is either SYSTEM or EDITABLE")

    def writable_record(self, model, user):
        """A record of `model` the persona may write: a labelled one, else any."""
        labelled = self.records.get(model, {}).values()
        candidates = self.env[model].sudo().browse([record.id for record in labelled])
        if not candidates:
            candidates = self.env[model].sudo().search([], limit=20)
        return candidates.with_user(user)._filtered_access("write")[:1]

    def test_system_fields_refuse_every_persona(self):
        for key in sorted(SYSTEM):
            model, name = key.rsplit(".", 1)
            if model not in self.env or name not in self.env[model]._fields:
                continue  # the addon that adds it is not installed
            field = self.env[model]._fields[name]
            got_through = []
            for persona in PERSONAS:
                user = self.users[persona]
                if not self.env[model].with_user(user).has_access("write"):
                    continue
                record = self.writable_record(model, user)
                if record and (outcome := self.try_write(record, field)):
                    got_through.append(f"{persona} ({outcome})")
            with self.subTest(field=key):
                self.assertFalse(got_through, f"{key} is written by the system only")

    def try_write(self, record, field):
        """Write a forged value as RPC would; return what went wrong, or None if refused."""
        before = record.sudo()[field.name]
        refused, written = False, False
        try:
            with self.env.cr.savepoint():
                record.write({field.name: forged_value(record.sudo(), field)})
                record.env.flush_all()
                written = record.sudo()[field.name] != before
                raise Rollback
        except Rollback:
            pass
        except REFUSALS:
            refused = True
        finally:
            self.env.invalidate_all()
        if written:
            return "written"
        if not refused:
            return "accepted silently"
        if record.sudo()[field.name] != before:
            return "changed despite the error"
        return None
