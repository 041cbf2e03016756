# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models

from .crm_recipient import recipient_env


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
        activity per opportunity, and each salesperson and team leader one digest per
        run (a run takes up to ``batch_size`` opportunities), once per idle spell.

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
        if leads:
            # One UPDATE for the batch: the anchors differ lead by lead, and the ORM
            # would write them one query each.
            ids = list(anchors)
            self.env.cr.execute(
                """UPDATE crm_lead l SET idle_reminded_anchor = v.anchor
                     FROM unnest(%s::int[], %s::timestamp[]) AS v(id, anchor)
                    WHERE l.id = v.id""",
                [ids, [anchors[lead_id] for lead_id in ids]],
            )
            leads.invalidate_recordset(["idle_reminded_anchor"])
        return leads

    def _idle_notify(self, now):
        """An activity per lead for its salesperson, without Odoo's e-mail per activity,
        then one digest per person: their own idle opportunities and, for a team leader,
        their team's (``_idle_digest``)."""
        if not self:
            return
        self._pool_schedule(
            lambda lead: lead.user_id,
            lambda lead: lead.env._("Idle opportunity: follow up"),
            lambda lead: lead.env._(
                "No follow-up for %(days)s days in stage %(stage)s.",
                days=lead.stage_id.max_idle_days,
                stage=lead.stage_id.name,
            ),
            lambda lead: fields.Date.context_today(lead),  # the recipient's today
        )
        self._idle_digest()

    def _idle_digest(self):
        """One message per person for the whole batch: the salesperson's own idle
        opportunities, and the team leader's view of the others of their team."""
        own, team = defaultdict(list), defaultdict(list)
        for lead in self:
            own[lead.user_id].append(lead.id)
            leader = lead.team_id.user_id
            if leader and leader != lead.user_id:
                team[leader].append(lead.id)
        for user in own.keys() | team.keys():
            env = recipient_env(self.env, user)  # the reader's language
            mine = self.browse(own.get(user, [])).with_env(env)
            theirs = self.browse(team.get(user, [])).with_env(env)
            body = Markup("")
            if mine:
                body += Markup("<p>%s</p>") % env._(
                    "Your opportunities without a follow-up for longer than their stage "
                    "allows (a to-do is on each):"
                ) + mine._pool_digest_list(
                    lambda lead: lead.env._(
                        "%(stage)s, %(days)s days",
                        stage=lead.stage_id.name,
                        days=lead.stage_id.max_idle_days,
                    )
                )
            if theirs:
                body += Markup("<p>%s</p>") % env._(
                    "Opportunities of your team without a follow-up for longer than their "
                    "stage allows:"
                ) + theirs._pool_digest_list(lambda lead: lead.user_id.name)
            self._pool_digest_send(
                user,
                env._("%s idle opportunities need a follow-up", len(mine | theirs)),
                body,
            )
