# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""China's statutory holidays and make-up working days (调休) of one year.

The dates come from the ``chinesecalendar`` package (import name
``chinese_calendar``), which transcribes each State Council notice
(国务院办公厅关于XXXX年部分节假日安排的通知) within days of its publication in
November: upgrading the package is how a new year arrives. A year the package
does not hold is refused rather than guessed.
"""

from collections import namedtuple
from datetime import timedelta

import chinese_calendar

# one block of consecutive days off of one festival (e.g. 春节 2026-02-15 → 02-23)
HolidayBlock = namedtuple("HolidayBlock", "first last name chinese")
# one make-up working day (e.g. Saturday 2026-10-10, for 国庆节)
MakeUpDay = namedtuple("MakeUpDay", "day name chinese")


class UnknownYear(LookupError):
    """The package holds no schedule for this year (not published yet, or too old)."""


def known_years():
    """Years the installed package has a schedule for."""
    return sorted({day.year for day in chinese_calendar.holidays})


def holidays(year):
    """Days off of ``year`` grouped in blocks of consecutive days of one festival.

    Weekend days inside a block are included, as the notice counts them (共9天).
    :raise UnknownYear: when the package has no schedule for ``year``
    """
    days = sorted(day for day in chinese_calendar.holidays if day.year == year)
    if not days:
        raise UnknownYear(year)
    blocks = []
    for day in days:
        name = chinese_calendar.holidays[day]
        last = blocks[-1] if blocks else None
        if last and last.name == name and last.last + timedelta(days=1) == day:
            blocks[-1] = last._replace(last=day)
        else:
            blocks.append(HolidayBlock(day, day, name, _chinese(name)))
    return blocks


def make_up_days(year):
    """Weekend days of ``year`` worked instead of a holiday (调休上班).

    :raise UnknownYear: when the package has no schedule for ``year``
    """
    if year not in known_years():
        raise UnknownYear(year)
    return [
        MakeUpDay(day, name, _chinese(name))
        for day, name in sorted(chinese_calendar.workdays.items())
        if day.year == year
    ]


def _chinese(name):
    try:
        return chinese_calendar.Holiday(name).chinese
    except ValueError:  # a name newer than the enum: keep the English one
        return name
