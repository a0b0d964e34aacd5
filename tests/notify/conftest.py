"""A stand-in for 企业微信, 钉钉 and an SMS gateway: a real HTTP server on 127.0.0.1 (the
standard library's, in a thread) that records what it receives and answers as each
platform documents."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from mingzhu.notify.models import Channel
from mingzhu.tasks import actions

DINGTALK_SECRET = "SECtest0123456789abcdef"


class StandIn:
    def __init__(self):
        self.received: list[dict] = []
        self.fail_next: dict[str, int] = {}  # path → how many 500 answers first
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def on(self, path: str) -> list[dict]:
        return [r for r in self.received if r["path"] == path]

    def _handler(self):
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status: int, body: str, kind="application/json"):
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                self._handle("")

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                self._handle(self.rfile.read(length).decode())

            def _handle(self, body: str):
                parsed = urllib.parse.urlsplit(self.path)
                query = dict(urllib.parse.parse_qsl(parsed.query))
                path = parsed.path
                with stand_in.lock:
                    failing = stand_in.fail_next.get(path, 0)
                    if failing:
                        stand_in.fail_next[path] = failing - 1
                if failing:
                    self._answer(500, "server error")
                    return
                record = {
                    "path": path,
                    "method": self.command,
                    "query": query,
                    "body": body,
                    "content_type": self.headers.get("Content-Type", ""),
                }
                if path.startswith("/wecom"):
                    record["json"] = json.loads(body)
                    answer = {"errcode": 0, "errmsg": "ok"}
                elif path.startswith("/dingtalk"):
                    record["json"] = json.loads(body)
                    answer = {"errcode": 0, "errmsg": "ok"}
                    if "sign" in query or path.startswith("/dingtalk/signed"):
                        # As 钉钉 checks: HMAC-SHA256 of "{timestamp}\n{secret}" with the
                        # secret, base64 (the query is already URL-decoded).
                        expected = base64.b64encode(
                            hmac.new(
                                DINGTALK_SECRET.encode(),
                                f"{query.get('timestamp', '')}\n{DINGTALK_SECRET}".encode(),
                                hashlib.sha256,
                            ).digest()
                        ).decode()
                        record["signed"] = query.get("sign") == expected
                        if not record["signed"]:
                            answer = {"errcode": 310000, "errmsg": "sign not match"}
                elif path.startswith("/sms"):
                    form = body if self.command == "POST" else parsed.query
                    record["form"] = dict(urllib.parse.parse_qsl(form))
                    with stand_in.lock:
                        stand_in.received.append(record)
                    self._answer(200, "result=OK", "text/plain")
                    return
                else:
                    self._answer(404, "no such robot")
                    return
                if answer["errcode"] == 0:
                    with stand_in.lock:
                        stand_in.received.append(record)
                self._answer(200, json.dumps(answer))

        return Handler


@pytest.fixture
def stand_in():
    server = StandIn()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture
def channel(unit):
    """channel(kind, path, unit_code=..., **fields) → a saved channel at the stand-in."""

    def make(kind: str, url: str, *, unit_code: str | None = "YZ-DEPT-FGW", secret="", **fields):
        made = Channel(
            name=f"{kind} channel",
            kind=kind,
            unit=unit(unit_code) if unit_code else None,
            **fields,
        )
        made.url = url
        made.secret = secret
        made.save()
        return made

    return make


@pytest.fixture
def returned_task(supervisor, fgw, unit):
    """A task of 发改委 handled and then returned by the supervision office."""

    def make():
        task = actions.create_task(
            actor=supervisor,
            title="测试任务（整改）",
            lead_unit=unit("YZ-DEPT-FGW"),
            deadline=dt.date(2099, 12, 31),
        )
        actions.assign(task, actor=supervisor)
        actions.accept(task, actor=fgw)
        actions.request_closure(task, actor=fgw, result="已办结")
        return actions.return_for_rework(task, actor=supervisor, comment="材料不全")

    return make
