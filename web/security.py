"""Headers every answer carries, the client's address, and the CSRF check of every form."""

import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.requests import Request

from states.errors import PermissionDenied

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# No inline script or style anywhere: htmx and the stylesheet come from /static.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
CSRF_FIELD = "csrf"
CSRF_REFUSED = ("Biểu mẫu đã hết hạn hoặc không hợp lệ (thiếu mã chống giả mạo): "
                "không có gì được ghi. Hãy tải lại trang và thử lại.")


class SecurityHeaders:
    """A plain ASGI middleware (cheaper than BaseHTTPMiddleware on every request)."""

    def __init__(self, app: ASGIApp, https: bool = False) -> None:
        self.app = app
        self.https = https

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope["path"].startswith("/static/")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                headers += [(b"content-security-policy", CSP.encode()),
                            (b"x-frame-options", b"DENY"),
                            (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"same-origin")]
                if not static:
                    # Pages name people's dossiers: never kept by the browser or a proxy.
                    headers.append((b"cache-control", b"no-store"))
                if self.https:
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
            await send(message)

        await self.app(scope, receive, with_headers)


def client_address(request: Request) -> str:
    return request.client.host if request.client else "?"


def check_csrf(expected: str | None, given: object) -> None:
    if not expected or not isinstance(given, str) or not secrets.compare_digest(expected, given):
        raise PermissionDenied(CSRF_REFUSED)
