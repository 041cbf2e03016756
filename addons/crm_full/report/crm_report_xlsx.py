# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
import json
import re
from datetime import date, datetime

import xlsxwriter
from werkzeug.urls import url_encode

from odoo import api, fields, models

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel's own limits on sheet names
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31
COLUMN_WIDTH_MIN, COLUMN_WIDTH_MAX = 8, 50
# Every workbook of the suite: a cell holds what was stored, never a formula or a
# link made of customer text (a lead named "=HYPERLINK(...)" stays text).
XLSX_WORKBOOK_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


class CrmReportXlsxMixin(models.AbstractModel):
    """Formatted Excel export for the sales reports.

    A report lists its columns in ``_xlsx_fields``; headers are the fields'
    labels in the reader's language, so a zh_CN user gets Chinese headers from
    the ordinary translations. Percent columns (``_xlsx_percent_fields``) hold
    0-100 values and are written as Excel percentages.
    """

    _name = "crm.report.xlsx.mixin"
    _description = "Sales Report Excel Export"

    _xlsx_fields = ()
    _xlsx_percent_fields = ()

    def action_export_xlsx(self):
        """List button: download the selected rows, or all rows of the current search."""
        if self:
            domain = [("id", "in", self.ids)]
        else:
            domain = self.env.context.get("active_domain") or []
        query = url_encode({"domain": json.dumps(domain)})
        return {
            "type": "ir.actions.act_url",
            "url": f"/crm_full/report/xlsx/{self._name}?{query}",
            "target": "download",
        }

    @api.model
    def _xlsx_export(self, domain):
        """:return: (file name, xlsx bytes) of the rows matching ``domain``"""
        self.env.flush_all()  # the report is a view over other models' tables
        records = self.search(domain)
        content = records._xlsx_content()
        self.env["crm.export.log"]._log_export(records, list(self._xlsx_fields), source="report")
        return self._xlsx_filename(), content

    @api.model
    def _xlsx_title(self):
        return self.env["ir.model"]._get(self._name).name

    @api.model
    def _xlsx_filename(self):
        return f"{self._xlsx_title()} {fields.Date.context_today(self)}.xlsx"

    @api.model
    def _xlsx_columns(self):
        """Column descriptions (label, type, selection) in the reader's language."""
        descriptions = self.fields_get(
            list(self._xlsx_fields), attributes=["string", "type", "selection"]
        )
        return [(name, descriptions[name]) for name in self._xlsx_fields]

    def _xlsx_content(self):
        columns = self._xlsx_columns()
        rows = self.read([name for name, _desc in columns]) if self else []
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, XLSX_WORKBOOK_OPTIONS)
        styles = self._xlsx_styles(workbook)
        title = SHEET_NAME_FORBIDDEN.sub(" ", self._xlsx_title())[:SHEET_NAME_MAX]
        sheet = workbook.add_worksheet(title)
        widths = []
        for col, (_name, desc) in enumerate(columns):
            sheet.write(0, col, desc["string"], styles["header"])
            widths.append(_text_width(desc["string"]))
        for row_index, row in enumerate(rows, start=1):
            for col, (name, desc) in enumerate(columns):
                value, style = self._xlsx_cell(name, desc, row[name], styles)
                if value is None:
                    sheet.write_blank(row_index, col, None, styles["text"])
                else:
                    sheet.write(row_index, col, value, style)
                    widths[col] = max(widths[col], _text_width(value))
        for col, width in enumerate(widths):
            sheet.set_column(col, col, min(max(width + 2, COLUMN_WIDTH_MIN), COLUMN_WIDTH_MAX))
        sheet.freeze_panes(1, 0)
        if columns:
            sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
        workbook.close()
        return buffer.getvalue()

    @api.model
    def _xlsx_styles(self, workbook):
        return {
            "header": workbook.add_format(
                {
                    "bold": True,
                    "font_color": "#FFFFFF",
                    "bg_color": "#714B67",
                    "border": 1,
                    "align": "center",
                    "valign": "vcenter",
                    "text_wrap": True,
                }
            ),
            "text": workbook.add_format({"border": 1}),
            "integer": workbook.add_format({"border": 1, "num_format": "#,##0"}),
            "number": workbook.add_format({"border": 1, "num_format": "#,##0.00"}),
            "percent": workbook.add_format({"border": 1, "num_format": "0.0%"}),
            "date": workbook.add_format({"border": 1, "num_format": "yyyy-mm-dd"}),
            "datetime": workbook.add_format({"border": 1, "num_format": "yyyy-mm-dd hh:mm"}),
        }

    @api.model
    def _xlsx_cell(self, name, desc, value, styles):
        """:return: (value to write, format) for one cell; value None for an empty cell"""
        kind = desc["type"]
        if kind == "many2one":
            return (value[1] if value else None), styles["text"]
        if kind == "selection":
            labels = dict(desc.get("selection") or [])
            return (labels.get(value, value) if value else None), styles["text"]
        if kind == "boolean":
            return (1 if value else 0), styles["integer"]
        if kind == "integer":
            return value, styles["integer"]
        if kind in ("float", "monetary"):
            if name in self._xlsx_percent_fields:
                return (None if value is False else value / 100.0), styles["percent"]
            return value, styles["number"]
        if kind == "datetime":
            if not value:
                return None, styles["datetime"]
            local = fields.Datetime.context_timestamp(self, value).replace(tzinfo=None)
            return local, styles["datetime"]
        if kind == "date":
            return (value or None), styles["date"]
        return (value or None), styles["text"]


def _text_width(value):
    """Rough display width: CJK characters take two columns."""
    if isinstance(value, (int, float)):
        value = f"{value:,.2f}"
    elif isinstance(value, (date, datetime)):
        return 16
    return sum(2 if ord(char) > 0x2E80 else 1 for char in str(value))
