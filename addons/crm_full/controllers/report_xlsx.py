# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

import psycopg2
from werkzeug.exceptions import BadRequest, NotFound

from odoo import http
from odoo.http import content_disposition, request
from odoo.tools import mute_logger

from odoo.addons.crm_full.report.crm_report_xlsx import XLSX_MIMETYPE

MAX_DOMAIN = 65536  # characters of the JSON domain in the URL


def _refuse_constant(name):
    raise ValueError(f"{name} is not a number")


class CrmReportXlsxController(http.Controller):
    @http.route("/crm_full/report/xlsx/<string:model_name>", type="http", auth="user")
    def export_report_xlsx(self, model_name, domain="[]"):
        """Download a sales report as Excel. Rows are read as the user, so access
        rules and record rules decide what is in the file."""
        if model_name not in request.env or not isinstance(
            request.env[model_name], request.env.registry["crm.report.xlsx.mixin"]
        ):
            raise NotFound()
        domain = self._parse_domain(request.env[model_name], domain)
        filename, content = request.env[model_name]._xlsx_export(domain)
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX_MIMETYPE),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )

    def _parse_domain(self, model, text):
        """The domain sent in the URL, tried once; BadRequest says what is wrong with it.

        The trial runs in a savepoint with the SQL logger muted: a value the
        database refuses (a date that is not one, a NUL) is the sender's
        mistake, answered 400, not a server error in the log.
        """
        _ = request.env._
        invalid = BadRequest(_("The domain parameter must be a JSON list, e.g. []."))
        if not isinstance(text, str) or len(text) > MAX_DOMAIN:
            raise invalid
        try:
            domain = json.loads(text, parse_constant=_refuse_constant)
        except (ValueError, RecursionError) as error:
            raise invalid from error
        if not isinstance(domain, list):
            raise invalid
        try:
            with request.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                model.search_count(domain)
        except (ValueError, TypeError, KeyError, IndexError, RecursionError) as error:
            raise BadRequest(_("The domain cannot be applied: %s", error)) from error
        except psycopg2.Error as error:
            raise BadRequest(
                _("The domain compares a field with a value of the wrong type.")
            ) from error
        return domain
