# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Chinese lunar calendar ⇄ Gregorian dates for 1900–2100, and birthdays.

No dependency: one 17-bit code per lunar year (the classic compact table).
Bits 15..4 say whether lunar months 1..12 have 30 days (else 29), bits 3..0
give the leap month (0 = none) and bit 16 whether that leap month has 30 days.
The epoch: lunar 1900-01-01 is 1900-01-31 in the Gregorian calendar.
"""

import calendar
import datetime

FIRST_YEAR = 1900
LAST_YEAR = 2100
EPOCH = datetime.date(1900, 1, 31)

# Lunar years 1900..2100, generated from an astronomical calendar library
# and checked against the published table.
YEAR_CODES = (
    0x04BD8,
    0x04AE0,
    0x0A570,
    0x054D5,
    0x0D260,
    0x0D950,
    0x16554,
    0x056A0,
    0x09AD0,
    0x055D2,
    0x04AE0,
    0x0A5B6,
    0x0A4D0,
    0x0D250,
    0x1D255,
    0x0B540,
    0x0D6A0,
    0x0ADA2,
    0x095B0,
    0x14977,
    0x04970,
    0x0A4B0,
    0x0B4B5,
    0x06A50,
    0x06D40,
    0x1AB54,
    0x02B60,
    0x09570,
    0x052F2,
    0x04970,
    0x06566,
    0x0D4A0,
    0x0EA50,
    0x16A95,
    0x05AD0,
    0x02B60,
    0x186E3,
    0x092E0,
    0x1C8D7,
    0x0C950,
    0x0D4A0,
    0x1D8A6,
    0x0B550,
    0x056A0,
    0x1A5B4,
    0x025D0,
    0x092D0,
    0x0D2B2,
    0x0A950,
    0x0B557,
    0x06CA0,
    0x0B550,
    0x15355,
    0x04DA0,
    0x0A5B0,
    0x14573,
    0x052B0,
    0x0A9A8,
    0x0E950,
    0x06AA0,
    0x0AEA6,
    0x0AB50,
    0x04B60,
    0x0AAE4,
    0x0A570,
    0x05260,
    0x0F263,
    0x0D950,
    0x05B57,
    0x056A0,
    0x096D0,
    0x04DD5,
    0x04AD0,
    0x0A4D0,
    0x0D4D4,
    0x0D250,
    0x0D558,
    0x0B540,
    0x0B6A0,
    0x195A6,
    0x095B0,
    0x049B0,
    0x0A974,
    0x0A4B0,
    0x0B27A,
    0x06A50,
    0x06D40,
    0x0AF46,
    0x0AB60,
    0x09570,
    0x04AF5,
    0x04970,
    0x064B0,
    0x074A3,
    0x0EA50,
    0x06B58,
    0x05AC0,
    0x0AB60,
    0x096D5,
    0x092E0,
    0x0C960,
    0x0D954,
    0x0D4A0,
    0x0DA50,
    0x07552,
    0x056A0,
    0x0ABB7,
    0x025D0,
    0x092D0,
    0x0CAB5,
    0x0A950,
    0x0B4A0,
    0x0BAA4,
    0x0AD50,
    0x055D9,
    0x04BA0,
    0x0A5B0,
    0x15176,
    0x052B0,
    0x0A930,
    0x07954,
    0x06AA0,
    0x0AD50,
    0x05B52,
    0x04B60,
    0x0A6E6,
    0x0A4E0,
    0x0D260,
    0x0EA65,
    0x0D530,
    0x05AA0,
    0x076A3,
    0x096D0,
    0x04AFB,
    0x04AD0,
    0x0A4D0,
    0x1D0B6,
    0x0D250,
    0x0D520,
    0x0DD45,
    0x0B5A0,
    0x056D0,
    0x055B2,
    0x049B0,
    0x0A577,
    0x0A4B0,
    0x0AA50,
    0x1B255,
    0x06D20,
    0x0ADA0,
    0x14B63,
    0x09370,
    0x049F8,
    0x04970,
    0x064B0,
    0x168A6,
    0x0EA50,
    0x06B20,
    0x1A6C4,
    0x0AAE0,
    0x092E0,
    0x0D2E3,
    0x0C960,
    0x0D557,
    0x0D4A0,
    0x0DA50,
    0x05D55,
    0x056A0,
    0x0A6D0,
    0x055D4,
    0x052D0,
    0x0A9B8,
    0x0A950,
    0x0B4A0,
    0x0B6A6,
    0x0AD50,
    0x055A0,
    0x0ABA4,
    0x0A5B0,
    0x052B0,
    0x0B273,
    0x06930,
    0x07337,
    0x06AA0,
    0x0AD50,
    0x14B55,
    0x04B60,
    0x0A570,
    0x054E4,
    0x0D160,
    0x0E968,
    0x0D520,
    0x0DAA0,
    0x16AA6,
    0x056D0,
    0x04AE0,
    0x0A9D4,
    0x0A2D0,
    0x0D150,
    0x0F252,
    0x0D520,
)


def _leap_month(year):
    return YEAR_CODES[year - FIRST_YEAR] & 0xF


def _month_days(year, month, leap=False):
    code = YEAR_CODES[year - FIRST_YEAR]
    if leap:
        return 30 if code & 0x10000 else 29
    return 30 if code & (0x10000 >> month) else 29


def _months(year):
    """(month, is_leap, days) of a lunar year in order."""
    leap = _leap_month(year)
    for month in range(1, 13):
        yield month, False, _month_days(year, month)
        if month == leap:
            yield month, True, _month_days(year, month, leap=True)


def _year_days(year):
    return sum(days for _month, _leap, days in _months(year))


def _check_year(year):
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"lunar year {year} outside {FIRST_YEAR}-{LAST_YEAR}")


def lunar_to_solar(year, month, day, leap=False, clamp=True):
    """Gregorian date of a lunar date.

    :param leap: the date is in the leap month ``month`` of that year; when
        that year has no such leap month the regular month is used.
    :param clamp: day 30 of a 29-day month becomes day 29 (how a birthday on
        the 30th is kept in a short year); otherwise ValueError.
    """
    _check_year(year)
    if not 1 <= month <= 12 or not 1 <= day <= 30:
        raise ValueError(f"invalid lunar date {year}-{month}-{day}")
    leap = leap and _leap_month(year) == month
    offset = sum(_year_days(y) for y in range(FIRST_YEAR, year))
    for m, is_leap, days in _months(year):
        if (m, is_leap) == (month, leap):
            if day > days:
                if not clamp:
                    raise ValueError(f"lunar month {year}-{month} has {days} days")
                day = days
            return EPOCH + datetime.timedelta(days=offset + day - 1)
        offset += days
    raise AssertionError("unreachable")  # every month 1..12 is listed


def solar_to_lunar(date):
    """(year, month, day, is_leap) of a Gregorian date."""
    offset = (date - EPOCH).days
    if offset < 0:
        raise ValueError(f"{date} is before the lunar table")
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        days = _year_days(year)
        if offset < days:
            for month, is_leap, month_days in _months(year):
                if offset < month_days:
                    return year, month, offset + 1, is_leap
                offset -= month_days
        offset -= days
    raise ValueError(f"{date} is after the lunar table")


def anniversary(date, year):
    """``date``'s month and day in ``year``; 29 February falls on the 28th
    in a common year."""
    if date.month == 2 and date.day == 29 and not calendar.isleap(year):
        return datetime.date(year, 2, 28)
    return date.replace(year=year)


def birthdays_between(birth_date, start, end, lunar=False):
    """Celebration dates of a birthday within [start, end] (both included).

    A lunar birthday keeps the lunar month and day of ``birth_date``: born in
    a leap month, it is celebrated in the regular month of that number; born
    on the 30th, on the 29th when the month is short.
    """
    if not lunar:
        dates = (anniversary(birth_date, year) for year in range(start.year, end.year + 1))
    else:
        _y, month, day, _leap = solar_to_lunar(birth_date)
        # A lunar year straddles two Gregorian years: look one year back.
        years = range(max(start.year - 1, FIRST_YEAR), min(end.year, LAST_YEAR) + 1)
        dates = (lunar_to_solar(year, month, day) for year in years)
    return sorted(d for d in dates if start <= d <= end and d >= birth_date)
