# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Calendar dates in a time zone, not UTC's (issue 15).

Datetimes are stored as naive UTC; a *date* (due date, "today", a month of a report)
is a day on someone's wall clock. What a user looks at uses the user's time zone;
what is company-wide (crons, stored states, report buckets) uses the company's:

    the company partner's time zone, else the administrator's (base.user_admin),
    else UTC.

service_desk and customer_360 keep their own copy of this rule (addons stay apart).
"""

from datetime import datetime, time, timedelta

import pytz

from odoo import fields
from odoo.tools import SQL


def tz_named(name):
    try:
        return pytz.timezone(name or "UTC")
    except pytz.UnknownTimeZoneError:
        return pytz.utc


def company_tz(company):
    """The time zone of ``company``'s calendar (see the module docstring)."""
    company = company.sudo()
    name = company.partner_id.tz
    if not name:
        admin = company.env.ref("base.user_admin", raise_if_not_found=False)
        name = admin.sudo().tz if admin else None
    return tz_named(name)


def local_date(value, tz):
    """The date on the wall clock of ``tz`` of a naive UTC datetime (a date is kept)."""
    if not value:
        return None
    if not isinstance(value, datetime):
        return fields.Date.to_date(value)
    return pytz.utc.localize(value).astimezone(tz).date()


def company_today(company, now=None):
    return local_date(now or fields.Datetime.now(), company_tz(company))


def utc_start_of(day, tz):
    """Naive UTC datetime of the local midnight starting ``day`` in ``tz``."""
    return tz.localize(datetime.combine(day, time.min)).astimezone(pytz.utc).replace(tzinfo=None)


def utc_range(day_from, day_to, tz):
    """[start, end) in naive UTC covering the local days ``day_from``..``day_to``."""
    return utc_start_of(day_from, tz), utc_start_of(day_to + timedelta(days=1), tz)


def company_tz_sql(company_alias):
    """SQL of the time zone name of the company row ``company_alias`` (same rule)."""
    return SQL(
        """COALESCE(
            (SELECT NULLIF(tz_partner.tz, '') FROM res_partner tz_partner
              WHERE tz_partner.id = %(company)s.partner_id),
            (SELECT NULLIF(tz_admin.tz, '') FROM ir_model_data tz_data
               JOIN res_users tz_user ON tz_user.id = tz_data.res_id
               JOIN res_partner tz_admin ON tz_admin.id = tz_user.partner_id
              WHERE tz_data.module = 'base' AND tz_data.name = 'user_admin'),
            'UTC')""",
        company=SQL.identifier(company_alias),
    )


def local_date_sql(column, tz_sql):
    """SQL of the local date of the naive UTC timestamp ``column`` (an SQL) in ``tz_sql``."""
    return SQL("((%s AT TIME ZONE 'UTC') AT TIME ZONE %s)::date", column, tz_sql)
