# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""统一社会信用代码 (unified social credit code, GB 32100-2015). Plain Python."""

# I, O, Z, S and V are left out of the code's alphabet: they read like digits.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18


def normalize(code):
    return (code or "").strip().upper().replace(" ", "")


def check_char(first17):
    """The 18th character the standard derives from the first 17."""
    total = sum(
        ALPHABET.index(char) * weight for char, weight in zip(first17[:17], WEIGHTS, strict=True)
    )
    return ALPHABET[(31 - total % 31) % 31]


def uscc_problem(code):
    """What is wrong with ``code``, or ``None`` when it is a valid credit code.

    :return: one of ``None``, ``"length"``, ``"character"``, ``"check"``
    """
    code = normalize(code)
    if len(code) != LENGTH:
        return "length"
    if any(char not in ALPHABET for char in code):
        return "character"
    if check_char(code[:17]) != code[17]:
        return "check"
    return None
