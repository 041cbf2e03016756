# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Stored fields our addons derive, and who may write them (test_derived_fields.py).

SYSTEM: written only by the system (computes, crons, flows under sudo); an
RPC-style write by any persona that may write the record must be refused.
It also lists fields that are neither computed nor readonly but that only the
system writes (pool bookkeeping, the stage reached).
EDITABLE: derived or readonly in the form, yet a user may set them; the reason says why.
"""

_PARTNER = [
    # customer_360: health, value, segments
    "health_model_id", "health_score", "health_state", "health_coverage", "health_trend",
    "health_trend_arrow", "health_alerted",
    "clv_company_id", "clv_currency_id", "clv_historic", "clv_predicted", "clv_status",
    "clv_note", "clv_expected_purchases_12m", "clv_order_count", "clv_first_order_date",
    "clv_last_order_date", "p_alive",
    "rfm_recency_days", "rfm_frequency", "rfm_monetary", "rfm_r_score", "rfm_f_score",
    "rfm_m_score", "rfm_score", "rfm_segment",
    # crm_full: lifecycle, follow-ups, duplicates
    "lifecycle_stage_id", "lifecycle_status", "lifecycle_status_date",
    "lifecycle_status_checked_on", "key_reminded_anchor", "last_followup_date",
    "dedupe_company", "dedupe_email", "dedupe_mobile", "dedupe_phone", "dedupe_registry",
    "partner_duplicate_of_id",
]  # fmt: skip
_LEAD = [
    "assignment_rule_id", "dedupe_company", "dedupe_email", "dedupe_mobile", "dedupe_phone",
    "dedupe_registry", "duplicate_of_id", "idle_reminded_anchor", "last_followup_date",
    "pool_reclaim_date", "pool_reclaim_warned", "pool_reclaim_warned_date",
    # pool bookkeeping: claim, release and the crons write these
    "in_pool", "pool_date", "pool_reminded", "previous_user_id", "release_reason",
]  # fmt: skip
_TICKET = [
    "ces_score", "commercial_partner_id", "date_done", "fcr_state", "first_reply_date",
    "first_reply_hours", "is_done", "number", "public_reply_count", "reopen_count",
    "resolution_hours", "sla_breached", "sla_deadline", "sla_policy_id",
    "sla_state", "sla_due_date", "sla_left_seconds",
]  # fmt: skip
# every field of a term: the indexing cron writes them, no group has write access
_TERM = [
    "category_id", "company_id", "date", "nps_response_id", "occurrences", "partner_id",
    "res_id", "segment", "source", "team_id", "term", "ticket_id",
]  # fmt: skip
_NPS = [
    "access_token", "category", "company_id", "country_id", "date_answered", "industry_id",
    "lifecycle_stage_id", "nps_value", "partner_id", "user_id",
]  # fmt: skip

SYSTEM = {
    *(f"res.partner.{name}" for name in _PARTNER),
    *(f"crm.lead.{name}" for name in _LEAD),
    *(f"service.desk.ticket.{name}" for name in _TICKET),
    *(f"customer.nps.response.{name}" for name in _NPS),
    *(f"service.desk.term.{name}" for name in _TERM),
    "sale.order.approval_state",
    "sale.order.renewal_state",
    "crm.lead.renewal_of_order_id",
    "crm.approval.request.company_id",
    "crm.lifecycle.history.company_id",
    "crm.pool.log.company_id",
    # the export log is written by the export hooks only (sudo); no one has write access
    *(
        f"crm.export.log.{name}"
        for name in (
            "date",
            "user_id",
            "company_id",
            "res_model",
            "record_count",
            "field_names",
            "source",
            "threshold_notified",
        )
    ),
    # a payment plan line follows its order: writing these would move the order
    "crm.payment.plan.company_id",
    "crm.payment.plan.user_id",
    "crm.payment.plan.received",
    "crm.payment.plan.residual",
    "crm.payment.plan.state",
    "crm.payment.plan.overdue_reminded_date",
    "customer.care.log.trigger",
    "customer.nps.survey.date_sent",
    "res.company.clv_fit_date",
    "res.company.clv_model_params",
    "res.company.clv_repeat_customers",
    "service.desk.ces.response.access_token",
    "service.desk.ces.response.date_answered",
    "service.desk.sla.event.company_id",
    "service.desk.sla.event.ticket_id",
    "service.desk.sla.status.company_id",
    "service.desk.sla.status.metric",
    "service.desk.sla.status.policy_id",
    # presales requests (crm_full): who, when and how far are the flow's
    "crm.presales.request.company_id",
    "crm.presales.request.requester_id",
    "crm.presales.request.presales_user_id",
    "crm.presales.request.state",
    "crm.presales.request.date_requested",
    "crm.presales.request.date_done",
    "crm.presales.request.activity_id",
    # hand-over to implementation: the links and date the hand-over writes
    "sale.order.implementation_date",
    "sale.order.implementation_ticket_id",
    "sale.order.implementation_project_id",
    "service.desk.ticket.sale_order_id",
    # hand-over audit (离职交接): written once by the wizard as the system, read-only to all
    *(
        f"crm.handover.{name}"
        for name in (
            "company_id",
            "date",
            "leads_to_pool",
            "source_user_id",
            "split",
            "total_count",
            "user_id",
        )
    ),
    "crm.handover.line.company_id",
}

EDITABLE = {
    "crm.followup.partner_id": "defaults from the lead; a follow-up on a customer sets it",
    "sale.order.renewal_of_id": (
        "defaults from the renewal opportunity; a salesperson links a renewal by hand "
        "(only to a contract they may edit)"
    ),
    "crm.payment.plan.amount": "typed by the salesperson on fixed-amount instalments",
    "crm.sales.target.date_to": "defaults from the period; the manager may shorten it",
    "service.desk.ticket.stage_id": "defaults to the first stage; agents move tickets",
    # Odoo's own editable field (the credit code); crm_full only tracks its changes
    "res.partner.company_registry": "typed by the salesperson; Odoo computes it from the VAT",
    # configuration that only its managers may write at all
    "crm.assignment.rule.last_user_id": "round-robin position; the manager may reset it",
    "service.desk.team.last_assigned_user_id": "round-robin position; the manager may reset it",
    "crm.team.presales_last_user_id": "presales round-robin position; the manager may reset it",
    "crm.pool.reclaim.delay.company_id": "the team's company; sales managers' configuration",
    "service.desk.category.complete_name": "recomputed from the names service managers edit",
    "service.desk.stage.is_done": "follows the category service managers choose",
    "service.desk.stage.pauses_sla": "follows the category service managers choose",
    "service.desk.ces.response.company_id": "the ticket's; service managers edit tickets anyway",
    "service.desk.ces.response.team_id": "the ticket's; service managers edit tickets anyway",
    "service.desk.sla.escalation.company_id": "the policy's company; service managers' configuration",
    "service.desk.sla.target.company_id": "the policy's company; service managers' configuration",
    # Chinese public holidays (service_desk): calendars, attendances and global leaves are
    # written by Settings admins only
    "resource.calendar.leaves.cn_holiday_year": (
        "marks a loaded holiday; clearing it keeps a hand-corrected one across reloads"
    ),
    "resource.calendar.attendance.cn_holiday_year": (
        "marks a loaded make-up day; clearing it keeps a hand-corrected one across reloads"
    ),
    "resource.calendar.sd_cn_holiday_reminded_year": "reminder bookkeeping; reset to be reminded again",
}
