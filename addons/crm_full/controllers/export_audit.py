# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo.http import request
from odoo.osv import expression

from odoo.addons.web.controllers.export import CSVExport, ExcelExport


class ExportScopeMixin:
    """ "Export all" sends a domain, not ids: narrow it to what the user may export.

    Selected ids are checked by the model (``crm.export.audit.mixin``), which
    refuses a selection with other records; the domain path exports the user's own
    records among those matching, as the list would show them with "My" filters.
    """

    def base(self, data):
        params = json.loads(data)
        model = params.get("model")
        if not params.get("ids") and model in request.env:
            scope = getattr(request.env[model], "_export_scope_domain", None)
            domain = scope() if scope else None
            if domain is not None:
                params["domain"] = expression.AND([params.get("domain") or [], domain])
                data = json.dumps(params)
        return super().base(data)


class CrmFullCSVExport(ExportScopeMixin, CSVExport):
    pass


class CrmFullExcelExport(ExportScopeMixin, ExcelExport):
    pass
