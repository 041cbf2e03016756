# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.tests import BaseCase, tagged

from ..tools.lunar_calendar import (
    anniversary,
    birthdays_between,
    lunar_to_solar,
    solar_to_lunar,
)


@tagged("customer_360", "customer_360_care")
class TestLunarCalendar(BaseCase):
    def test_spring_festival_dates(self):
        # 春节 (lunar 1/1), from the published calendars.
        known = {
            1900: date(1900, 1, 31),
            1949: date(1949, 1, 29),
            2000: date(2000, 2, 5),
            2008: date(2008, 2, 7),
            2020: date(2020, 1, 25),
            2023: date(2023, 1, 22),
            2024: date(2024, 2, 10),
            2025: date(2025, 1, 29),
            2026: date(2026, 2, 17),
            2030: date(2030, 2, 3),
        }
        for year, solar in known.items():
            self.assertEqual(lunar_to_solar(year, 1, 1), solar, year)
            self.assertEqual(solar_to_lunar(solar), (year, 1, 1, False))

    def test_festivals_and_leap_months(self):
        self.assertEqual(lunar_to_solar(2024, 8, 15), date(2024, 9, 17))  # 中秋
        self.assertEqual(lunar_to_solar(2025, 5, 5), date(2025, 5, 31))  # 端午
        # 2023 has a leap 2nd month (闰二月) starting 22 March.
        self.assertEqual(lunar_to_solar(2023, 2, 1, leap=True), date(2023, 3, 22))
        self.assertEqual(lunar_to_solar(2023, 2, 1), date(2023, 2, 20))
        self.assertEqual(solar_to_lunar(date(2023, 3, 22)), (2023, 2, 1, True))
        # 2025 has a leap 6th month from 25 July.
        self.assertEqual(lunar_to_solar(2025, 6, 1, leap=True), date(2025, 7, 25))

    def test_day_30_of_a_short_month(self):
        # Lunar 2026/2 has 29 days: a birthday on the 30th is kept on the 29th.
        self.assertEqual(lunar_to_solar(2026, 2, 30), date(2026, 4, 16))
        self.assertEqual(lunar_to_solar(2026, 2, 29), date(2026, 4, 16))
        self.assertEqual(lunar_to_solar(2026, 1, 30), date(2026, 3, 18))
        with self.assertRaises(ValueError):
            lunar_to_solar(2026, 2, 30, clamp=False)
        with self.assertRaises(ValueError):
            lunar_to_solar(2101, 1, 1)

    def test_birthdays(self):
        self.assertEqual(anniversary(date(1992, 2, 29), 2026), date(2026, 2, 28))
        self.assertEqual(anniversary(date(1992, 2, 29), 2028), date(2028, 2, 29))
        # Born on Spring Festival 1990 (27 Jan 1990): lunar 1/1 each year.
        born = date(1990, 1, 27)
        self.assertEqual(
            birthdays_between(born, date(2026, 2, 1), date(2026, 2, 28), lunar=True),
            [date(2026, 2, 17)],
        )
        # Lunar 12th month birthdays fall in the next Gregorian year.
        born = lunar_to_solar(1980, 12, 5)
        self.assertEqual(
            birthdays_between(born, date(2026, 1, 1), date(2026, 1, 31), lunar=True),
            [date(2026, 1, 23)],
        )
        self.assertEqual(
            birthdays_between(date(1990, 3, 10), date(2026, 3, 1), date(2026, 3, 9)), []
        )
