# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Plain helpers of the DingTalk sign-in routes: input shapes, redirects, proofs."""

import hashlib
import re
import time
from urllib.parse import urlsplit

DEFAULT_REDIRECT = "/odoo"
MAX_REDIRECT = 2048  # characters: a deep link with a query fits easily
# What DingTalk issues (codes are 32 hex characters today) and what we issue.
CODE_FORMAT = re.compile(r"[0-9A-Za-z_-]{8,128}")
NONCE_FORMAT = re.compile(r"[0-9A-Za-z_-]{32,64}")
COMPANY_FORMAT = re.compile(r"[1-9][0-9]{0,8}")
# Printable ASCII only: no controls, no NUL, no backslash (browsers read "\" as "/").
REDIRECT_FORMAT = re.compile(r"/[\x21-\x5b\x5d-\x7e]*")
PROOF_LIFETIME = 60  # seconds between the identity check and the session


def text_param(value, pattern):
    """``value`` when it is a str of the expected shape, else None (files, lists, junk)."""
    if isinstance(value, str) and pattern.fullmatch(value):
        return value
    return None


def safe_redirect(value):
    """A path on this host, or ``/odoo``: never another host or a scheme.

    Refused: absolute URLs (``https:``, ``javascript:``), protocol-relative
    ``//host``, backslashes (``/\\host``), controls, spaces, non-ASCII and
    over-long values.
    """
    if not isinstance(value, str) or len(value) > MAX_REDIRECT:
        return DEFAULT_REDIRECT
    if not REDIRECT_FORMAT.fullmatch(value) or value.startswith("//"):
        return DEFAULT_REDIRECT
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return DEFAULT_REDIRECT
    return value


def code_hash(code):
    """What we keep of a used code: its SHA-256, never the code itself."""
    return hashlib.sha256(code.encode()).hexdigest()


class DingtalkProof:
    """A DingTalk identity checked by the server, handed to ``res.users._check_credentials``.

    Only server code can build one: credentials that arrive over HTTP (the
    login form, JSON-RPC) are strings, numbers and lists, never this class,
    so ``{"type": "dingtalk"}`` sent by a client proves nothing. A proof is
    good once, for one user, for a minute.
    """

    __slots__ = ("company_id", "expires", "uid", "used")

    def __init__(self, uid, company_id):
        self.uid = uid
        self.company_id = company_id
        self.expires = time.monotonic() + PROOF_LIFETIME
        self.used = False

    def consume(self, uid):
        """True once, for the user it was made for, while it is fresh."""
        if self.used or self.uid != uid or time.monotonic() > self.expires:
            return False
        self.used = True
        return True
