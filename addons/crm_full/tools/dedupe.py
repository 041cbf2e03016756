# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Keys under which two leads are the same customer (撞单). Plain Python."""

import re

# Longest first: "股份有限公司" must go before "有限公司" eats half of it.
COMPANY_SUFFIXES = sorted(
    [
        "股份有限公司",
        "有限责任公司",
        "有限公司",
        "集团公司",
        "集团",
        "分公司",
        "公司",
        "co ltd",
        "co limited",
        "company limited",
        "limited",
        "ltd",
        "inc",
        "incorporated",
        "llc",
        "gmbh",
        "corp",
        "corporation",
        "co",
        "plc",
        "sa",
        "ag",
    ],
    key=len,
    reverse=True,
)
PUNCTUATION = re.compile(r"[\s.,，。()（）\-_/&'\"]+")


def company_key(name):
    """``杭州云帆科技有限公司`` and ``杭州云帆科技 Co., Ltd.`` give the same key."""
    if not name:
        return False
    key = PUNCTUATION.sub(" ", name.casefold()).strip()
    changed = True
    while changed and key:
        changed = False
        for suffix in COMPANY_SUFFIXES:
            # Latin legal forms are whole words ("costco" keeps its "co"); Chinese ones are not.
            if key == suffix or key.endswith(suffix if not suffix.isascii() else f" {suffix}"):
                key = key[: -len(suffix)].strip()
                changed = True
    key = key.replace(" ", "")
    return key or False


def phone_key(number):
    """Digits only, without China's country code: ``+86 139-0571-2201`` → ``13905712201``."""
    digits = re.sub(r"\D", "", number or "")
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) - len(prefix) >= 10:
            digits = digits[len(prefix) :]
            break
    return digits if len(digits) >= 7 else False


def email_key(email):
    email = (email or "").strip().casefold()
    return email if "@" in email else False
