# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Decode JSON that PostgreSQL's jsonb and the browser can both take back.

Python's ``json`` accepts ``NaN``/``Infinity``, integers of any length,
``1e400`` (as infinity), ``\\u0000``, lone surrogates and nesting deep enough
to exhaust the recursion limit; jsonb refuses the NUL, the web client cannot
read the rest. ``loads`` refuses them all with ValueError.
"""

import json
import math

MAX_SAFE_INT = 2**53 - 1
MAX_INT_DIGITS = 20


def _parse_int(text):
    if len(text.lstrip("-")) > MAX_INT_DIGITS or abs(int(text)) > MAX_SAFE_INT:
        raise ValueError("number too large")
    return int(text)


def _parse_float(text):
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("number too large")
    return value


def _parse_constant(name):
    raise ValueError(f"{name} is not a number")


def loads(text, max_depth):
    """Parse ``text``; raise ValueError when it is not storable JSON."""
    try:
        value = json.loads(
            text,
            parse_int=_parse_int,
            parse_float=_parse_float,
            parse_constant=_parse_constant,
        )
    except RecursionError as error:
        raise ValueError("nested too deep") from error
    # iterative walk: depth, and strings jsonb cannot hold
    stack = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > max_depth:
            raise ValueError(f"nested deeper than {max_depth} levels")
        if isinstance(node, dict):
            stack.extend((key, depth) for key in node)
            stack.extend((item, depth + 1) for item in node.values())
        elif isinstance(node, list):
            stack.extend((item, depth + 1) for item in node)
        elif isinstance(node, str):
            if "\x00" in node:
                raise ValueError("contains the NUL character")
            node.encode("utf-8")  # UnicodeEncodeError (a ValueError): lone surrogate
    return value
