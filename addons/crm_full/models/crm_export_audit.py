# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError


class CrmExportAuditMixin(models.AbstractModel):
    """Customer data leaves the database only logged, and a salesperson's only their own.

    Odoo's export (the list's "Export", "Export all", grouped exports, and
    ``export_data`` over RPC) reads through ``export_data``: every call is logged in
    ``crm.export.log``. Salespeople limited to their own documents may export only
    the records of ``_export_own_domain`` (theirs, and the teams they lead), not
    everything they can read (the pool, unowned companies): the web export's
    domain is narrowed to it (controllers/export_audit.py) and a selection with
    other records is refused here.
    """

    _name = "crm.export.audit.mixin"
    _description = "Export Audit"

    def export_data(self, fields_to_export):
        self._check_export_scope()
        result = super().export_data(fields_to_export)
        self.env["crm.export.log"]._log_export(self, fields_to_export)
        return result

    @api.model
    def _export_own_domain(self):
        """Records a salesperson may export: theirs and the led teams'. Override per model."""
        uid = self.env.uid
        return ["|", ("user_id", "=", uid), ("team_id.user_id", "=", uid)]

    @api.model
    def _export_scope_domain(self):
        """The domain exports of the current user are limited to, or None when unlimited
        (superuser, managers, salespeople who see all documents, non-sales users)."""
        user = self.env.user
        if (
            self.env.su
            or not user.has_group("sales_team.group_sale_salesman")
            or user.has_group("sales_team.group_sale_salesman_all_leads")
        ):
            return None
        return self._export_own_domain()

    def _check_export_scope(self):
        domain = self._export_scope_domain()
        if domain is None or not self:
            return
        allowed = self.with_context(active_test=False).search_count(
            [("id", "in", self.ids), *domain]
        )
        if allowed != len(self.ids):
            raise AccessError(
                self.env._(
                    "You may only export your own records: %(count)s of the %(total)s "
                    "selected %(model)s belong to other salespeople or to nobody.",
                    count=len(self.ids) - allowed,
                    total=len(self.ids),
                    model=self.env["ir.model"]._get(self._name).name,
                )
            )


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "crm.export.audit.mixin"]

    @api.model
    def _export_own_domain(self):
        # a customer account and its contacts belong to the account's salesperson
        uid = self.env.uid
        return [
            "|",
            "|",
            "|",
            ("user_id", "=", uid),
            ("commercial_partner_id.user_id", "=", uid),
            ("user_id.crm_team_ids.user_id", "=", uid),
            ("commercial_partner_id.user_id.crm_team_ids.user_id", "=", uid),
        ]


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "crm.export.audit.mixin"]


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "crm.export.audit.mixin"]
