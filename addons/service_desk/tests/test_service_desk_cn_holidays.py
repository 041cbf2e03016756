# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""China's public holidays loaded from the chinesecalendar package (issue 15).

Admins typed every year's holidays and 调休 Saturdays by hand, per calendar; a forgotten
year silently moved every SLA deadline.
"""

from datetime import date, datetime, timedelta
from unittest.mock import patch

import chinese_calendar
import pytz

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, freeze_time, new_test_user, tagged

from ..tools import cn_holidays
from .common import ServiceDeskCommon

TZ = pytz.timezone("Asia/Shanghai")


def _days(first, last=None):
    first = date.fromisoformat(first)
    last = date.fromisoformat(last) if last else first
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _fake_2027():
    """2026's holidays shifted to 2027, as if the package already had next year's notice."""
    return {
        day.replace(year=2027): name
        for day, name in chinese_calendar.holidays.items()
        if day.year == 2026
    }


# The State Council notices (国务院办公厅关于XXXX年部分节假日安排的通知), written out by hand:
# 国办发明电〔2023〕7号, 〔2024〕12号 (revised holiday law: 春节 and 劳动节 one day longer),
# and the notice of 2025-11-04 for 2026. Days off include the weekends inside each span.
OFFICIAL = {
    2024: {
        "off": [
            *_days("2024-01-01"),  # 元旦
            *_days("2024-02-10", "2024-02-17"),  # 春节
            *_days("2024-04-04", "2024-04-06"),  # 清明节
            *_days("2024-05-01", "2024-05-05"),  # 劳动节
            *_days("2024-06-10"),  # 端午节
            *_days("2024-09-15", "2024-09-17"),  # 中秋节
            *_days("2024-10-01", "2024-10-07"),  # 国庆节
        ],
        "work": _days("2024-02-04")
        + _days("2024-02-18")
        + _days("2024-04-07")
        + _days("2024-04-28")
        + _days("2024-05-11")
        + _days("2024-09-14")
        + _days("2024-09-29")
        + _days("2024-10-12"),
    },
    2025: {
        "off": [
            *_days("2025-01-01"),  # 元旦
            *_days("2025-01-28", "2025-02-04"),  # 春节
            *_days("2025-04-04", "2025-04-06"),  # 清明节
            *_days("2025-05-01", "2025-05-05"),  # 劳动节
            *_days("2025-05-31", "2025-06-02"),  # 端午节
            *_days("2025-10-01", "2025-10-08"),  # 国庆节、中秋节
        ],
        "work": _days("2025-01-26")
        + _days("2025-02-08")
        + _days("2025-04-27")
        + _days("2025-09-28")
        + _days("2025-10-11"),
    },
    2026: {
        "off": [
            *_days("2026-01-01", "2026-01-03"),  # 元旦
            *_days("2026-02-15", "2026-02-23"),  # 春节
            *_days("2026-04-04", "2026-04-06"),  # 清明节
            *_days("2026-05-01", "2026-05-05"),  # 劳动节
            *_days("2026-06-19", "2026-06-21"),  # 端午节
            *_days("2026-09-25", "2026-09-27"),  # 中秋节 (its own span in 2026)
            *_days("2026-10-01", "2026-10-07"),  # 国庆节
        ],
        "work": _days("2026-01-04")  # Sunday
        + _days("2026-02-14")
        + _days("2026-02-28")
        + _days("2026-05-09")
        + _days("2026-09-20")  # Sunday
        + _days("2026-10-10"),
    },
}


@tagged("service_desk_cn_holidays")
class TestCnHolidaySource(TransactionCase):
    def test_package_matches_the_state_council_notices(self):
        for year, official in OFFICIAL.items():
            with self.subTest(year=year):
                off = [
                    day
                    for block in cn_holidays.holidays(year)
                    for day in _days(block.first.isoformat(), block.last.isoformat())
                ]
                self.assertEqual(off, official["off"])
                self.assertEqual([d.day for d in cn_holidays.make_up_days(year)], official["work"])
        self.assertEqual(len(OFFICIAL[2026]["off"]), 33)
        self.assertEqual(len(OFFICIAL[2026]["work"]), 6)
        self.assertEqual(
            [d.weekday() for d in OFFICIAL[2026]["work"]], [6, 5, 5, 5, 6, 5]
        )  # 1/4 and 9/20 are Sundays

    def test_blocks_are_named_by_festival(self):
        blocks = cn_holidays.holidays(2026)
        spring = next(block for block in blocks if block.chinese == "春节")
        self.assertEqual((spring.first, spring.last), (date(2026, 2, 15), date(2026, 2, 23)))
        self.assertEqual(spring.name, "Spring Festival")
        self.assertEqual(len(blocks), 7)

    def test_unknown_year(self):
        with self.assertRaises(cn_holidays.UnknownYear):
            cn_holidays.holidays(2099)
        with self.assertRaises(cn_holidays.UnknownYear):
            cn_holidays.make_up_days(2099)


class CnHolidayCommon(ServiceDeskCommon):
    """An 8-12 / lunch / 13-17 Monday-Friday calendar in Shanghai, used by team L1."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        lines = []
        for day in range(5):
            for begin, end, period in (
                (8, 12, "morning"),
                (12, 13, "lunch"),
                (13, 17, "afternoon"),
            ):
                lines.append(
                    Command.create(
                        {
                            "name": f"{day} {period}",
                            "dayofweek": str(day),
                            "hour_from": begin,
                            "hour_to": end,
                            "day_period": period,
                        }
                    )
                )
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "Shanghai office", "tz": "Asia/Shanghai", "attendance_ids": lines}
        )
        cls.team.resource_calendar_id = cls.calendar

    def work_hours(self, day, calendar=None):
        """Working hours Odoo itself counts on ``day`` (holidays out)."""
        start = TZ.localize(datetime.combine(date.fromisoformat(day), datetime.min.time()))
        intervals = (calendar or self.calendar)._work_intervals_batch(
            start, start + timedelta(days=1), compute_leaves=True
        )[False]
        return sum((stop - begin).total_seconds() for begin, stop, _meta in intervals) / 3600

    def loaded(self, calendar=None):
        calendar = calendar or self.calendar
        leaves = self.env["resource.calendar.leaves"].search(
            [("calendar_id", "=", calendar.id), ("cn_holiday_year", "!=", False)]
        )
        lines = calendar.attendance_ids.filtered("cn_holiday_year")
        return (
            sorted((leave.name, leave.date_from, leave.date_to) for leave in leaves),
            sorted(
                (str(line.date_from), line.dayofweek, line.hour_from, line.hour_to, line.day_period)
                for line in lines
            ),
        )


@tagged("service_desk_cn_holidays")
class TestCnHolidayLoad(CnHolidayCommon):
    def test_load_2026_counts_in_odoo_working_time(self):
        self.assertEqual(self.work_hours("2026-10-01"), 8)  # before: a plain Thursday
        self.assertEqual(self.calendar._sd_load_cn_holidays(2026), (33, 6))
        leaves, lines = self.loaded()
        self.assertEqual(len(leaves), 7)
        self.assertEqual(len(lines), 6 * 3)  # morning, lunch, afternoon per make-up day
        self.assertEqual(self.work_hours("2026-10-01"), 0)
        self.assertEqual(self.work_hours("2026-09-25"), 0)  # 中秋, a Friday
        self.assertEqual(self.work_hours("2026-10-10"), 8)  # make-up Saturday
        self.assertEqual(self.work_hours("2026-09-20"), 8)  # make-up Sunday
        self.assertEqual(self.work_hours("2026-10-17"), 0)  # a plain Saturday
        self.assertEqual(self.work_hours("2026-10-08"), 8)
        # the holiday is the whole Shanghai day, not a UTC one
        spring = next(leave for leave in leaves if leave[1].month == 2)
        self.assertEqual(spring[1], datetime(2026, 2, 14, 16, 0))
        self.assertEqual(spring[2], datetime(2026, 2, 23, 15, 59, 59))
        # the calendar's average day is not changed by dated lines
        self.assertEqual(self.calendar.hours_per_day, 8)

    def test_load_twice_same_result(self):
        self.calendar._sd_load_cn_holidays(2026)
        first = self.loaded()
        self.calendar._sd_load_cn_holidays(2026)
        self.assertEqual(self.loaded(), first)

    def test_reload_after_correction_replaces_only_that_year(self):
        self.calendar._sd_load_cn_holidays(2025)
        self.calendar._sd_load_cn_holidays(2026)
        before_2025 = [row for row in self.loaded()[1] if row[0].startswith("2025")]
        corrected = dict(chinese_calendar.workdays)
        del corrected[date(2026, 10, 10)]
        corrected[date(2026, 10, 11)] = "National Day"
        with patch.dict(chinese_calendar.workdays, corrected, clear=True):
            self.calendar._sd_load_cn_holidays(2026)
        self.assertEqual(self.work_hours("2026-10-10"), 0)
        self.assertEqual(self.work_hours("2026-10-11"), 8)
        lines = self.loaded()[1]
        self.assertEqual(len([row for row in lines if row[0].startswith("2026")]), 18)
        self.assertEqual([row for row in lines if row[0].startswith("2025")], before_2025)

    def test_hand_made_make_up_day_is_not_doubled(self):
        self.calendar.attendance_ids = [
            Command.create(
                {
                    "name": "调休 by hand",
                    "dayofweek": "5",
                    "hour_from": 9,
                    "hour_to": 12,
                    "date_from": "2026-10-10",
                    "date_to": "2026-10-10",
                }
            )
        ]
        self.calendar._sd_load_cn_holidays(2026)
        self.assertEqual(self.work_hours("2026-10-10"), 3)
        self.assertEqual(self.work_hours("2026-05-09"), 8)

    def test_unknown_year_is_refused_and_nothing_written(self):
        with self.assertRaises(UserError) as caught:
            self.calendar._sd_load_cn_holidays(2099)
        self.assertIn("2099", str(caught.exception))
        self.assertEqual(self.loaded(), ([], []))

    def test_two_week_calendar_is_refused(self):
        self.calendar.two_weeks_calendar = True
        with self.assertRaises(UserError):
            self.calendar._sd_load_cn_holidays(2026)

    def test_wizard_for_managers_only(self):
        wizard_action = self.team.with_user(self.user_manager).action_sd_open_cn_holiday_wizard()
        self.assertEqual(wizard_action["context"]["default_calendar_ids"], self.calendar.ids)
        Wizard = self.env["service.desk.cn.holiday.load"]
        wizard = Wizard.with_user(self.user_manager).create(
            {"calendar_ids": [Command.set(self.calendar.ids)], "year": 2026}
        )
        result = wizard.action_load()
        self.assertEqual(result["tag"], "display_notification")
        self.assertEqual(self.work_hours("2026-10-10"), 8)
        with self.assertRaises(AccessError):
            Wizard.with_user(self.user_agent).create(
                {"calendar_ids": [Command.set(self.calendar.ids)], "year": 2026}
            )

    def test_default_year(self):
        Wizard = self.env["service.desk.cn.holiday.load"]
        with freeze_time("2026-03-01"):
            self.assertEqual(Wizard._default_year(), 2026)
        with freeze_time("2025-12-01"):  # 2026 already published
            self.assertEqual(Wizard._default_year(), 2026)


@tagged("service_desk_cn_holidays")
class TestCnHolidayWarning(CnHolidayCommon):
    @freeze_time("2026-12-07")
    def test_warning_until_the_year_has_holidays(self):
        unused = self.calendar.copy({"name": "Unused"})
        self.env.invalidate_all()
        self.assertIn("2026", self.calendar.sd_holiday_alert)
        self.assertIn("2026", self.team.sd_holiday_alert)
        self.assertFalse(unused.sd_holiday_alert)
        self.calendar._sd_load_cn_holidays(2026)
        self.env.invalidate_all()
        self.assertFalse(self.calendar.sd_holiday_alert)
        self.assertFalse(self.team.sd_holiday_alert)

    @freeze_time("2026-12-07")
    def test_hand_entered_holiday_counts(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "国庆节",
                "calendar_id": self.calendar.id,
                "date_from": datetime(2026, 9, 30, 16),
                "date_to": datetime(2026, 10, 7, 15, 59),
            }
        )
        self.assertFalse(self.calendar.sd_holiday_alert)

    @freeze_time("2026-12-07")
    def test_calendar_of_an_sla_target_is_in_use(self):
        other = self.calendar.copy({"name": "Night shift"})
        policy = self.env["service.desk.sla.policy"].create(
            {
                "name": "Night",
                "target_ids": [
                    Command.create({"metric": "resolution", "hours": 4, "calendar_id": other.id})
                ],
            }
        )
        self.assertTrue(policy)
        self.assertTrue(other.sd_holiday_alert)


@tagged("post_install", "-at_install", "service_desk_cn_holidays")
class TestCnHolidayReminder(CnHolidayCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["service_desk"], ["zh_CN"], overwrite=True)
        cls.manager_zh = new_test_user(
            cls.env,
            "sd_manager_zh",
            groups="service_desk.service_desk_group_manager",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        # only our managers and our team: demo and admin users are managers too
        group = cls.env.ref("service_desk.service_desk_group_manager")
        group.users = [Command.set((cls.user_manager | cls.manager_zh).ids)]
        cls.env["service.desk.team"].search([("id", "!=", cls.team.id)]).active = False
        cls.env["service.desk.sla.target"].search([]).calendar_id = False

    def reminders(self):
        return self.env["mail.activity"].search(
            [("res_model", "=", "service.desk.team"), ("summary", "ilike", "2027")]
        )

    def test_reminder_once_when_next_year_is_published(self):
        published = _fake_2027()
        Calendar = self.env["resource.calendar"]
        with patch.dict(chinese_calendar.holidays, published):
            with freeze_time("2026-10-15"):  # too early: nothing about 2027
                Calendar._cron_sd_cn_holiday_reminder()
            self.assertFalse(self.reminders())
            with freeze_time("2026-11-02"):
                Calendar._cron_sd_cn_holiday_reminder()
            reminders = self.reminders()
            self.assertEqual(reminders.user_id, self.user_manager | self.manager_zh)
            self.assertEqual(set(reminders.mapped("res_id")), {self.team.id})
            zh = reminders.filtered(lambda act: act.user_id == self.manager_zh)
            self.assertEqual(zh.summary, "加载 2027 年的法定节假日")
            self.assertIn("Shanghai office", str(zh.note))
            en = reminders - zh
            self.assertEqual(en.summary, "Load the public holidays of 2027")
            with freeze_time("2026-12-01"):  # once per calendar and year
                Calendar._cron_sd_cn_holiday_reminder()
            self.assertEqual(len(self.reminders()), 2)

    def test_no_reminder_when_loaded_or_unpublished(self):
        Calendar = self.env["resource.calendar"]
        with freeze_time("2026-11-02"):  # the package holds no 2027 yet
            Calendar._cron_sd_cn_holiday_reminder()
        self.assertFalse(self.reminders())
        published = _fake_2027()
        with patch.dict(chinese_calendar.holidays, published), freeze_time("2026-11-02"):
            self.calendar._sd_load_cn_holidays(2027)
            Calendar._cron_sd_cn_holiday_reminder()
        self.assertFalse(self.reminders())

    def test_no_reminder_outside_china(self):
        self.calendar.tz = "Europe/Paris"
        self.calendar.company_id.country_id = self.env.ref("base.fr")
        published = _fake_2027()
        with patch.dict(chinese_calendar.holidays, published), freeze_time("2026-11-02"):
            self.env["resource.calendar"]._cron_sd_cn_holiday_reminder()
        self.assertFalse(self.reminders())
