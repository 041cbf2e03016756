# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import secrets

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.public_input import MAX_COMMENT, is_token, parse_score, text_problem

CES_MIN, CES_MAX = 1, 7


class ServiceDeskCesResponse(models.Model):
    """One Customer Effort Score question sent on solve, answered once through its token."""

    _name = "service.desk.ces.response"
    _inherit = ["service.desk.system.fields.mixin"]
    _description = "Service Desk Customer Effort Score"
    _order = "id desc"
    _rec_name = "ticket_id"

    ticket_id = fields.Many2one(
        "service.desk.ticket", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one("res.partner", string="Customer")
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    team_id = fields.Many2one(related="ticket_id.team_id", store=True)
    # The customer's only credential: generated here, read by server code only.
    access_token = fields.Char(
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: secrets.token_urlsafe(24),
        groups="base.group_system",
    )
    score = fields.Integer(help="1 = very hard to get help, 7 = effortless.", aggregator="avg")
    comment = fields.Text()
    date_answered = fields.Datetime(string="Answered on", readonly=True)

    _sql_constraints = [
        ("access_token_uniq", "unique(access_token)", "A CES token must be unique."),
        (
            "score_range",
            f"CHECK(score IS NULL OR score BETWEEN {CES_MIN} AND {CES_MAX})",
            "A CES score goes from 1 to 7.",
        ),
    ]

    def _get_system_fields(self):
        # the answer comes from the customer's page only
        return super()._get_system_fields() | {"access_token", "score", "comment", "date_answered"}

    def _get_answer_url(self):
        self.ensure_one()
        # sudo: the token is hidden from staff; the mail to the customer carries it
        return f"{self.get_base_url()}/service_desk/ces/{self.sudo().access_token}"

    def _record_answer(self, score, comment=None):
        """Store the customer's answer; a token answers once.

        :raise UserError: already answered; ValidationError: score out of range.
        """
        self.ensure_one()
        if self.date_answered:
            raise UserError(self.env._("This question has already been answered. Thank you!"))
        score = parse_score(score, CES_MIN, CES_MAX)
        if score is None:
            raise ValidationError(
                self.env._("Choose a score from %(min)s to %(max)s.", min=CES_MIN, max=CES_MAX)
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

    @api.model
    def _get_by_token(self, token):
        if not is_token(token):  # a NUL or a non-ASCII token never reaches SQL
            return self.browse()
        return self.search([("access_token", "=", token)], limit=1)
