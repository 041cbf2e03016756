# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools


class ServiceDeskSlaEvent(models.Model):
    """Append-only log of clock transitions, the source of SLA reports and audits."""

    _name = "service.desk.sla.event"
    _description = "Service Desk SLA Event"
    _order = "date desc, id desc"

    status_id = fields.Many2one(
        "service.desk.sla.status", string="Clock", required=True, ondelete="cascade", index=True
    )
    # cascade, not the related field's "set null": deleting a ticket must not update log
    # rows whose clock the same DELETE removes (foreign-key error on status_id)
    ticket_id = fields.Many2one(
        related="status_id.ticket_id", store=True, index=True, precompute=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="status_id.company_id", store=True, precompute=True)
    metric = fields.Selection(related="status_id.metric")
    event_type = fields.Selection(
        [
            ("activate", "Activate"),
            ("pause", "Pause"),
            ("resume", "Resume"),
            ("fulfil", "Fulfil"),
            ("breach", "Breach"),
            ("warn", "Warn"),
            ("escalate", "Escalate"),
            ("retarget", "Retarget"),
            ("cancel", "Cancel"),
        ],
        required=True,
    )
    date = fields.Datetime(required=True)
    elapsed_seconds = fields.Integer(help="Working seconds elapsed on the clock at the event.")
    escalation_id = fields.Many2one(
        "service.desk.sla.escalation", string="Escalation Step", ondelete="set null"
    )

    def init(self):
        # a step runs once per clock, even if two cron workers ever raced
        tools.create_unique_index(
            self.env.cr,
            "service_desk_sla_event_clock_escalation_uniq",
            self._table,
            ["status_id", "escalation_id"],
        )  # NULLs are distinct: other events are not constrained
