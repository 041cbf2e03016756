# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Demo data helpers, called from demo/*.xml through <function> only."""

from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models

# Tickets of the demo history arrive on a weekday at this local hour.
DEMO_ARRIVAL = time(10, 0)


class ServiceDeskTicket(models.Model):
    _inherit = "service.desk.ticket"

    @api.model
    def _service_desk_demo_add_chinese(self):
        """zh_CN beside en_US: active, with the terms of the modules installed so far
        (modules installed after this load theirs themselves)."""
        Lang = self.env["res.lang"]
        if Lang._lang_get("zh_CN"):
            return
        Lang._activate_lang("zh_CN")
        modules = self.env["ir.module.module"].search([("state", "=", "installed")])
        modules._update_translations("zh_CN")

    @api.model
    def _service_desk_demo_load_cn_holidays(self, calendar_ids):
        """Last, this and next year's public holidays on the demo calendars, as far as
        the installed chinesecalendar package knows them (the loader an admin uses)."""
        from ..tools import cn_holidays

        this_year = fields.Date.context_today(self).year
        calendars = self.env["resource.calendar"].browse(calendar_ids)
        for year in (this_year - 1, this_year, this_year + 1):
            if year in cn_holidays.known_years():
                calendars._sd_load_cn_holidays(year)

    @api.model
    def _service_desk_demo_history(self, specs):
        """Play a year of tickets at the dates they happened: created, answered by the
        agent, solved and rated at past instants, so SLA clocks, events, metrics and
        ratings are what the engine computes for those instants (in the team's business
        hours), not a pile of tickets all dated today.

        :param specs: [{"days_ago", "reply_minutes", "solve_hours", "rating" (or None),
            "feedback", "reply", and the ticket's create values}, ...]
        """
        from freezegun import freeze_time  # in Odoo's own requirements

        solved = self.env.ref("service_desk.stage_solved")
        tz = pytz.timezone(self.env.user.tz or "Asia/Shanghai")
        cr = self.env.cr
        steps = []
        for spec in specs:
            spec = dict(spec)
            day = fields.Date.today() - timedelta(days=spec.pop("days_ago"))
            while day.weekday() >= 5:
                day -= timedelta(days=1)
            start = tz.localize(datetime.combine(day, DEMO_ARRIVAL)).astimezone(pytz.utc)
            start = start.replace(tzinfo=None)
            steps.append((start, spec))
        tickets = self.browse()
        with freeze_time(steps[0][0] if steps else fields.Datetime.now()) as clock:

            def at(when):
                self.env.flush_all()
                clock.move_to(when)
                cr._now = when

            try:
                for start, spec in sorted(steps, key=lambda step: step[0]):
                    reply_at = start + timedelta(minutes=spec.pop("reply_minutes"))
                    solved_at = start + timedelta(hours=spec.pop("solve_hours"))
                    rating, feedback = spec.pop("rating", None), spec.pop("feedback", None)
                    reply = spec.pop("reply")
                    at(start)
                    ticket = self.create(spec)
                    at(reply_at)
                    agent = ticket.user_id or ticket.team_id.leader_id or self.env.user
                    ticket.with_user(agent).sudo().message_post(
                        body=reply, message_type="comment", subtype_xmlid="mail.mt_comment"
                    )
                    at(solved_at)
                    ticket.stage_id = solved
                    if rating:
                        at(solved_at + timedelta(hours=20))
                        token = ticket.rating_ids[:1].access_token
                        ticket.rating_apply(rating, token=token, feedback=feedback)
                    tickets |= ticket
                self.env.flush_all()
            finally:
                cr._now = None
        return tickets
