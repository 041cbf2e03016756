# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""China's public holidays and make-up working days (调休) loaded onto working calendars.

Holidays become global leaves of the calendar (``resource.calendar.leaves`` without
resource), make-up days dated attendance lines copying the calendar's usual working
day (see service_desk_sla_status.py for how Odoo counts both). What is loaded carries
``cn_holiday_year``, so loading a year again replaces exactly what the last load wrote:
run twice, same result; run after the package corrected a date, corrected.
"""

from collections import Counter
from datetime import datetime, time

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import cn_holidays
from .service_desk_recipient import recipient_env

# Calendars of these zones (or of a company in China) get the yearly reminder.
CN_TIMEZONES = {"Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "Asia/Urumqi", "PRC"}
# The State Council publishes next year's schedule in late October or November.
REMINDER_FROM_MONTH = 11


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    cn_holiday_year = fields.Integer(
        string="Chinese Holiday Year",
        readonly=True,
        index="btree_not_null",
        help="Set on public holidays loaded from the chinesecalendar package: "
        "loading that year again replaces them.",
    )


class ResourceCalendarAttendance(models.Model):
    _inherit = "resource.calendar.attendance"

    cn_holiday_year = fields.Integer(
        string="Chinese Holiday Year",
        readonly=True,
        index="btree_not_null",
        help="Set on make-up working days loaded from the chinesecalendar package: "
        "loading that year again replaces them.",
    )


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    sd_holiday_alert = fields.Char(
        string="Holiday Warning",
        compute="_compute_sd_holiday_alert",
        help="Set when a service desk team or SLA counts in this calendar and it has no "
        "public holiday in the current year.",
    )
    sd_cn_holiday_reminded_year = fields.Integer(
        string="Holiday Reminder Sent For",
        readonly=True,
        help="Last year whose missing Chinese holidays the service managers were reminded of.",
    )

    # ------------------------------------------------------------
    # WARNING
    # ------------------------------------------------------------
    def _compute_sd_holiday_alert(self):
        year = fields.Date.context_today(self).year
        used = self._sd_calendars_in_use()
        missing = (self & used) - (self & used)._sd_with_holidays(year)
        for calendar in self:
            calendar.sd_holiday_alert = (
                self.env._(
                    "No public holiday is recorded for %(year)s on this working schedule: "
                    "SLA deadlines count those days as working days. "
                    "Load the Chinese public holidays, or enter them as time off.",
                    year=year,
                )
                if calendar in missing
                else False
            )

    @api.model
    def _sd_calendars_in_use(self):
        """Calendars SLA clocks count in: each team's (else its company's) and the targets' own."""
        teams = self.env["service.desk.team"].sudo().search([])
        calendars = teams.mapped(lambda team: team._sd_calendar())
        targets = (
            self.env["service.desk.sla.target"]
            .sudo()
            .search([("calendar_id", "!=", False), ("policy_id.active", "=", True)])
        )
        return (calendars | targets.calendar_id).with_env(self.env)

    def _sd_with_holidays(self, year):
        """Those of these calendars having a global leave in ``year`` (own or all-calendar)."""
        if not self:
            return self
        start = datetime(year, 1, 1)
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            ._read_group(
                [
                    ("resource_id", "=", False),
                    ("calendar_id", "in", [*self.ids, False]),
                    ("date_from", "<", datetime(year + 1, 1, 1)),
                    ("date_to", ">", start),
                    ("time_type", "=", "leave"),
                ],
                ["calendar_id", "company_id"],
            )
        )
        own = {calendar.id for calendar, _company in leaves if calendar}
        all_calendars = {company.id for calendar, company in leaves if not calendar}
        return self.filtered(
            lambda cal: cal.id in own or (cal.company_id or self.env.company).id in all_calendars
        )

    # ------------------------------------------------------------
    # LOADING
    # ------------------------------------------------------------
    def action_sd_open_cn_holiday_wizard(self):
        return self.env["service.desk.cn.holiday.load"]._open_for(self)

    def _sd_load_cn_holidays(self, year):
        """Write ``year``'s holidays and make-up days on these calendars, replacing a former load.

        :return: (number of holiday days, number of make-up days) of the year
        :raise UserError: for a year the installed package does not know, or a calendar
            whose working week cannot be copied onto a make-up day
        """
        try:
            blocks = cn_holidays.holidays(year)
            make_ups = cn_holidays.make_up_days(year)
        except cn_holidays.UnknownYear:
            years = cn_holidays.known_years()
            raise UserError(
                self.env._(
                    "The installed chinesecalendar package has no public holidays for %(year)s "
                    "(it knows %(first)s to %(last)s). The State Council publishes a year's "
                    "schedule in November of the year before; upgrade the package "
                    "(pip install -U chinesecalendar) once it is out.",
                    year=year,
                    first=years[0],
                    last=years[-1],
                )
            ) from None
        for calendar in self:
            calendar._sd_write_cn_holidays(year, blocks, make_ups)
        return sum((b.last - b.first).days + 1 for b in blocks), len(make_ups)

    def _sd_write_cn_holidays(self, year, blocks, make_ups):
        self.ensure_one()
        pattern = self._sd_working_day_pattern()
        Leaves = self.env["resource.calendar.leaves"]
        Leaves.search([("calendar_id", "=", self.id), ("cn_holiday_year", "=", year)]).unlink()
        self.attendance_ids.filtered(lambda att: att.cn_holiday_year == year).unlink()
        tz = pytz.timezone(self.tz or "UTC")
        Leaves.create(
            [
                {
                    "name": self._sd_festival_label(block),
                    "calendar_id": self.id,
                    "resource_id": False,
                    "time_type": "leave",
                    "date_from": _utc(tz, block.first, time.min),
                    "date_to": _utc(tz, block.last, time(23, 59, 59)),
                    "cn_holiday_year": year,
                }
                for block in blocks
            ]
        )
        taken = self._sd_days_with_own_hours()
        self.env["resource.calendar.attendance"].create(
            [
                {
                    **line,
                    "name": self.env._("%s (make-up working day)", self._sd_festival_label(day)),
                    "calendar_id": self.id,
                    "dayofweek": str(day.day.weekday()),
                    "date_from": day.day,
                    "date_to": day.day,
                    "cn_holiday_year": year,
                }
                for day in make_ups
                if day.day not in taken and str(day.day.weekday()) not in taken
                for line in pattern
            ]
        )

    def _sd_working_day_pattern(self):
        """The calendar's most common working day, as attendance values (morning, lunch, ...)."""
        if self.two_weeks_calendar:
            raise UserError(
                self.env._(
                    "%s is a two-week calendar: enter its make-up working days by hand.",
                    self.display_name,
                )
            )
        days = {}
        for att in self.attendance_ids:
            if att.date_from or att.date_to or att.resource_id or att.display_type:
                continue
            days.setdefault(att.dayofweek, []).append((att.hour_from, att.hour_to, att.day_period))
        shapes = Counter(
            tuple(sorted(lines))
            for lines in days.values()
            if any(period != "lunch" for _begin, _end, period in lines)
        )
        if not shapes:
            raise UserError(
                self.env._(
                    "%s has no working hours to copy onto make-up working days.",
                    self.display_name,
                )
            )
        shape = shapes.most_common(1)[0][0]
        return [
            {"hour_from": begin, "hour_to": end, "day_period": period}
            for begin, end, period in shape
        ]

    def _sd_days_with_own_hours(self):
        """Weekdays worked every week and days an admin gave hours by hand: left as they are."""
        taken = set()
        for att in self.attendance_ids:
            if att.cn_holiday_year or att.resource_id or att.display_type:
                continue
            if not att.date_from and not att.date_to:
                taken.add(att.dayofweek)
            elif att.date_from and att.date_from == att.date_to:
                taken.add(att.date_from)
        return taken

    def _sd_festival_label(self, entry):
        """'春节' for a Chinese-speaking user, 'Spring Festival' otherwise."""
        return entry.chinese if (self.env.lang or "").startswith("zh") else entry.name

    # ------------------------------------------------------------
    # YEARLY REMINDER
    # ------------------------------------------------------------
    @api.model
    def _cron_sd_cn_holiday_reminder(self):
        """Remind the service managers once per calendar and year to load the new holidays.

        From November on, next year's; before, the current year's (a late install).
        Only Chinese calendars in use by a team or SLA, once the package knows the year.
        """
        today = fields.Date.context_today(self)
        year = today.year + 1 if today.month >= REMINDER_FROM_MONTH else today.year
        if year not in cn_holidays.known_years():
            return
        calendars = (
            self._sd_calendars_in_use()
            .sudo()
            .filtered(lambda cal: cal._sd_is_chinese() and cal.sd_cn_holiday_reminded_year < year)
        )
        if not calendars:
            return
        loaded = (
            self.env["resource.calendar.leaves"]
            .sudo()
            ._read_group(
                [("calendar_id", "in", calendars.ids), ("cn_holiday_year", "=", year)],
                ["calendar_id"],
            )
        )
        calendars -= self.browse([calendar.id for (calendar,) in loaded])
        for calendar in calendars:
            calendar._sd_remind_managers(year)
        calendars.sd_cn_holiday_reminded_year = year

    def _sd_is_chinese(self):
        self.ensure_one()
        return self.tz in CN_TIMEZONES or (self.company_id.country_id.code == "CN")

    def _sd_remind_managers(self, year):
        """One to-do per service manager, on the first team counting in this calendar."""
        self.ensure_one()
        Team = self.env["service.desk.team"].sudo()
        teams = Team.search([]).filtered(lambda team: team._sd_calendar() == self)
        team = teams[:1] or Team.search(
            [("company_id", "in", [self.company_id.id or self.env.company.id])], limit=1
        )
        managers = self.env.ref("service_desk.service_desk_group_manager").users.filtered(
            lambda user: (
                not user.share
                and user.active
                and (not self.company_id or self.company_id in user.company_ids)
            )
        )
        if not team or not managers:
            return
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        vals_list = []
        for user in managers:
            env = recipient_env(self.env, user)  # the to-do speaks its user's language
            vals_list.append(
                {
                    "res_model_id": self.env["ir.model"]._get_id("service.desk.team"),
                    "res_id": team.id,
                    "activity_type_id": todo.id if todo else False,
                    "summary": env._("Load the public holidays of %s", year),
                    "note": env._(
                        "The working schedule %(calendar)s has no Chinese public holidays "
                        "for %(year)s yet, so SLA deadlines would count them as working days. "
                        "Open it and click Load Chinese Public Holidays.",
                        calendar=self.display_name,
                        year=year,
                    ),
                    "user_id": user.id,
                    "date_deadline": fields.Date.context_today(self.with_env(env)),
                }
            )
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
            vals_list
        )


def _utc(tz, day, moment):
    """Naive UTC datetime of a wall-clock time of ``day`` in ``tz``."""
    local = tz.localize(datetime.combine(day, moment))
    return local.astimezone(pytz.utc).replace(tzinfo=None)
