# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

# What the SLA engine, the metrics, the ratings and the numbering derive: an agent
# reads them, never sets them (a faked deadline or CES would lie in every report).
TICKET_SYSTEM_FIELDS = {
    "number",
    "date_done",
    "sla_policy_id",
    "sla_status_ids",
    "sla_deadline",
    "sla_breached",
    "sla_state",
    "sla_due_date",
    "sla_left_seconds",
    "first_reply_date",
    "public_reply_count",
    "first_reply_hours",
    "resolution_hours",
    "reopen_count",
    "fcr_state",
    "ces_score",
    "ces_response_ids",
    "rating_ids",
    "rating_last_value",
    # related stored copies: written through, they would change the customer or the stage
    "commercial_partner_id",
    "is_done",
}


class ServiceDeskTicket(models.Model):
    _name = "service.desk.ticket"
    # the guard first in the chain: it sees what the caller sent
    _inherit = ["service.desk.system.fields.mixin", "service.desk.ticket"]

    def _get_system_fields(self):
        return super()._get_system_fields() | TICKET_SYSTEM_FIELDS
