# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

from .crm_full_guard import check_link_targets

CHANNELS = [
    ("call", "Phone call"),
    ("visit", "Visit"),
    ("wechat", "WeChat"),
    ("dingtalk", "DingTalk"),
    ("email", "E-mail"),
    ("meeting", "Meeting"),
]


class CrmFollowup(models.Model):
    """One contact with the customer (跟进记录) and the next step it promised."""

    _name = "crm.followup"
    _description = "Follow-up"
    _order = "date desc, id desc"

    lead_id = fields.Many2one("crm.lead", index=True, ondelete="cascade")
    partner_id = fields.Many2one(
        "res.partner",
        "Customer Account",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
    )
    user_id = fields.Many2one(
        "res.users", "Salesperson", default=lambda self: self.env.user, required=True
    )
    channel = fields.Selection(CHANNELS, required=True, default="call")
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    summary = fields.Text(required=True)
    next_step = fields.Char()
    next_date = fields.Date("Next Step On")
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, required=True
    )

    @api.depends("lead_id")
    def _compute_partner_id(self):
        for followup in self:
            if followup.lead_id.partner_id:
                followup.partner_id = followup.lead_id.partner_id.commercial_partner_id

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_followup_target(vals)
        followups = super().create(vals_list)
        followups._schedule_next_steps()
        self.env["res.partner"]._lifecycle_advance_records("engaged", followups)
        return followups

    def write(self, vals):
        self._check_followup_target(vals)
        return super().write(vals)

    @api.model
    def _check_followup_target(self, vals):
        """A follow-up goes on a lead or customer one may edit, in one's own name.

        Its rule follows the lead's and the customer's owner, not ``user_id``, which the
        creator sets: checked here on the target before anything is written.
        """
        if self.env.su:
            return
        lead = self.env["crm.lead"].browse(vals.get("lead_id"))
        check_link_targets(self.env, "crm.lead", lead.ids)
        # The lead's own customer comes with the lead (precomputed, sent by the form).
        if (
            vals.get("partner_id")
            and vals["partner_id"] != lead.sudo().partner_id.commercial_partner_id.id
        ):
            check_link_targets(self.env, "res.partner", [vals["partner_id"]])
        user_id = vals.get("user_id")
        if (
            user_id
            and user_id != self.env.uid
            and not self.env.user.has_group("sales_team.group_sale_salesman_all_leads")
        ):
            raise AccessError(self.env._("You can only log follow-ups in your own name."))

    def _schedule_next_steps(self):
        """The promised next step becomes an activity, on the lead or else the customer."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        for followup in self.filtered(lambda followup: followup.next_step and followup.next_date):
            record = followup.lead_id or followup.partner_id
            if record:
                record.activity_schedule(
                    activity_type_id=todo.id,
                    summary=followup.next_step,
                    date_deadline=followup.next_date,
                    user_id=followup.user_id.id,
                )
