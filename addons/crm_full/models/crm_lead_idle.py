# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    idle_reminded_anchor = fields.Datetime(
        copy=False,
        readonly=True,
        help="The last follow-up or stage change the idle reminder was sent for: one "
        "reminder per idle spell, and the next follow-up or stage move starts a new one.",
    )

    @api.model
    def _cron_idle_opportunities(self, batch_size=500):
        """Opportunities idle longer than their stage's limit: the salesperson gets an
        activity and the team leader a message, once per idle spell.

        The idle spell starts at the later of the last follow-up and the last stage change;
        the stamp keeps that start, so rerunning the cron finds nothing new.
        """
        now = fields.Datetime.now()
        self.flush_model(
            [
                "active",
                "type",
                "user_id",
                "stage_id",
                "last_followup_date",
                "date_last_stage_update",
                "idle_reminded_anchor",
            ]
        )
        self.env["crm.stage"].flush_model(["max_idle_days", "is_won"])
        self.env.cr.execute(
            """
            SELECT l.id, COALESCE(GREATEST(l.last_followup_date, l.date_last_stage_update),
                                  l.create_date) AS anchor
              FROM crm_lead l
              JOIN crm_stage s ON s.id = l.stage_id
             WHERE l.active AND l.type = 'opportunity' AND l.user_id IS NOT NULL
               AND s.max_idle_days > 0 AND NOT COALESCE(s.is_won, FALSE)
               AND COALESCE(GREATEST(l.last_followup_date, l.date_last_stage_update),
                            l.create_date) <= %(now)s - s.max_idle_days * interval '1 day'
               AND l.idle_reminded_anchor IS DISTINCT FROM
                   COALESCE(GREATEST(l.last_followup_date, l.date_last_stage_update),
                            l.create_date)
          ORDER BY l.id
             LIMIT %(limit)s
               FOR UPDATE OF l SKIP LOCKED
            """,
            {"now": now, "limit": batch_size},
        )
        anchors = dict(self.env.cr.fetchall())
        leads = self.browse(anchors)
        leads._idle_notify(now)
        for lead in leads:
            lead.idle_reminded_anchor = anchors[lead.id]
        return leads

    def _idle_notify(self, now):
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("crm.lead")
        self.env["mail.activity"].sudo().create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": lead.id,
                    "activity_type_id": todo.id,
                    "user_id": lead.user_id.id,
                    "summary": self.env._("Idle opportunity: follow up"),
                    "note": self.env._(
                        "No follow-up for %(days)s days in stage %(stage)s.",
                        days=lead.stage_id.max_idle_days,
                        stage=lead.stage_id.name,
                    ),
                    "date_deadline": now.date(),
                }
                for lead in self
            ]
        )
        for lead in self.filtered("team_id.user_id"):
            leader = lead.team_id.user_id
            lead.message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "%(lead)s has had no follow-up for %(days)s days in stage %(stage)s "
                    "(salesperson: %(user)s).",
                    lead=lead.name,
                    days=lead.stage_id.max_idle_days,
                    stage=lead.stage_id.name,
                    user=lead.user_id.name,
                ),
                partner_ids=leader.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
