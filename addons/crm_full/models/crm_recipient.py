# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Texts written by server code are read by one person: write them in that person's
language and time zone, as Odoo's mail templates do (crons run as OdooBot in English/UTC)."""

from odoo.tools.misc import format_datetime

INSTANT_FORMAT = "yyyy-MM-dd HH:mm"  # babel pattern: the same shape in every language


def recipient_env(env, user):
    """``env`` speaking the language and time zone of ``user`` (res.users or res.partner)."""
    context = dict(env.context)
    if user and user.lang:
        context["lang"] = user.lang
    if user and user.tz:
        context["tz"] = user.tz
    return env(context=context)


def format_instant(env, value):
    """A naive UTC datetime as wall-clock time in the time zone of ``env``'s context."""
    return format_datetime(env, value, tz=env.context.get("tz") or "UTC", dt_format=INSTANT_FORMAT)
