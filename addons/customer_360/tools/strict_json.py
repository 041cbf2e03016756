# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""JSON that PostgreSQL and the browser can both take back.

Python's ``json`` accepts what neither can: ``NaN``/``Infinity``, integers of
hundreds of digits, ``1e400`` (read as infinity), ``\\u0000`` and lone
surrogates, and nesting deep enough to exhaust the recursion limit. The
loader below never raises on the first four: it puts an :class:`Invalid`
marker in their place, so that the caller can refuse only the item that
holds one. Nesting is bounded before parsing, without recursion.
"""

import json
import math
import re

MAX_SAFE_INT = 2**53 - 1  # what a browser's JSON.parse still reads exactly
MAX_INT_DIGITS = 20  # parse no longer literal than this (int() is quadratic)
# A string, or an unterminated one up to the end: it always matches, so the
# scan stays linear on any input. Removed, the brackets left are structure.
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*(?:"|\\?\Z)', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")


class Invalid:
    """Stands for a JSON value we refuse to store; ``reason`` says which."""

    __slots__ = ("reason",)

    def __init__(self, reason):
        self.reason = reason

    def __repr__(self):
        return f"Invalid({self.reason!r})"


def _parse_int(text):
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        return Invalid("number too large")
    value = int(text)
    return value if abs(value) <= MAX_SAFE_INT else Invalid("number too large")


def _parse_float(text):
    value = float(text)
    return value if math.isfinite(value) else Invalid("number too large")


def _parse_constant(name):
    return Invalid(f"{name} is not a number")


def nesting_depth(data):
    """Deepest bracket nesting of the raw JSON ``data`` (bytes), counted in a loop."""
    depth = deepest = 0
    for match in _BRACKET.finditer(_STRING.sub(b'""', data)):
        if match.group() in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def loads(data, max_depth):
    """Parse ``data`` (bytes); raise ValueError for bad JSON or nesting over ``max_depth``."""
    if nesting_depth(data) > max_depth:
        raise ValueError(f"nested deeper than {max_depth} levels")
    return json.loads(
        data,
        parse_int=_parse_int,
        parse_float=_parse_float,
        parse_constant=_parse_constant,
    )


def check_value(value, max_depth):
    """First problem found in a parsed value, as a short English reason, or None.

    Walks with an explicit stack: no recursion, whatever the input.
    """
    stack = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > max_depth:
            return f"nested deeper than {max_depth} levels"
        if isinstance(node, Invalid):
            return node.reason
        if isinstance(node, str):
            reason = check_text(node)
            if reason:
                return reason
        elif isinstance(node, dict):
            for key, item in node.items():
                reason = check_text(key)
                if reason:
                    return reason
                stack.append((item, depth + 1))
        elif isinstance(node, list):
            stack.extend((item, depth + 1) for item in node)
    return None


def check_text(text):
    """Why PostgreSQL would refuse ``text`` (NUL, lone surrogate), or None."""
    if "\x00" in text:
        return "contains the NUL character"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "contains an unpaired surrogate"
    return None
