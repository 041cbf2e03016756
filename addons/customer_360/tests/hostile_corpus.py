# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Hostile input for every public route of the suite, as plain data.

``test_hostile_input`` sends each entry to each route and parameter it
fits, and expects a 4xx answer (or a per-item error), nothing written and
no ERROR in the log. To cover a new kind of attack, add an entry here: every
route gets it at once. Names are ``(label, value)`` so failures say which.
"""

DEPTH = 5000  # far past Python's recursion limit

# Text for form fields, URL parameters and JSON strings.
TEXTS = [
    ("nul", "abc\x00def"),
    ("nul_only", "\x00"),
    ("overlong", "x" * 200_000),
    ("superscript_digit", "²"),  # "²".isdigit() is True, int("²") raises
    ("arabic_digit", "٧"),  # int("٧") == 7: not a score either
    ("fullwidth_digit", "５"),
    ("padded_digit", " 7 "),
    ("underscore_digit", "1_0"),
    ("huge_number", "1" + "0" * 400),
    ("negative", "-1"),
    ("decimal", "7.5"),
    ("rtl_override", "\u202egnp.exe"),
    ("sql", "' OR 1=1; --"),
    ("markdown_link", "[退款请点这里](https://evil.example/pay)"),
    ("formula", '=HYPERLINK("https://evil.example","查看")'),
]

# Raw JSON values (text), for APIs that take JSON bodies.
JSON_VALUES = [
    ("nan", "NaN"),
    ("infinity", "Infinity"),
    ("minus_infinity", "-Infinity"),
    ("huge_int", "1" + "0" * 400),
    ("huge_negative_int", "-1" + "0" * 400),
    ("huge_float", "1e400"),
    ("nul_string", '"abc\\u0000def"'),
    ("lone_surrogate", '"\\ud800"'),
    ("overlong_string", '"' + "x" * 200_000 + '"'),
    ("object", '{"a": 1}'),
    ("list", "[1, 2]"),
    ("true", "true"),
    ("zero", "0"),
    ("empty", '""'),
    ("nested_nan", '{"a": [NaN]}'),
    ("nested_nul", '{"a\\u0000": 1}'),
]

# Nested past any sane limit: the whole body is refused, never a RecursionError.
DEEP_JSON = [
    ("deep_lists", "[" * DEPTH + "]" * DEPTH),
    ("deep_objects", '{"a":' * DEPTH + "1" + "}" * DEPTH),
]

# Date-times that parse, or nearly: outside any plausible window, or overflowing.
DATES = [
    ("year_9999", "9999-12-31T23:59:59"),
    ("year_0001", "0001-01-01T00:00:00"),
    ("year_0001_east", "0001-01-01T00:00:00+01:00"),  # astimezone overflows
    ("year_9999_west", "9999-12-31T23:59:59-01:00"),
    ("offset_99h", "2026-01-01T00:00:00+99:00"),
    ("offset_23h59", "2000-01-01T00:00:00+23:59"),  # 1999 in UTC
    ("before_2000", "1999-12-31T23:59:59Z"),
    ("far_future", "2100-01-01T00:00:00Z"),
    ("fullwidth", "２０２６-01-01T00:00:00"),
    ("nul", "2026-01-01T00:00:00\x00"),
    ("overlong", "2026-01-01T00:00:00" + "0" * 100_000),
]

# Header values beyond ASCII, sent as raw UTF-8 bytes (http.client refuses
# NUL and line breaks in headers before they leave the test).
HEADER_VALUES = [
    ("utf8", "中文签名".encode()),
    ("latin1", "é".encode("latin-1")),
    ("bearer_utf8", "Bearer 密钥".encode()),
    ("overlong", b"Bearer " + b"a" * 8000),
]

# In a URL, past ~64 KiB the HTTP server itself answers 414 (and logs it as an
# error): values carried by URLs are cut, and nested less deep but still past
# Python's recursion limit.
URL_MAX = 3000
URL_DEPTH = 1500
URL_DEEP_JSON = [
    ("deep_lists", "[" * URL_DEPTH + "]" * URL_DEPTH),
    ("deep_objects", '{"a":' * URL_DEPTH + "1" + "}" * URL_DEPTH),
]


def in_url(entries):
    """``entries`` cut to what a URL carries."""
    return [(label, value[:URL_MAX]) for label, value in entries]
