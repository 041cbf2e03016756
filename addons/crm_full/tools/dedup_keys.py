# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The keys under which two records are the same customer (撞单). Plain Python.

The one place where phones, company names, credit codes and e-mails are
normalised: leads, partners, imports and the events API all call it, so a
customer found by one is found by all. README "Duplicate keys" has the rules.
"""

import re
import unicodedata

import phonenumbers
from stdnum.cn.uscc import calc_check_digit

from .zh_fold import to_simplified

DEFAULT_REGION = "CN"

# ---------------------------------------------------------------------------
# Phones
# ---------------------------------------------------------------------------

# An extension written out: "转 12", "分机12", "ext. 12", "x12", "#12".
EXTENSION_MARK = re.compile(r"\s*(?:转|分机|ext\.?|extension|x|#)\s*\d{1,6}\s*$", re.IGNORECASE)
# An extension glued on with a dash: "0755-8888-1234-12" (tried only when the whole is no number).
EXTENSION_DASH = re.compile(r"^(.*\d)\s*[-~]\s*\d{1,6}\s*$")


def _parse_phone(text, region):
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def phone_key(number, region=None):
    """E.164 without extension, or False when ``number`` is no complete number.

    ``region`` (ISO country code) is where a number without ``+``/``00`` is
    dialled from: the record's or the company's country, China when unknown.
    A number that is none there is read as Chinese (a Chinese mobile typed in
    by a company abroad). A local number without its area code (``8888-1234``)
    is no key: the same eight digits are another line in every city.
    """
    if not number or not isinstance(number, str):
        return False
    text = unicodedata.normalize("NFKC", number).strip()
    text = EXTENSION_MARK.sub("", text)
    region = (region or DEFAULT_REGION).upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        region = DEFAULT_REGION
    match = EXTENSION_DASH.match(text)
    candidates = [text, match.group(1)] if match else [text]
    regions = [region] if region == DEFAULT_REGION else [region, DEFAULT_REGION]
    parsed = next(
        (
            number
            for home in regions
            for candidate in candidates
            if (number := _parse_phone(candidate, home)) is not None
        ),
        None,
    )
    if parsed is None:
        return False
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


# ---------------------------------------------------------------------------
# Company names
# ---------------------------------------------------------------------------

# Chinese legal forms, longest first. 集团 stays: 中国石油天然气集团公司 (the group)
# and 中国石油天然气股份有限公司 (the listed company) are two legal entities.
CN_LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "公司")
# Latin legal forms as whole words, after dots are joined ("G.m.b.H." → "gmbh").
LATIN_LEGAL_FORMS = {
    "co",
    "ltd",
    "limited",
    "company",
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "llc",
    "llp",
    "lp",
    "gmbh",
    "ag",
    "kg",
    "sa",
    "sas",
    "sarl",
    "srl",
    "spa",
    "bv",
    "nv",
    "plc",
    "pte",
    "pty",
    "kk",
    "oy",
    "ab",
}
BRACKETS = str.maketrans({"【": "(", "】": ")", "〔": "(", "〕": ")", "[": "(", "]": ")"})
BRACKET_GROUP = re.compile(r"\(([^()]*)\)")
# "g.m.b.h", "l.l.c.", "s.a." → one word; "pte. ltd." stays two words.
DOTTED_LETTERS = re.compile(r"\b(?:[a-z]\.){1,}[a-z]\b\.?")
NOT_WORD = re.compile(r"[\W_]+")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Words inside brackets that are part of the entity, not a place: kept in place.
ENTITY_WORDS = ("集团", "公司", "控股", "分")
PLACE_SUFFIXES = ("特别行政区", "自治区", "省", "市", "区", "县")
# 杭州市云帆… = 杭州云帆…: a two-character city or province first, with its 市/省.
LEADING_PLACE = re.compile(r"^([\u3400-\u9fff]{2})[市省](?=[\u3400-\u9fff]{2})")


def _is_place(text):
    """A short Chinese place in brackets: 杭州, 北京市, 中国."""
    return (
        bool(text)
        and len(text) <= 8
        and all(CJK.match(char) for char in text)
        and not any(word in text for word in ENTITY_WORDS)
    )


def _strip_place_suffix(place):
    for suffix in PLACE_SUFFIXES:
        if place.endswith(suffix) and len(place) > len(suffix) + 1:
            return place[: -len(suffix)]
    return place


def _choose_language(name):
    """Of a bilingual name, the Chinese one: ``Yunfan Tech (云帆科技有限公司)`` and
    ``云帆科技有限公司 (Yunfan Tech Co., Ltd.)`` both give ``云帆科技有限公司``."""
    groups = BRACKET_GROUP.findall(name)
    outside = BRACKET_GROUP.sub(" ", name)
    if not CJK.search(outside):
        chinese = [group for group in groups if CJK.search(group) and not _is_place(group)]
        return chinese[0] if chinese else name
    # A Latin translation in brackets is dropped; Chinese groups stay for the next step.
    return BRACKET_GROUP.sub(lambda m: m.group(0) if CJK.search(m.group(1)) else " ", name)


def _move_places(name):
    """云帆科技（杭州）有限公司 → 杭州云帆科技有限公司: the bracketed place goes first."""
    places = []

    def take(match):
        inner = match.group(1).strip()
        if _is_place(inner):
            places.append(_strip_place_suffix(inner))
            return ""
        return f" {inner} "

    rest = BRACKET_GROUP.sub(take, name)
    for place in reversed(places):
        if not rest.lstrip().startswith(place):
            rest = place + rest
    return rest


def _strip_legal_forms(words):
    words = list(words)
    while words:
        last = words[-1]
        if last in LATIN_LEGAL_FORMS and len(words) > 1:
            words.pop()
            continue
        if last.endswith("分公司"):  # a branch is its own record
            break
        form = next((form for form in CN_LEGAL_FORMS if last.endswith(form)), None)
        if form and len(last) > len(form):
            words[-1] = last[: -len(form)]
            continue
        if form and len(words) > 1:
            words.pop()
            continue
        break
    return words


def company_key(name):
    """One key per legal entity name: width, case, traditional or simplified script,
    punctuation, bracketed place, language of a bilingual name and legal form do not count."""
    if not name or not isinstance(name, str):
        return False
    text = unicodedata.normalize("NFKC", name).casefold().translate(BRACKETS)
    text = to_simplified(text)  # 杭州雲帆科技 = 杭州云帆科技
    text = _choose_language(text)
    text = _move_places(text)
    text = DOTTED_LETTERS.sub(lambda m: m.group(0).replace(".", ""), text)
    words = [word for word in NOT_WORD.split(text) if word]
    if words:
        words[0] = LEADING_PLACE.sub(r"\1", words[0])
    words = _strip_legal_forms(words)
    if all(word in LATIN_LEGAL_FORMS or word in CN_LEGAL_FORMS for word in words):
        return False  # a legal form alone names nobody
    return "".join(words)


# ---------------------------------------------------------------------------
# Credit codes (统一社会信用代码, GB 32100-2015)
# ---------------------------------------------------------------------------

# I, O, Z, S and V are left out of the code's alphabet: they read like digits.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_LENGTH = 18
# After NFKC, no-break and ideographic spaces are plain spaces.
USCC_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―_.·]+")


def uscc_normalize(code):
    """Width, case and separators removed: ``９１３３-0100 MA2..`` → ``913301 00MA2..``."""
    if not code or not isinstance(code, str):
        return ""
    return USCC_SEPARATORS.sub("", unicodedata.normalize("NFKC", code)).upper()


def uscc_problem(code):
    """What is wrong with ``code``, or ``None`` when it is a valid credit code.

    :return: one of ``None``, ``"length"``, ``"character"``, ``"region"``, ``"check"``
    """
    code = uscc_normalize(code)
    if len(code) != USCC_LENGTH:
        return "length"
    if any(char not in USCC_ALPHABET for char in code):
        return "character"
    if not code[2:8].isdigit():  # the administrative division code (GB/T 2260)
        return "region"
    if calc_check_digit(code[:17]) != code[17]:
        return "check"
    return None


def registry_key(code):
    """The normalised code (valid or not: a wrong code pasted twice is still one customer)."""
    return uscc_normalize(code) or False


# ---------------------------------------------------------------------------
# E-mail
# ---------------------------------------------------------------------------


def email_key(email):
    email = unicodedata.normalize("NFKC", email or "").strip().casefold()
    return email if "@" in email else False


def key_set(registry=False, email=False, company=False, phones=()):
    """The keys of one record, comparable across leads and partners: two records
    are the same customer when their sets meet (a phone matches a phone or a mobile)."""
    keys = {("registry", registry), ("email", email), ("company", company)}
    keys |= {("phone", number) for number in phones}
    return {(kind, value) for kind, value in keys if value}
