# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_isolation import CrmFullIsolationCommon

# Models crm_full guards with its system-fields mixin.
GUARDED_MODELS = ("res.partner", "sale.order", "crm.lead", "crm.payment.plan")


def _value_for(field, record):
    """Some value of the field's type, different enough to be a write."""
    if field.type == "many2one":
        return record.env[field.comodel_name].sudo().search([], limit=1).id or False
    if field.type == "selection":
        selection = field._description_selection(record.env)
        return selection[-1][0]
    return {
        "char": "forged",
        "date": fields.Date.to_date("2099-01-01"),
        "datetime": fields.Datetime.to_datetime("2099-01-01 00:00:00"),
        "monetary": 1.0,
        "float": 1.0,
        "integer": 1,
        "boolean": True,
    }[field.type]


@tagged("crm_full_security")
class TestSystemFields(CrmFullIsolationCommon):
    """Fields the system derives are written by the system only, whoever asks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        product = cls.env["product.product"].create({"name": "软件许可", "list_price": 500})
        cls.order_a = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer_a.id,
                "user_id": cls.sales_a.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        cls.plan_a = cls.env["crm.payment.plan"].create(
            {"order_id": cls.order_a.id, "due_date": "2030-01-01", "percentage": 100}
        )
        cls.records = {
            "res.partner": cls.customer_a,
            "sale.order": cls.order_a,
            "crm.lead": cls.lead_a,
            "crm.payment.plan": cls.plan_a,
        }

    def test_every_derived_field_is_declared(self):
        """A stored crm_full field that is computed (not editable) or read-only is a
        system field: a new one without a declaration fails here."""
        for model in GUARDED_MODELS:
            Model = self.env[model]
            declared = Model._system_fields()
            for name, field in Model._fields.items():
                if field._module != "crm_full" or field.automatic or not field.store:
                    continue
                if field.type in ("one2many", "many2many") or not field.readonly:
                    continue
                with self.subTest(model=model, field=name):
                    self.assertIn(name, declared)

    def test_declared_fields_refused_to_every_persona(self):
        """RPC-style writes of each system field, by the owner and by a manager."""
        for model, record in self.records.items():
            for name in sorted(self.env[model]._system_fields()):
                field = record._fields[name]
                value = _value_for(field, record)
                for user in (self.sales_a, self.manager):
                    with self.subTest(model=model, field=name, user=user.login):
                        with self.assertRaises(AccessError):
                            record.with_user(user).write({name: value})

    def test_create_with_system_fields_refused(self):
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.sales_a).create(
                {
                    "name": "伪造客户",
                    "lifecycle_status": "active",
                    "key_reminded_anchor": "2099-01-01",
                }
            )
        with self.assertRaises(AccessError):
            self.env["sale.order"].with_user(self.sales_a).create(
                {"partner_id": self.customer_a.id, "approval_state": "approved"}
            )

    def test_context_defaults_cannot_set_system_fields(self):
        """A client may send ``default_<field>`` in the context; for a system field the
        key is dropped, so the record gets what the system would give it."""
        order = (
            self.env["sale.order"]
            .with_user(self.sales_a)
            .with_context(default_approval_state="approved")
            .create({"partner_id": self.customer_a.id})
        )
        self.assertEqual(order.approval_state, "none")
        partner = (
            self.env["res.partner"]
            .with_user(self.sales_a)
            .with_context(default_lifecycle_status="active", default_dedupe_phone="+8613800000000")
            .create({"name": "上下文客户"})
        )
        self.assertNotEqual(partner.lifecycle_status, "active")
        self.assertFalse(partner.dedupe_phone)

    def test_approval_state_cannot_lie(self):
        order = self.order_a.with_user(self.sales_a)
        with self.assertRaises(AccessError):
            order.write({"approval_state": "approved"})
        self.assertEqual(order.approval_state, "none")

    def test_stage_moves_by_wizard_only_even_for_managers(self):
        stage = self.env["crm.lifecycle.stage"].search([("code", "=", "repeat")])
        partner = self.customer_a.with_user(self.manager)
        with self.assertRaises(AccessError):
            partner.write({"lifecycle_stage_id": stage.id})
        partner._lifecycle_set_stage(stage, "客户复购")
        self.assertEqual(partner.lifecycle_stage_id, stage)
        self.assertEqual(partner.lifecycle_history_ids[:1].reason, "客户复购")

    def test_system_writes_still_work(self):
        """The crons and events write as the system."""
        self.customer_a.customer_level = "key"
        self.env["res.partner"]._lifecycle_set_status({"at_risk": self.customer_a})
        self.assertEqual(self.customer_a.lifecycle_status, "at_risk")
        self.assertTrue(self.customer_a.lifecycle_status_date)
        self.env["crm.followup"].with_user(self.sales_a).create(
            {"lead_id": self.lead_a.id, "summary": "回访"}
        )
        self.assertTrue(self.customer_a.last_followup_date)

    def test_lifecycle_fields_hidden_from_portal(self):
        partner = self.portal.partner_id.with_user(self.portal)
        self.assertEqual(partner.read(["name"])[0]["name"], self.portal.name)
        for name in (
            "lifecycle_status",
            "lifecycle_stage_id",
            "customer_level",
            "last_followup_date",
        ):
            with self.subTest(field=name), self.assertRaises(AccessError):
                partner.read([name])
        # Employees outside sales still see where a customer stands.
        self.assertFalse(self.customer_a.with_user(self.employee).lifecycle_status)
