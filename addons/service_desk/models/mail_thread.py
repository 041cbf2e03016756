# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import api, models

_logger = logging.getLogger(__name__)

# RFC 3834 and common vendor headers of automatic replies (out-of-office, vacation).
AUTO_REPLY_HEADERS = ("X-Autoreply", "X-Autorespond")


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model
    def _detect_loop_sender(self, message, message_dict, routes):
        """Drop automatic replies sent to tickets: they would reopen tickets or loop."""
        if any(route[0] == "service.desk.ticket" for route in routes or ()) and (
            self._is_auto_submitted(message)
        ):
            _logger.info(
                "Ignored automatic mail from %s with Message-Id %s for a ticket",
                message_dict.get("email_from"),
                message_dict.get("message_id"),
            )
            return True
        return super()._detect_loop_sender(message, message_dict, routes)

    @api.model
    def _is_auto_submitted(self, message):
        auto_submitted = (message.get("Auto-Submitted") or "no").strip().lower()
        precedence = (message.get("Precedence") or "").strip().lower()
        return (
            auto_submitted != "no"
            or precedence in ("bulk", "junk", "auto_reply")
            or any(message.get(header) for header in AUTO_REPLY_HEADERS)
        )
