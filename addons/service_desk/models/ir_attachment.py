# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model
    def _get_serve_attachment(self, url, extra_domain=None, order=None):
        """Odoo looks every unknown URL up as an attachment before answering 404.

        A path with a NUL (``/rate/%00/5``) made that lookup's SQL fail, so
        the public pages answered 500 instead of 404: such a URL names no file.
        """
        if "\x00" in url:
            return self.browse()
        return super()._get_serve_attachment(url, extra_domain=extra_domain, order=order)
