# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What can go wrong when talking to DingTalk, classified by what to do about it."""

TOKEN = "token"  # refresh the access token and retry once
THROTTLE = "throttle"  # retry after a server-imposed pause
RETRYABLE = "retryable"  # transient: back off exponentially
QUOTA = "quota"  # monthly call quota used up: give up, tell an admin
CONFIG = "config"  # app key, secret, permission, whitelist, robot settings: fix them
INPUT = "input"  # the request itself is wrong: unknown user, bad form value

RETRY_KINDS = (TOKEN, THROTTLE, RETRYABLE)


class DingTalkError(Exception):
    """A classified failure of one DingTalk call.

    :param kind: one of the module constants above
    :param code: errcode (oapi) or code (api v1.0), as text
    :param message: DingTalk's own words, or ours for transport failures
    :param retry_after: minimum seconds to wait before trying again, if known
    """

    def __init__(self, kind, message, code=None, request_id=None, retry_after=None):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.code = None if code is None else str(code)
        self.request_id = request_id
        self.retry_after = retry_after

    @property
    def retryable(self):
        return self.kind in RETRY_KINDS

    def __str__(self):
        code = f" [{self.code}]" if self.code else ""
        return f"{self.kind}{code}: {self.message}"
