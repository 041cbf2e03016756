# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Match DingTalk members to Odoo users. Plain Python: no ORM.

Order: an existing binding, then a normalized mobile, then a
case-insensitive e-mail. Never the name: two people may share one.
A tie on either side binds nobody and is reported instead.
"""

import re
import unicodedata
from dataclasses import dataclass, field

import phonenumbers

DEFAULT_REGION = "CN"
# An extension written out or glued on: "转 12", "分机12", "ext. 12", "x12", "#12".
EXTENSION = re.compile(r"\s*(?:转|分机|ext\.?|extension|x|#)\s*\d{1,6}\s*$", re.IGNORECASE)


def normalize_mobile(number, state_code="86"):
    """E.164 key of a mobile number: ``+86 138-0000-1111``, ``0086 13800001111`` and
    ``13800001111`` all give ``+8613800001111``.

    ``state_code`` is DingTalk's calling code of the member's number (``852`` for Hong
    Kong); a number without ``+``/``00`` is read as dialled there, China by default.
    Full-width digits are folded and extensions dropped, as crm_full's phone keys do
    (this addon stays independent of crm_full, so the few lines are repeated here).
    """
    if not number or not isinstance(number, str):
        return None
    text = EXTENSION.sub("", unicodedata.normalize("NFKC", number).strip())
    if not text:
        return None
    region = _region(state_code)
    regions = [region] if region == DEFAULT_REGION else [region, DEFAULT_REGION]
    for home in regions:
        try:
            parsed = phonenumbers.parse(text, home)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return None


def _region(state_code):
    """ISO region of a calling code (``"852"`` → ``HK``), China when unknown."""
    code = str(state_code or "").strip().lstrip("+")
    if not code.isdigit():
        return DEFAULT_REGION
    region = phonenumbers.region_code_for_country_code(int(code))
    return region if region in phonenumbers.SUPPORTED_REGIONS else DEFAULT_REGION


def normalize_email(email):
    email = (email or "").strip().lower()
    return email if "@" in email else None


@dataclass
class OdooUser:
    id: int
    name: str
    userid: str | None = None
    active: bool = True
    mobiles: set = field(default_factory=set)
    emails: set = field(default_factory=set)


@dataclass
class MatchResult:
    bind: dict = field(default_factory=dict)  # odoo user id -> dingtalk member
    already_mapped: dict = field(default_factory=dict)  # odoo user id -> dingtalk member
    unmatched: list = field(default_factory=list)  # dingtalk members
    ambiguous: list = field(default_factory=list)  # (dingtalk member or None, [OdooUser], reason)


def match_users(members, odoo_users):
    """Decide bindings for DingTalk ``members`` (dicts of v2/user/list) and ``odoo_users``."""
    result = MatchResult()
    by_userid = {user.userid: user for user in odoo_users if user.userid}
    free = [user for user in odoo_users if user.active and not user.userid]
    by_mobile, by_email = {}, {}
    for user in free:
        for mobile in user.mobiles:
            by_mobile.setdefault(mobile, set()).add(user.id)
        for email in user.emails:
            by_email.setdefault(email, set()).add(user.id)
    users = {user.id: user for user in odoo_users}

    claims = {}  # odoo user id -> [(member, reason)]
    for member in members:
        mapped = by_userid.get(member["userid"])
        if mapped:
            result.already_mapped[mapped.id] = member
            continue
        candidates, reason = _candidates(member, by_mobile, by_email)
        if not candidates:
            result.unmatched.append(member)
        elif len(candidates) > 1:
            result.ambiguous.append((member, [users[uid] for uid in sorted(candidates)], reason))
        else:
            claims.setdefault(next(iter(candidates)), []).append((member, reason))

    for user_id, member_claims in claims.items():
        if len(member_claims) == 1:
            result.bind[user_id] = member_claims[0][0]
        else:
            for member, reason in member_claims:
                result.ambiguous.append((member, [users[user_id]], reason))
    return result


def _candidates(member, by_mobile, by_email):
    mobile = normalize_mobile(member.get("mobile"), member.get("state_code"))
    if mobile and by_mobile.get(mobile):
        return by_mobile[mobile], "mobile"
    found = set()
    for key in ("email", "org_email"):
        email = normalize_email(member.get(key))
        if email:
            found |= by_email.get(email, set())
    return found, "email"
