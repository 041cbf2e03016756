# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A DingTalk stand-in on 127.0.0.1 that speaks both wire formats and fails on demand.

Plain Python (no Odoo import) so the benchmarks can load it by path too.
Faults are injected *before* a call is processed, except ``slow_after``
which answers late after delivering (the client times out, the robot's
``msgUuid`` must then keep the retry from counting twice).
"""

import base64
import hashlib
import hmac
import itertools
import json
import random
import secrets
import threading
import time
from collections import Counter, defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

BAN_PAGE = b"<html><body><h1>403 Forbidden</h1>punish: deny</body></html>"


class FakeDingTalk:
    """Start with ``start()``; point both base URLs at ``url``; read the counters."""

    def __init__(
        self,
        app_key="dingfakeappkey",
        app_secret="fake-secret",
        agent_id="4242",
        seed=0,
        corp_id="dingfakecorp",
    ):
        self.app_key, self.app_secret, self.agent_id = app_key, app_secret, str(agent_id)
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.tokens = set()
        # sign-in: apps (one per Odoo company), the codes they issue, their members
        self.apps = {app_key: {"secret": app_secret, "corp_id": corp_id}}
        self.token_apps = {}  # app access token -> app key
        self.auth_codes = {}  # code -> {"app", "kind", "userid"/"unionid", "issued", "used"}
        self.code_ttl = 300  # seconds: DingTalk's codes live 5 minutes, once
        self.members = {}  # (app key, unionid) -> userid
        self.user_tokens = {}  # user access token (OAuth) -> unionid
        self._token_serial = itertools.count(1)
        self.robot_secrets = {}  # robot access_token -> signing secret
        self.users = []  # dicts of v2/user/list, each with a "dept_id_list"
        self.departments = [{"dept_id": 1, "name": "Root", "parent_id": 0}]
        # faults
        self.fail_rate = 0.0
        self.fail_kinds = ("http500", "busy", "qps", "ban")
        self.expire_tokens_at_calls = set()
        self.quota_exceeded = False
        self.ip_not_whitelisted = False
        self.slow_seconds = 0.0
        self.slow_rate = 0.0
        # what happened
        self.calls = Counter()
        self.robot_messages = {}  # msgUuid -> payload (accepted once, like DingTalk)
        self.robot_duplicates = 0
        self.robot_sent_at = defaultdict(list)
        self.work_notices = []  # (userid list, msg)
        self.token_fetches = 0
        self.token_rejections = 0
        self.expiries = []
        self.server = None

    # ------------------------------------------------------------
    # LIFECYCLE
    # ------------------------------------------------------------
    def start(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                fake._handle(self, "GET")

            def do_POST(self):
                fake._handle(self, "POST")

            def log_message(self, *args):
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass  # a client that timed out hung up on a slow reply: expected

        self.server = Server(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def expire_tokens(self):
        with self.lock:
            self.tokens.clear()

    def delivered_userids(self):
        return Counter(userid for userids, _msg in self.work_notices for userid in userids)

    # ------------------------------------------------------------
    # DISPATCH
    # ------------------------------------------------------------
    def _handle(self, request, method):
        parts = urlsplit(request.path)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else {}
        except ValueError:
            body = None
        with self.lock:
            self.calls[parts.path] += 1
            total = sum(self.calls.values())
            if total in self.expire_tokens_at_calls:
                self.tokens.clear()
                self.expiries.append(total)
            fault = self.fail_rate and self.random.random() < self.fail_rate
            fault_kind = self.random.choice(self.fail_kinds) if fault else None
            slow = self.slow_rate and self.random.random() < self.slow_rate
        if fault_kind:
            return self._fault(request, parts.path, fault_kind)
        route = self.ROUTES.get((method, parts.path))
        if not route:
            return self._reply(
                request, 200, {"errcode": 22, "errmsg": f"Invalid method[{parts.path}]"}
            )
        status, reply = route(self, query, body, request.headers)
        if slow:
            time.sleep(self.slow_seconds)
        return self._reply(request, status, reply)

    def _fault(self, request, path, kind):
        new_style = path.startswith("/v1.0/")
        if kind == "http500":
            return self._reply(request, 500, {"code": "systemError", "message": "系统错误"})
        if kind == "ban":
            return self._reply(request, 403, BAN_PAGE, content_type="text/html")
        if kind == "busy":
            if new_style:
                return self._reply(request, 503, {"code": "ServiceUnavailable", "message": "busy"})
            return self._reply(request, 200, {"errcode": -1, "errmsg": "系统繁忙"})
        if new_style:
            code = "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi"
            return self._reply(request, 403, {"code": code, "message": "qps limit"})
        if path == "/robot/send":
            return self._reply(request, 200, {"errcode": 410100, "errmsg": "send too fast"})
        return self._reply(request, 200, {"errcode": 90018, "errmsg": "qps limit"})

    @staticmethod
    def _reply(request, status, body, content_type="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        request.send_response(status)
        request.send_header("Content-Type", content_type)
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)

    # ------------------------------------------------------------
    # TOKENS
    # ------------------------------------------------------------
    def _new_token(self, app_key=None):
        with self.lock:
            self.token_fetches += 1
            token = f"tok-{next(self._token_serial)}"
            self.tokens.add(token)
            self.token_apps[token] = app_key or self.app_key
        return token

    def _app_matches(self, app_key, secret):
        app = self.apps.get(app_key) if isinstance(app_key, str) else None
        return bool(app) and secret == app["secret"]

    def _api_token(self, query, body, headers):
        body = body if isinstance(body, dict) else {}
        if not self._app_matches(body.get("appKey"), body.get("appSecret")):
            return 400, {
                "code": "invalidClientIdOrSecret",
                "message": "无效的clientId或者clientSecret",
            }
        return 200, {"accessToken": self._new_token(body["appKey"]), "expireIn": 7200}

    def _oapi_token(self, query, body, headers):
        if query.get("appkey") != self.app_key or query.get("appsecret") != self.app_secret:
            return 200, {"errcode": 40096, "errmsg": "不合法的appKey或appSecret"}
        return 200, {
            "errcode": 0,
            "errmsg": "ok",
            "access_token": self._new_token(),
            "expires_in": 7200,
        }

    def _oapi_auth(self, query):
        """The real shape of an invalid token on oapi today: errcode 88 + sub_code."""
        if self.quota_exceeded:
            return {"errcode": 90020, "errmsg": "api调用次数超过限制"}
        if self.ip_not_whitelisted:
            return {"errcode": 60020, "errmsg": "访问ip不在白名单之中,request ip=203.0.113.7"}
        if query.get("access_token") not in self.tokens:
            self.token_rejections += 1
            return {
                "errcode": 88,
                "sub_code": "40014",
                "sub_msg": "不合法的access_token",
                "errmsg": "ding talk error[subcode=40014,submsg=不合法的access_token]",
            }
        return None

    # ------------------------------------------------------------
    # ROBOTS AND WORK NOTIFICATIONS
    # ------------------------------------------------------------
    def _robot_send(self, query, body, headers):
        secret = self.robot_secrets.get(query.get("access_token"))
        if query.get("access_token") not in self.robot_secrets:
            return 200, {"errcode": 300005, "errmsg": "token is not exist"}
        if secret:
            string_to_sign = f"{query.get('timestamp')}\n{secret}".encode()
            expected = base64.b64encode(
                hmac.new(secret.encode(), string_to_sign, hashlib.sha256).digest()
            )
            if query.get("sign", "").encode() != expected:
                return 200, {"errcode": 310000, "errmsg": "sign not match"}
        if not isinstance(body, dict) or "msgtype" not in body:
            return 200, {"errcode": 40035, "errmsg": "缺少参数 json"}
        now = time.time()
        with self.lock:
            recent = [at for at in self.robot_sent_at[query["access_token"]] if now - at < 60]
            self.robot_sent_at[query["access_token"]] = recent
            if len(recent) >= 20:
                return 200, {"errcode": 660026, "errmsg": "sending too many messages per minute"}
            uuid = body.get("msgUuid")
            if uuid and uuid in self.robot_messages:
                self.robot_duplicates += 1
            else:
                self.robot_messages[uuid or f"anonymous-{len(self.robot_messages)}"] = body
                recent.append(now)
        return 200, {"errcode": 0, "errmsg": "ok"}

    def _asyncsend(self, query, body, headers):
        error = self._oapi_auth(query)
        if error:
            return 200, error
        if str(body.get("agent_id")) != self.agent_id:
            return 200, {"errcode": 40056, "errmsg": "不合法的agentid"}
        userids = [userid for userid in body.get("userid_list", "").split(",") if userid]
        if not userids or len(userids) > 100 or "msgtype" not in body.get("msg", {}):
            return 200, {"errcode": 40035, "errmsg": "缺少参数"}
        if not self._valid_action_card(body["msg"]):
            return 200, {"errcode": 40035, "errmsg": "缺少参数 action_card"}
        with self.lock:
            self.work_notices.append((userids, body["msg"]))
            task_id = len(self.work_notices)
        return 200, {"errcode": 0, "task_id": task_id, "request_id": f"req{task_id}"}

    # ------------------------------------------------------------
    # CONTACTS
    # ------------------------------------------------------------
    def _listsub(self, query, body, headers):
        error = self._oapi_auth(query)
        if error:
            return 200, error
        parent = body.get("dept_id", 1)
        result = [dept for dept in self.departments if dept.get("parent_id") == parent]
        return 200, {"errcode": 0, "errmsg": "ok", "result": result}

    def _user_list(self, query, body, headers):
        error = self._oapi_auth(query)
        if error:
            return 200, error
        members = [
            user for user in self.users if body.get("dept_id") in user.get("dept_id_list", [1])
        ]
        cursor, size = int(body.get("cursor", 0)), min(int(body.get("size", 100)), 100)
        page = members[cursor : cursor + size]
        more = cursor + size < len(members)
        result = {"has_more": more, "list": page}
        if more:
            result["next_cursor"] = cursor + size
        return 200, {"errcode": 0, "errmsg": "ok", "result": result}

    def _user_get(self, query, body, headers):
        error = self._oapi_auth(query)
        if error:
            return 200, error
        for user in self.users:
            if user["userid"] == body.get("userid"):
                return 200, {"errcode": 0, "errmsg": "ok", "result": user}
        return 200, {"errcode": 33012, "errmsg": "无效的USERID"}

    @staticmethod
    def _valid_action_card(msg):
        """action_card takes one button (single_title/url) or a btn_json_list."""
        if msg.get("msgtype") != "action_card":
            return True
        card = msg.get("action_card") or {}
        if not (card.get("title") and card.get("markdown")):
            return False
        if card.get("single_url"):
            return bool(card.get("single_title"))
        buttons = card.get("btn_json_list")
        return bool(buttons) and all(
            button.get("title") and button.get("action_url") for button in buttons
        )

    # ------------------------------------------------------------
    # SIGN-IN: login-free codes (免登) and OAuth 2.0 scan-to-login
    # ------------------------------------------------------------
    def add_app(self, app_key, app_secret, corp_id):
        """Another organisation's internal app (another Odoo company)."""
        self.apps[app_key] = {"secret": app_secret, "corp_id": corp_id}

    def add_member(self, userid, unionid, app_key=None):
        self.members[(app_key or self.app_key, unionid)] = userid

    def issue_code(self, userid, app_key=None):
        """What ``dd.runtime.permission.requestAuthCode`` returns in the app's client."""
        code = secrets.token_hex(16)
        with self.lock:
            self.auth_codes[code] = {
                "app": app_key or self.app_key,
                "kind": "h5",
                "userid": userid,
                "issued": time.time(),
                "used": False,
            }
        return code

    def issue_oauth_code(self, unionid, app_key=None):
        """The ``authCode`` DingTalk appends to the redirect URI after a scan."""
        code = secrets.token_hex(16)
        with self.lock:
            self.auth_codes[code] = {
                "app": app_key or self.app_key,
                "kind": "oauth",
                "unionid": unionid,
                "issued": time.time(),
                "used": False,
            }
        return code

    def expire_code(self, code):
        self.auth_codes[code]["issued"] -= self.code_ttl + 1

    def _take_code(self, code, app_key, kind):
        """Single use, 5 minutes, for the app that asked: DingTalk's rules."""
        with self.lock:
            entry = self.auth_codes.get(code) if isinstance(code, str) else None
            if (
                not entry
                or entry["used"]
                or entry["app"] != app_key
                or entry["kind"] != kind
                or time.time() - entry["issued"] > self.code_ttl
            ):
                return None
            entry["used"] = True
            return entry

    def _getuserinfo(self, query, body, headers):
        error = self._oapi_auth(query)
        if error:
            return 200, error
        app_key = self.token_apps.get(query.get("access_token"))
        entry = self._take_code((body or {}).get("code"), app_key, "h5")
        if not entry:
            return 200, {"errcode": 40078, "errmsg": "不合法的临时授权码"}
        unionid = next(
            (union for (app, union), uid in self.members.items() if uid == entry["userid"]), ""
        )
        result = {
            "userid": entry["userid"],
            "unionid": unionid,
            "name": entry["userid"],
            "device_id": "fake-device",
            "sys": False,
            "sys_level": 0,
            "associated_unionid": "",
        }
        return 200, {"errcode": 0, "errmsg": "ok", "result": result, "request_id": "req-login"}

    def _user_access_token(self, query, body, headers):
        body = body if isinstance(body, dict) else {}
        app_key = body.get("clientId")
        if not self._app_matches(app_key, body.get("clientSecret")):
            return 400, {
                "code": "invalidClientIdOrSecret",
                "message": "无效的clientId或者clientSecret",
            }
        if body.get("grantType") != "authorization_code":
            return 400, {"code": "invalidParameter", "message": "grantType不合法"}
        entry = self._take_code(body.get("code"), app_key, "oauth")
        if not entry:
            return 400, {
                "code": "invalidParameter.authCode.notFound",
                "message": "不合法的临时授权码",
            }
        token = f"ut-{secrets.token_hex(8)}"
        with self.lock:
            self.user_tokens[token] = entry["unionid"]
        corp_id = self.apps[app_key]["corp_id"]
        return 200, {
            "accessToken": token,
            "refreshToken": f"rt-{secrets.token_hex(8)}",
            "expireIn": 7200,
            "corpId": corp_id,
        }

    def _users_me(self, query, body, headers):
        unionid = self.user_tokens.get(headers.get("x-acs-dingtalk-access-token"))
        if not unionid:
            return 401, {"code": "InvalidAuthentication", "message": "不合法的access_token"}
        return 200, {"nick": "Fake", "unionId": unionid, "openId": f"open-{unionid}"}

    def _getbyunionid(self, query, body, headers):
        error = self._oapi_auth(query)
        if error:
            return 200, error
        app_key = self.token_apps.get(query.get("access_token"))
        userid = self.members.get((app_key, (body or {}).get("unionid")))
        if not userid:
            return 200, {"errcode": 60121, "errmsg": "找不到该用户"}
        result = {"contact_type": 0, "userid": userid}
        return 200, {"errcode": 0, "errmsg": "ok", "result": result, "request_id": "req-union"}

    ROUTES = {
        ("POST", "/v1.0/oauth2/accessToken"): _api_token,
        ("GET", "/gettoken"): _oapi_token,
        ("POST", "/robot/send"): _robot_send,
        ("POST", "/topapi/message/corpconversation/asyncsend_v2"): _asyncsend,
        ("POST", "/topapi/v2/department/listsub"): _listsub,
        ("POST", "/topapi/v2/user/list"): _user_list,
        ("POST", "/topapi/v2/user/get"): _user_get,
        ("POST", "/topapi/v2/user/getuserinfo"): _getuserinfo,
        ("POST", "/v1.0/oauth2/userAccessToken"): _user_access_token,
        ("GET", "/v1.0/contact/users/me"): _users_me,
        ("POST", "/topapi/user/getbyunionid"): _getbyunionid,
    }
