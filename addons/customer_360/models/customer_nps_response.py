# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import secrets

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.service_desk.models.service_desk_recipient import recipient_env
from odoo.addons.service_desk.tools.public_input import (
    MAX_COMMENT,
    is_token,
    parse_score,
    text_problem,
)

NPS_MIN, NPS_MAX = 0, 10
# Bain's cut-offs: 9-10 promote, 7-8 are passive, 0-6 detract.
PROMOTER_MIN, DETRACTOR_MAX = 9, 6
# Value per answer whose average is the NPS: the pivot "NPS" measure is just avg().
NPS_VALUES = {"promoter": 100, "passive": 0, "detractor": -100}
# Written by the system only (crm_full's crm.full.system.fields.mixin): token, answer and what derives.
NPS_SYSTEM_FIELDS = {
    "access_token",
    "score",
    "comment",
    "date_answered",
    "category",
    "nps_value",
    "partner_id",
    "user_id",
}


def nps_category(score):
    if score is None or score is False:
        return False
    if score >= PROMOTER_MIN:
        return "promoter"
    if score <= DETRACTOR_MAX:
        return "detractor"
    return "passive"


def nps_score(promoters, passives, detractors):
    """Net Promoter Score in points, -100..100: % promoters - % detractors.

    :return: a float rounded to one decimal, or None when nobody answered.
    """
    total = promoters + passives + detractors
    if not total:
        return None
    return round(100.0 * (promoters - detractors) / total, 1)


class CustomerNpsResponse(models.Model):
    """One contact's NPS question: sent with a token, answered once through it."""

    _name = "customer.nps.response"
    _inherit = ["crm.full.system.fields.mixin"]
    _description = "NPS Response"
    _order = "date_answered desc, id desc"
    _rec_name = "contact_id"

    survey_id = fields.Many2one(
        "customer.nps.survey", required=True, ondelete="cascade", index=True
    )
    contact_id = fields.Many2one(
        "res.partner", string="Contact", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        compute="_compute_partner_id",
        store=True,
        index=True,
        help="The customer account (commercial partner) of the contact.",
    )
    company_id = fields.Many2one(related="survey_id.company_id", store=True, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        compute="_compute_partner_id",
        store=True,
        help="The account's salesperson when the survey was sent.",
    )
    industry_id = fields.Many2one(related="partner_id.industry_id", store=True)
    country_id = fields.Many2one(related="partner_id.country_id", store=True)
    lifecycle_stage_id = fields.Many2one(
        related="partner_id.lifecycle_stage_id", store=True, string="Lifecycle Stage"
    )
    # The token is the contact's only credential: generated here, read by server code only.
    access_token = fields.Char(
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: secrets.token_urlsafe(24),
        groups="base.group_system",
    )
    score = fields.Integer(aggregator="avg", help="0 = not at all likely, 10 = extremely likely.")
    comment = fields.Text()
    date_answered = fields.Datetime(string="Answered On", readonly=True, index=True)
    category = fields.Selection(
        [("promoter", "Promoter"), ("passive", "Passive"), ("detractor", "Detractor")],
        compute="_compute_category",
        store=True,
    )
    nps_value = fields.Integer(
        string="NPS",
        compute="_compute_category",
        store=True,
        aggregator="avg",
        help="+100 for a promoter, 0 for a passive, -100 for a detractor: their average is the NPS.",
    )

    _sql_constraints = [
        ("access_token_uniq", "unique(access_token)", "An NPS token must be unique."),
        (
            "score_range",
            f"CHECK(score IS NULL OR score BETWEEN {NPS_MIN} AND {NPS_MAX})",
            "An NPS score goes from 0 to 10.",
        ),
    ]

    def _system_fields(self):
        # the answer comes from the contact's page only; the rest is derived
        return super()._system_fields() | NPS_SYSTEM_FIELDS

    @api.depends("contact_id")
    def _compute_partner_id(self):
        for response in self:
            response.partner_id = response.contact_id.commercial_partner_id
            response.user_id = response.partner_id.user_id or response.contact_id.user_id

    @api.depends("score", "date_answered")
    def _compute_category(self):
        for response in self:
            category = response.date_answered and nps_category(response.score)
            response.category = category or False
            response.nps_value = NPS_VALUES[category] if category else False

    # ------------------------------------------------------------
    # ANSWER
    # ------------------------------------------------------------
    def _get_answer_url(self, score=None):
        self.ensure_one()
        # sudo: the token is hidden from staff; the e-mail sent to the contact carries it
        url = f"{self.get_base_url()}/customer_360/nps/{self.sudo().access_token}"
        return f"{url}?score={score}" if score is not None else url

    @api.model
    def _get_by_token(self, token):
        if not is_token(token):  # a NUL or a non-ASCII token never reaches SQL
            return self.browse()
        return self.search([("access_token", "=", token)], limit=1)

    def _record_answer(self, score, comment=None):
        """Store the contact's answer; a token answers once. A detractor opens a care activity.

        :raise UserError: already answered; ValidationError: score out of range.
        """
        self.ensure_one()
        if self.date_answered:
            raise UserError(self.env._("This survey has already been answered. Thank you!"))
        score = parse_score(score, NPS_MIN, NPS_MAX)
        if score is None:
            raise ValidationError(
                self.env._("Choose a score from %(min)s to %(max)s.", min=NPS_MIN, max=NPS_MAX)
            )
        comment = (comment or "").strip()
        if text_problem(comment, MAX_COMMENT):
            raise ValidationError(
                self.env._(
                    "Write a comment of at most %s characters, without control characters.",
                    MAX_COMMENT,
                )
            )
        self.write(
            {
                "score": score,
                "comment": comment or False,
                "date_answered": fields.Datetime.now(),
            }
        )
        if self.category == "detractor":
            self._schedule_detractor_care()

    def _get_care_user(self):
        """Who calls a detractor back: the salesperson, else the survey's responsible."""
        self.ensure_one()
        return self.user_id or self.partner_id.user_id or self.survey_id.user_id

    def _schedule_detractor_care(self):
        self.ensure_one()
        user = self._get_care_user()
        if not user:
            return
        # sudo: the answer comes from a public page; the activity is the system's doing
        env = recipient_env(self.env, user)  # the caller-back's language
        self.partner_id.sudo().activity_schedule(
            act_type_xmlid="mail.mail_activity_data_todo",
            summary=env._("Customer care: NPS detractor"),
            note=Markup("<p>%s</p>")
            % env._(
                "%(contact)s answered %(score)s/10 to %(survey)s: %(comment)s",
                contact=self.contact_id.display_name,
                score=self.score,
                survey=self.survey_id.name,
                comment=self.comment or "-",
            ),
            user_id=user.id,
        )

    # ------------------------------------------------------------
    # REPORTING
    # ------------------------------------------------------------
    @api.model
    def _nps_by(self, domain, groupby):
        """NPS of the answers in ``domain`` per group, e.g. ``["date_answered:month"]``.

        :return: ``{group key tuple: NPS}``, one grouped query.
        """
        counts = {}
        for *keys, category, count in self._read_group(
            [*domain, ("category", "!=", False)], [*groupby, "category"], ["__count"]
        ):
            counts.setdefault(tuple(keys), {})[category] = count
        return {
            key: nps_score(c.get("promoter", 0), c.get("passive", 0), c.get("detractor", 0))
            for key, c in counts.items()
        }
