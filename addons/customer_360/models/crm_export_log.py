# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class CrmExportLog(models.Model):
    _inherit = "crm.export.log"

    @api.model
    def _threshold_models(self):
        # the churn-risk list is a customer list with values: it counts like customers
        return (*super()._threshold_models(), "customer.churn.risk")
