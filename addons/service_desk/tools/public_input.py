# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Checks for what strangers send to public pages (survey links, portal forms).

``str.isdigit`` and ``int`` accept far more than ASCII digits (``"²"``,
``"٧"``, ``" 7 "``, ``"1_0"``), and PostgreSQL refuses NUL and lone
surrogates with an error: such input must be refused before it reaches
``int()`` or SQL.
"""

import re

TOKEN = re.compile(r"[0-9A-Za-z_-]{1,128}")  # secrets.token_urlsafe and uuid hex
SCORE = re.compile(r"[0-9]{1,2}")
MAX_COMMENT = 4000  # characters of a free-text answer


def is_token(value):
    """Whether ``value`` can be an access token at all (so worth a lookup)."""
    return isinstance(value, str) and bool(TOKEN.fullmatch(value))


def parse_score(value, low, high):
    """``value`` (an int, or ASCII digits) as an int in [low, high], else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        if not SCORE.fullmatch(value):
            return None
        value = int(value)
    if not isinstance(value, int) or not low <= value <= high:
        return None
    return value


def text_problem(value, max_length):
    """Why ``value`` cannot be stored as text (English, for logs), or None."""
    if not isinstance(value, str):
        return "not text"
    if len(value) > max_length:
        return "too long"
    if "\x00" in value:
        return "contains the NUL character"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "contains an unpaired surrogate"
    return None
