"""A local stand-in for WeCom, DingTalk and a JSON webhook, on 127.0.0.1 only.

It answers each platform's documented requests in the platform's own format: gettoken, the
application message and work notification endpoints (which refuse an expired token with
errcode 42001), the group robots (DingTalk's checks the timestamp + HMAC-SHA256 signature) and a
plain webhook. Tests script failures ahead of the normal answer: a JSON error, an HTTP status,
or a dropped connection.
"""

import base64
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

WECOM_CORP = ("ww-corp", "wecom-secret")
DINGTALK_APP = ("ding-app-key", "ding-app-secret")
ROBOT_SECRET = "SECtest-signing-secret"
ROBOT_KEY = "robot-key-1"


class PushPlatform(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), PlatformHandler)
        self.requests = []
        self.script = []
        self.tokens = set()
        self.token_count = 0
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.shutdown()
        self.server_close()

    def reset(self):
        with self.lock:
            self.requests.clear()
            self.script.clear()
            self.tokens.clear()
            self.token_count = 0

    def fail_next(self, *answers):
        """Answer the next requests with these, in order: a dict (JSON), an int (HTTP
        status) or "drop" (close the connection without answering)."""
        with self.lock:
            self.script.extend(answers)

    def expire_tokens(self):
        with self.lock:
            self.tokens.clear()

    def sent(self, path):
        """The JSON bodies posted to ``path``."""
        return [r["json"] for r in self.requests if r["path"] == path and r["method"] == "POST"]


def dingtalk_sign(timestamp, secret=ROBOT_SECRET):
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


class PlatformHandler(BaseHTTPRequestHandler):
    server: PushPlatform

    def log_message(self, format, *args):
        return

    def do_GET(self):
        self._handle("GET")

    def do_POST(self):
        self._handle("POST")

    def _handle(self, method):
        parts = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        record = {
            "method": method,
            "path": parts.path,
            "query": query,
            "headers": dict(self.headers),
            "body": body,
            "json": json.loads(body) if body else None,
        }
        with self.server.lock:
            self.server.requests.append(record)
            scripted = self.server.script.pop(0) if self.server.script else None
        if scripted == "drop":
            self.connection.close()
            return
        if isinstance(scripted, int):
            self._answer({"error": "scripted"}, status=scripted)
            return
        if isinstance(scripted, dict):
            self._answer(scripted)
            return
        self._answer(self._platform_answer(parts.path, query))

    def _platform_answer(self, path, query):
        server = self.server
        if path == "/cgi-bin/gettoken":
            if (query.get("corpid"), query.get("corpsecret")) != WECOM_CORP:
                return {"errcode": 40001, "errmsg": "invalid credential"}
            return self._new_token()
        if path == "/gettoken":
            if (query.get("appkey"), query.get("appsecret")) != DINGTALK_APP:
                return {"errcode": 40089, "errmsg": "不合法的corpid或corpsecret"}
            return self._new_token()
        if path in ("/cgi-bin/message/send", "/topapi/message/corpconversation/asyncsend_v2"):
            if query.get("access_token") not in server.tokens:
                return {"errcode": 42001, "errmsg": "access_token expired"}
            if path == "/cgi-bin/message/send":
                return {"errcode": 0, "errmsg": "ok", "msgid": "msg-1"}
            return {"errcode": 0, "errmsg": "ok", "task_id": 1, "request_id": "req-1"}
        if path == "/cgi-bin/webhook/send":
            if query.get("key") != ROBOT_KEY:
                return {"errcode": 93000, "errmsg": "invalid webhook url"}
            return {"errcode": 0, "errmsg": "ok"}
        if path == "/robot/send":
            expected = dingtalk_sign(query.get("timestamp", ""))
            if query.get("sign") != expected:
                return {"errcode": 310000, "errmsg": "sign not match"}
            return {"errcode": 0, "errmsg": "ok"}
        if path == "/hook":
            return {"received": True}
        return {"errcode": 404, "errmsg": "no such endpoint"}

    def _new_token(self):
        server = self.server
        with server.lock:
            server.token_count += 1
            token = f"token-{server.token_count}"
            server.tokens.add(token)
        return {"errcode": 0, "errmsg": "ok", "access_token": token, "expires_in": 7200}

    def _answer(self, data, status=200):
        payload = json.dumps(data, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)
