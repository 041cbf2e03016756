# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .customer_nps_response import nps_score


class CustomerNpsSurvey(models.Model):
    """A Net Promoter Score campaign: one tokenized e-mail per contact, one answer each."""

    _name = "customer.nps.survey"
    _description = "NPS Survey"
    _inherit = ["mail.thread", "crm.full.system.fields.mixin"]
    _order = "date_sent desc, id desc"

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        help="Gets the care activity of a detractor whose customer has no salesperson.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("sent", "Sent")], default="draft", required=True, tracking=True
    )
    date_sent = fields.Datetime(string="Sent On", readonly=True, copy=False)
    question = fields.Char(
        translate=True,
        default=lambda self: self.env._(
            "How likely are you to recommend us to a friend or colleague?"
        ),
        required=True,
    )
    partner_ids = fields.Many2many(
        "res.partner",
        string="Recipients",
        help="Contacts to ask; those without e-mail or who opted out are skipped.",
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="E-mail Template",
        domain="[('model', '=', 'customer.nps.response')]",
        default=lambda self: self.env.ref(
            "customer_360.mail_template_nps_request", raise_if_not_found=False
        ),
    )
    response_ids = fields.One2many("customer.nps.response", "survey_id", string="Responses")
    response_count = fields.Integer(string="Sent", compute="_compute_nps")
    answer_count = fields.Integer(string="Answers", compute="_compute_nps")
    promoter_count = fields.Integer(string="Promoters", compute="_compute_nps")
    passive_count = fields.Integer(string="Passives", compute="_compute_nps")
    detractor_count = fields.Integer(string="Detractors", compute="_compute_nps")
    nps = fields.Float(string="NPS", compute="_compute_nps", digits=(16, 1))

    def _system_fields(self):
        return super()._system_fields() | {"date_sent"}  # set by action_send only

    def _compute_nps(self):
        """One grouped query for all surveys."""
        counts = {}
        for survey, category, count in self.env["customer.nps.response"]._read_group(
            [("survey_id", "in", self.ids)], ["survey_id", "category"], ["__count"]
        ):
            counts.setdefault(survey, {})[category] = count
        for survey in self:
            by_category = counts.get(survey, {})
            survey.response_count = sum(by_category.values())
            survey.promoter_count = by_category.get("promoter", 0)
            survey.passive_count = by_category.get("passive", 0)
            survey.detractor_count = by_category.get("detractor", 0)
            survey.answer_count = (
                survey.promoter_count + survey.passive_count + survey.detractor_count
            )
            survey.nps = (
                nps_score(survey.promoter_count, survey.passive_count, survey.detractor_count)
                or 0.0
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        if any(survey.state == "sent" for survey in self):
            raise UserError(
                self.env._("A sent survey holds customers' answers; archive it instead.")
            )

    def action_send(self):
        """Create one tokenized response per reachable contact and queue the e-mails."""
        for survey in self:
            if survey.state != "draft":
                raise UserError(self.env._("Survey %s has already been sent.", survey.name))
            if not survey.mail_template_id:
                raise UserError(self.env._("Choose an e-mail template for %s.", survey.name))
            recipients = survey._get_reachable_recipients()
            if not recipients:
                raise UserError(
                    self.env._(
                        "None of the recipients of %s has an e-mail address and accepts mail.",
                        survey.name,
                    )
                )
            # The sender may send this survey to these contacts; the tokenized responses
            # and their e-mails are then the system's doing (tokens stay out of staff's reach).
            survey.check_access("write")
            recipients.check_access("read")
            responses = (
                self.env["customer.nps.response"]
                .sudo()
                .create(
                    [{"survey_id": survey.id, "contact_id": partner.id} for partner in recipients]
                )
            )
            survey.mail_template_id.sudo().send_mail_batch(responses.ids)
            survey.sudo().write({"state": "sent", "date_sent": fields.Datetime.now()})
            skipped = len(survey.partner_ids) - len(recipients)
            survey.message_post(
                body=self.env._(
                    "Sent to %(sent)s contacts (%(skipped)s skipped: no e-mail or opted out).",
                    sent=len(recipients),
                    skipped=skipped,
                )
            )
        return True

    def _get_reachable_recipients(self):
        """Contacts with an e-mail who did not opt out of mailings (blacklist)."""
        self.ensure_one()
        return self.partner_ids.filtered(
            lambda partner: partner.email_normalized and not partner.is_blacklisted
        )

    def action_view_responses(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_360.customer_nps_response_action"
        )
        action["domain"] = [("survey_id", "=", self.id)]
        action["context"] = {"search_default_answered": 1}
        return action
