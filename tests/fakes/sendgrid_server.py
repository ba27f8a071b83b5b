"""A real HTTP server on 127.0.0.1 that checks a v3 Mail Send request as SendGrid does and
answers what the test asks for."""

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

API_KEY = "SG.test-key-not-real"


@dataclass
class Answer:
    status: int = 202
    body: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay_seconds: float = 0.0


@dataclass
class FakeSendGrid:
    url: str
    received: list[dict[str, Any]] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)  # consumed in order; then 202
    lock: threading.Lock = field(default_factory=threading.Lock)

    def keys(self) -> list[str]:
        with self.lock:
            return [r["custom_args"]["outbox_key"] for r in self.received]


def problems(payload: dict[str, Any]) -> list[str]:
    found = []
    personalizations = payload.get("personalizations")
    if not personalizations or not all(p.get("to") for p in personalizations):
        found.append("personalizations[].to is required")
    for p in personalizations or []:
        for to in p.get("to", []):
            if "@" not in to.get("email", ""):
                found.append("invalid to email")
    if "@" not in (payload.get("from") or {}).get("email", ""):
        found.append("from.email is required")
    if not payload.get("subject"):
        found.append("subject is required")
    content = payload.get("content") or []
    types = [c.get("type") for c in content]
    if not types or types[0] != "text/plain" or "text/html" not in types:
        found.append("content must start with text/plain and include text/html")
    for value in (payload.get("custom_args") or {}).values():
        if not isinstance(value, str):
            found.append("custom_args values must be strings")
    return found


def make_handler(state: FakeSendGrid) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            return

        def reply(self, status: int, body: dict[str, Any] | None,
                  headers: dict[str, str] | None = None) -> None:
            data = json.dumps(body).encode() if body is not None else b""
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            raw = self.rfile.read(length)
            if self.path != "/v3/mail/send":
                return self.reply(404, {"errors": [{"message": "not found"}]})
            if self.headers.get("Authorization") != f"Bearer {API_KEY}":
                return self.reply(401, {"errors": [{"message": "The provided authorization grant "
                                                               "is invalid, expired, or revoked"}]})
            payload = json.loads(raw)
            found = problems(payload)
            if found:
                return self.reply(400, {"errors": [{"message": m} for m in found]})
            with state.lock:
                answer = state.answers.pop(0) if state.answers else Answer()
            if answer.delay_seconds:
                time.sleep(answer.delay_seconds)
            if answer.status == 202:
                with state.lock:
                    state.received.append(payload)
                    count = len(state.received)
                return self.reply(202, None, {"X-Message-Id": f"fake-{count}"})
            return self.reply(answer.status, answer.body or {"errors": [{"message": "error"}]},
                              answer.headers)

    return Handler


@contextmanager
def running_fake_sendgrid() -> Iterator[FakeSendGrid]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    state = FakeSendGrid(url=f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = make_handler(state)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def sendgrid_settings(server: FakeSendGrid) -> dict[str, str]:
    """The environment that points `ocop` at this server (for monkeypatch.setenv)."""
    return {"OCOP_NOTIFIER": "sendgrid", "OCOP_SENDGRID_API_KEY": API_KEY,
            "OCOP_SENDGRID_HOST": server.url}
