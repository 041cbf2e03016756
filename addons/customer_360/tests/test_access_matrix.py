# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every model of crm_full, service_desk and customer_360, for every persona,
against the declared access matrix (access_matrix.py).

Read is what a search returns, write and unlink what the record rules let
through, create an actual create in a savepoint on each label's customer, lead
or order (for the models in CREATE_FACTORIES; the others: the ACL). A model of
our addons missing from the declaration fails: add it to access_matrix.py.
Set ACCESS_MATRIX_DUMP=/path to write the measured matrix there.
"""

import os
import pprint
from pathlib import Path

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .access_common import PERSONAS, AccessMatrixCommon
from .access_matrix import (
    AGGREGATES,
    MATRIX,
    OPERATIONS,
    OUR_ADDONS,
    SCOPES,
    readme_block,
    row,
)
from .access_probe import AccessProbe


def _followup(case, user, label):
    return {"lead_id": case.leads[label].id, "user_id": user.id, "summary": "矩阵跟进"}


def _lead(case, user, label):
    return {"name": "矩阵新商机", "partner_id": case.customers[label].id, "user_id": user.id}


def _contact(case, user, label):
    return {"name": "矩阵联系人", "parent_id": case.customers[label].id, "user_id": user.id}


def _payment_plan(case, user, label):
    return {"order_id": case.orders[label].id, "due_date": "2030-01-01", "percentage": 100}


def _preview(case, user, label):
    return {"lead_id": case.leads[label].id}


def _ticket(case, user, label):
    return {"name": "矩阵新工单", "partner_id": case.customers[label].id}


def _event(case, user, label):
    return {
        "partner_id": case.customers[label].id,
        "source": "matrix",
        "external_id": f"probe-{user.id}-{label}",
        "event_type": "login",
        "occurred_at": "2026-01-01 00:00:00",
    }


def _nps(case, user, label):
    survey = case.records["customer.nps.response"][label].survey_id
    return {"survey_id": survey.id, "contact_id": case.customers[label].id}


# Creates that must follow ownership: made on each label's customer, lead or order.
CREATE_FACTORIES = {
    "crm.followup": _followup,
    "crm.lead": _lead,
    "res.partner": _contact,
    "crm.payment.plan": _payment_plan,
    "crm.assignment.preview": _preview,
    "service.desk.ticket": _ticket,
    "customer.event": _event,
    "customer.nps.response": _nps,
}


def our_models(env, addons):
    """Models (incl. SQL views and wizards, not abstract) that one of `addons` defines or extends."""
    names = set()
    for ir_model in env["ir.model"].sudo().search([]):
        modules = set((ir_model.modules or "").replace(" ", "").split(","))
        if modules & set(addons) and ir_model.model in env and not env[ir_model.model]._abstract:
            names.add(ir_model.model)
    return names


@tagged("post_install", "-at_install", "access_matrix")
class TestAccessMatrix(AccessProbe, AccessMatrixCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._label_map = cls.label_map()

    def measure(self, model, operation):
        cells = []
        for persona in PERSONAS:
            user = self.users[persona]
            if operation == "create" and model in CREATE_FACTORIES:
                cells.append(self.create_cell(user, model, CREATE_FACTORIES[model]))
            elif model in SCOPES and operation != "create":
                cells.append(self.scoped_cell(user, model, operation, SCOPES[model]))
            else:
                cells.append(self.acl_cell(user, model, operation))
        return row(cells)

    def test_every_model_is_declared(self):
        missing = our_models(self.env, OUR_ADDONS) - set(MATRIX)
        self.assertFalse(
            missing, f"add these models to customer_360/tests/access_matrix.py: {sorted(missing)}"
        )

    def test_matrix(self):
        measured = {}
        for model in sorted(our_models(self.env, OUR_ADDONS)):
            measured[model] = {}
            for operation in OPERATIONS:
                actual = measured[model][operation] = self.measure(model, operation)
                if model not in MATRIX:
                    continue  # test_every_model_is_declared says so
                with self.subTest(model=model, operation=operation):
                    self.assertEqual(
                        actual,
                        row(MATRIX[model][operation].split()),
                        f"{model} {operation}: measured vs declared, columns {' '.join(PERSONAS)}",
                    )
        if os.environ.get("ACCESS_MATRIX_DUMP"):
            Path(os.environ["ACCESS_MATRIX_DUMP"]).write_text(pprint.pformat(measured, width=120))

    def test_amounts_and_scores(self):
        """read_group on figures: refused, or totalling only what the persona may read."""
        for (model, fname), declared in sorted(AGGREGATES.items()):
            cells = [self.aggregate_cell(self.users[p], model, fname) for p in PERSONAS]
            with self.subTest(model=model, field=fname):
                self.assertEqual(row(cells), row(declared.split()), f"{model}.{fname}")

    def aggregate_cell(self, user, model, fname):
        Model = self.env[model].with_user(user)
        field = Model._fields[fname]
        numeric = field.type in ("integer", "float", "monetary")
        try:
            if numeric:
                groups = Model.read_group([], [f"{fname}:sum"], [])
            else:
                groups = Model.read_group([], [fname], [fname])
            Model.search([], limit=1).read([fname])
        except AccessError:
            return "-"
        if numeric:
            readable = Model.search([])
            total = sum(readable.sudo().mapped(fname))
            got = groups[0][fname] if groups else 0
            if (field.type != "integer" and abs((got or 0) - total) > 0.01) or (
                field.type == "integer" and (got or 0) != total
            ):
                return f"sum!{got}"  # totals what the persona cannot read
        return "ok"

    def test_readme_table_matches_the_matrix(self):
        readme = Path(__file__).resolve().parents[3] / "README.md"
        if not readme.exists():  # installed from a wheel: no repository README
            self.skipTest("no README.md next to the addons")
        self.assertIn(
            readme_block(),
            readme.read_text(encoding="utf-8"),
            "README's 'Who sees what' table: paste `python3 addons/customer_360/tests/"
            "access_matrix.py` between the access-matrix markers",
        )
