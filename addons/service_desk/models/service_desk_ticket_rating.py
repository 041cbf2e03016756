# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import html_escape

from .service_desk_recipient import recipient_env

# A rating at or under this value (1–5) is an unhappy customer: open a care activity.
CSAT_CARE_MAX = 2


class ServiceDeskTicket(models.Model):
    """Satisfaction on solve: rating.mixin (CSAT 1–5) plus a tokenized CES question."""

    _name = "service.desk.ticket"
    _inherit = ["service.desk.ticket", "rating.mixin"]

    ces_response_ids = fields.One2many(
        "service.desk.ces.response", "ticket_id", string="CES Questions"
    )
    ces_score = fields.Integer(
        string="CES",
        compute="_compute_ces_score",
        store=True,
        aggregator="avg",
        help="Customer Effort Score of the last answer, 1 (hard) to 7 (effortless).",
    )

    @api.depends("ces_response_ids.score", "ces_response_ids.date_answered")
    def _compute_ces_score(self):
        for ticket in self:
            answered = ticket.ces_response_ids.filtered("date_answered").sorted("date_answered")
            ticket.ces_score = answered[-1:].score

    @api.model_create_multi
    def create(self, vals_list):
        # a new ticket has no rating yet: spare rating.mixin's aggregate query per creation
        for vals in vals_list:
            vals.setdefault("rating_last_value", 0.0)
        return super().create(vals_list)

    def write(self, vals):
        solving = self.browse()
        if "stage_id" in vals:
            stage = self.env["service.desk.stage"].browse(vals["stage_id"])
            if stage.category == "solved":
                # from an open stage only: closed -> solved is bookkeeping, not a new solve
                solving = self.filtered(lambda t: not t.is_done)
        res = super().write(vals)
        solving._send_satisfaction_request()
        return res

    # ------------------------------------------------------------
    # SATISFACTION REQUEST
    # ------------------------------------------------------------
    def _send_satisfaction_request(self):
        """Mail the customer the rating smileys and the CES link (one mail)."""
        template = None
        for ticket in self:
            partner = ticket._rating_get_partner()
            if not partner or partner == self.env.user.partner_id:
                continue
            if template is None:
                # cached xmlid lookup: no existence query per solved ticket
                template = self.env["mail.template"].browse(
                    self.env["ir.model.data"]._xmlid_to_res_id(
                        "service_desk.mail_template_ticket_rating_request", raise_if_not_found=False
                    )
                )
            if not template:
                return
            ticket._ces_get_response(partner)
            ticket.rating_send_request(template, lang=partner.lang, force_send=False)

    def _ces_get_response(self, partner=None):
        """Open (unanswered) CES question of the customer, created when missing."""
        self.ensure_one()
        self.check_access("read")
        partner = partner or self._rating_get_partner()
        # sudo: agents read CES answers but only the system creates questions
        responses = self.sudo().ces_response_ids
        response = responses.filtered(lambda r: not r.date_answered and r.partner_id == partner)
        return response[:1] or responses.create({"ticket_id": self.id, "partner_id": partner.id})

    def _ces_get_url(self):
        return self._ces_get_response()._get_answer_url()

    # ------------------------------------------------------------
    # RATING HOOKS
    # ------------------------------------------------------------
    def _rating_get_partner(self):
        return self.partner_id or self.env["res.partner"]

    def _rating_get_parent_field_name(self):
        return "team_id"

    def rating_apply(
        self,
        rate,
        token=None,
        rating=None,
        feedback=None,
        subtype_xmlid=None,
        notify_delay_send=False,
    ):
        rating = super().rating_apply(
            rate,
            token=token,
            rating=rating,
            feedback=feedback,
            subtype_xmlid=subtype_xmlid,
            notify_delay_send=notify_delay_send,
        )
        if 0 < rating.rating <= CSAT_CARE_MAX:
            self.browse(rating.res_id)._schedule_care_activity(rating)
        return rating

    def _get_care_user(self):
        """Who calls an unhappy customer back: the account's salesperson, else the team leader."""
        self.ensure_one()
        partner = self.partner_id
        return (
            partner.user_id
            or partner.commercial_partner_id.user_id
            or self.team_id.leader_id
            or self.user_id
        )

    def _schedule_care_activity(self, rating):
        self.ensure_one()
        user = self._get_care_user()
        if not user:
            return
        todo = self.env.ref("mail.mail_activity_data_todo")
        env = recipient_env(self.env, user)  # the caller-back's language, not the customer's
        summary = env._("Customer care: low satisfaction rating")
        # one open care activity per ticket and user: a re-submitted rating must not pile up
        existing = self.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == todo and a.user_id == user and a.summary == summary
        )
        if existing:
            return
        self.sudo().activity_schedule(
            act_type_xmlid="mail.mail_activity_data_todo",
            summary=summary,
            note=html_escape(
                env._(
                    "The customer rated this ticket %(rating)s/5: %(feedback)s",
                    rating=int(rating.rating),
                    feedback=rating.feedback or "-",
                )
            ),
            user_id=user.id,
        )
