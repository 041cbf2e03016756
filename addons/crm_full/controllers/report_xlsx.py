# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from werkzeug.exceptions import BadRequest, NotFound

from odoo import http
from odoo.http import content_disposition, request

from odoo.addons.crm_full.report.crm_report_xlsx import XLSX_MIMETYPE


class CrmReportXlsxController(http.Controller):
    @http.route("/crm_full/report/xlsx/<string:model_name>", type="http", auth="user")
    def export_report_xlsx(self, model_name, domain="[]"):
        """Download a sales report as Excel. Rows are read as the user, so access
        rules and record rules decide what is in the file."""
        if model_name not in request.env or not isinstance(
            request.env[model_name], request.env.registry["crm.report.xlsx.mixin"]
        ):
            raise NotFound()
        try:
            domain = json.loads(domain)
        except ValueError as error:
            raise BadRequest() from error
        if not isinstance(domain, list):
            raise BadRequest()
        filename, content = request.env[model_name]._xlsx_export(domain)
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX_MIMETYPE),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )
