# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The one place where HTTP meets DingTalk. Plain Python: no ORM, no cache.

Both API generations are spoken here: "oapi" (token in the query string,
errors as HTTP 200 + errcode) and "api" v1.0 (token in a header, errors as
HTTP 4xx/5xx + code). Every reply is classified into a ``DingTalkError``
kind so callers decide on retries without reading error codes.
"""

import logging
import re

import requests

from .exceptions import CONFIG, INPUT, QUOTA, RETRYABLE, THROTTLE, TOKEN, DingTalkError

_logger = logging.getLogger(__name__)

# Seconds, one number: Odoo's test harness compares it with a number (a tuple breaks it).
TIMEOUT = 20
TOKEN_CODES = {"40014", "42001", "40001"}
OAPI_KINDS = {
    **dict.fromkeys(TOKEN_CODES, TOKEN),
    **dict.fromkeys(
        ["90018", "90002", "90001", "90003", "90004", "90005", "90006", "90017"], THROTTLE
    ),
    **dict.fromkeys(["130101", "410100", "660026"], THROTTLE),  # robot: 20 a minute
    "-1": RETRYABLE,
    "90020": QUOTA,
    **dict.fromkeys(["40096", "40089", "60011", "60020", "40078", "40056"], CONFIG),
    **dict.fromkeys(["310000", "300005", "400013", "400101", "400102", "400106"], CONFIG),
}
# Seconds to wait at least, by code: robot throttling lasts 10 minutes, QPS 1 s.
OAPI_RETRY_AFTER = {"90018": 1, "90002": 2, "130101": 60, "410100": 60, "660026": 60}
API_TOKEN_CODES = {"InvalidAuthentication", "accesstoken.expired", "InvalidAccessToken"}
API_CONFIG_CODES = {
    "invalidClientIdOrSecret",
    "Forbidden.AccessDenied.AccessTokenPermissionDenied",
    "Forbidden.AccessDenied.IpNotInWhiteList",
    "needAuth",
    "processCodeError",
    "processGetFailed",
}
BAN_RETRY_AFTER = 300  # an HTML page instead of JSON: the egress IP is banned 5 minutes
SECRET_IN_URL = re.compile(r"(access_token|appsecret|sign)=[^&]+", re.IGNORECASE)


def redact(url):
    """URL fit for a log line: tokens, secrets and signatures hidden."""
    return SECRET_IN_URL.sub(r"\1=***", url)


class DingTalkClient:
    """Stateless calls to one DingTalk app; the caller owns the token cache.

    :param oapi_base: e.g. ``https://oapi.dingtalk.com``
    :param api_base: e.g. ``https://api.dingtalk.com``
    """

    def __init__(self, oapi_base, api_base, app_key=None, app_secret=None, timeout=TIMEOUT):
        self.oapi_base = oapi_base.rstrip("/")
        self.api_base = api_base.rstrip("/")
        self.app_key = app_key
        self.app_secret = app_secret
        self.timeout = timeout

    # ------------------------------------------------------------
    # TRANSPORT
    # ------------------------------------------------------------
    def _send(self, method, url, **kwargs):
        """Send one request; transport failures become retryable errors."""
        try:
            return requests.request(method, url, timeout=self.timeout, **kwargs)
        except requests.Timeout as error:
            raise DingTalkError(RETRYABLE, f"no answer within {self.timeout} s") from error
        except requests.RequestException as error:
            raise DingTalkError(RETRYABLE, f"network error: {type(error).__name__}") from error

    @staticmethod
    def _json(response, url):
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict) or body.get("status") == 1111:
            if response.status_code >= 500:
                raise DingTalkError(
                    RETRYABLE, f"HTTP {response.status_code}", code=response.status_code
                )
            # An HTML ban page or a {"status": 1111, "punish": "deny"} body.
            _logger.info(
                "DingTalk answered without JSON (HTTP %s) for %s", response.status_code, redact(url)
            )
            raise DingTalkError(
                THROTTLE,
                "DingTalk refused the call (IP temporarily banned)",
                retry_after=BAN_RETRY_AFTER,
            )
        return body

    # ------------------------------------------------------------
    # OLD STYLE: oapi.dingtalk.com
    # ------------------------------------------------------------
    def oapi(self, path, body=None, token=None, params=None, method="POST"):
        """Call an oapi endpoint; return the decoded body when ``errcode`` is 0."""
        url = f"{self.oapi_base}/{path.lstrip('/')}"
        query = dict(params or {})
        if token:
            query["access_token"] = token
        response = self._send(method, url, params=query, json=body)
        reply = self._json(response, url)
        if response.status_code >= 500:
            raise DingTalkError(
                RETRYABLE, f"HTTP {response.status_code}", code=response.status_code
            )
        errcode = str(reply.get("errcode", 0))
        if errcode == "0":
            return reply
        raise self._oapi_error(reply, url)

    @staticmethod
    def _oapi_error(reply, url):
        errcode = str(reply.get("errcode"))
        sub_code = str(reply.get("sub_code") or "")
        code = sub_code if errcode == "88" and sub_code else errcode
        kind = OAPI_KINDS.get(code, INPUT)
        message = reply.get("sub_msg") or reply.get("errmsg") or "unknown error"
        _logger.info("DingTalk oapi error %s (%s) for %s", code, kind, redact(url))
        return DingTalkError(
            kind,
            message,
            code=code,
            request_id=reply.get("request_id"),
            retry_after=OAPI_RETRY_AFTER.get(code),
        )

    # ------------------------------------------------------------
    # NEW STYLE: api.dingtalk.com/v1.0
    # ------------------------------------------------------------
    def api(self, method, path, token=None, body=None, params=None):
        """Call a v1.0 endpoint; return the decoded body of a 2xx reply."""
        url = f"{self.api_base}/{path.lstrip('/')}"
        headers = {"x-acs-dingtalk-access-token": token} if token else {}
        response = self._send(method, url, params=params, json=body, headers=headers)
        reply = self._json(response, url)
        if response.ok:
            return reply
        raise self._api_error(response.status_code, reply, url)

    @staticmethod
    def _api_error(status, reply, url):
        code = str(reply.get("code") or status)
        if code in API_TOKEN_CODES:
            kind = TOKEN
        elif code.startswith("Forbidden.AccessDenied.Qp"):
            kind = THROTTLE
        elif code == "Forbidden.AccessDenied.ApiCountLimitForOrg":
            kind = QUOTA
        elif code in API_CONFIG_CODES:
            kind = CONFIG
        elif status >= 500 or status == 429:
            kind = RETRYABLE
        else:
            kind = INPUT
        _logger.info("DingTalk api error %s %s (%s) for %s", status, code, kind, redact(url))
        return DingTalkError(
            kind,
            reply.get("message") or f"HTTP {status}",
            code=code,
            request_id=reply.get("requestid"),
            retry_after=1 if kind == THROTTLE else None,
        )

    # ------------------------------------------------------------
    # CALLS
    # ------------------------------------------------------------
    def fetch_token(self):
        """Return ``(access_token, expires_in_seconds)`` for the app."""
        if not (self.app_key and self.app_secret):
            raise DingTalkError(CONFIG, "the app key and app secret are not set")
        reply = self.api(
            "POST",
            "/v1.0/oauth2/accessToken",
            body={"appKey": self.app_key, "appSecret": self.app_secret},
        )
        return reply["accessToken"], int(reply.get("expireIn", 7200))

    def robot_send(self, webhook_url, payload, params=None):
        """Post to a group robot webhook (its own token, no app token)."""
        response = self._send("POST", webhook_url, params=params, json=payload)
        reply = self._json(response, webhook_url)
        if response.status_code >= 500:
            raise DingTalkError(
                RETRYABLE, f"HTTP {response.status_code}", code=response.status_code
            )
        if str(reply.get("errcode", 0)) != "0":
            raise self._oapi_error(reply, webhook_url)
        return reply
