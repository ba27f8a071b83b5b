"""One table from error to HTTP status, for pages (a Vietnamese sentence on the page) and for
the API (`{"code": …, "message": …, "fields": […]}`, `fields` only when the error names the
inputs at fault, by their codes: a page shows the message, and a form marks its own fields)."""

from collections.abc import Sequence

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.routing import Match

from states.documents.store import FileTooLarge
from states.errors import (
    ConfigurationError,
    Conflict,
    DeliveryFailed,
    InvalidInput,
    NotFound,
    OcopError,
    PermissionDenied,
    RuleRefused,
)
from states.validation_language import reason_of
from web.api_contract import PreconditionFailed, UnsupportedMediaType
from web.auth import LoginRequired, PasswordChangeRequired, ProducerHome, TokenRequired
from web.rate_limit import RateLimited
from web.rendering import page

STATUS: dict[type[OcopError], tuple[int, str]] = {
    FileTooLarge: (413, "too_large"),  # issue 25: before InvalidInput, its parent
    InvalidInput: (422, "invalid_input"),
    RuleRefused: (409, "rule_refused"),
    PreconditionFailed: (412, "precondition_failed"),  # before Conflict, its parent
    Conflict: (409, "stale_version"),
    PermissionDenied: (403, "forbidden"),
    NotFound: (404, "not_found"),
    ConfigurationError: (500, "configuration"),
    DeliveryFailed: (502, "delivery_failed"),
}
HTTP_MESSAGES = {400: "Nội dung yêu cầu không phải JSON hợp lệ (UTF-8).",
                 404: "Không có trang này.", 405: "Trang này không nhận kiểu yêu cầu đó."}
HTTP_CODES = {400: "invalid_json", 404: "not_found", 405: "method_not_allowed"}


def status_of(error: OcopError) -> tuple[int, str]:
    for kind in type(error).__mro__:
        if kind in STATUS:
            return STATUS[kind]
    return 500, "error"


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(request: Request, status: int, code: str, message: str,
                   fields: Sequence[str] = ()) -> Response:
    if is_api(request):
        named = {"fields": list(dict.fromkeys(fields))} if fields else {}
        return JSONResponse({"code": code, "message": message, **named}, status_code=status)
    return page(request, "error.html", {"status": status, "message": message}, status)


async def ocop_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, OcopError)
    status, code = status_of(error)
    if status == 422 and is_api(request):
        # The request passed the schema (else FastAPI would have refused it): the value is
        # well formed but the data refuse it (a date before the dossier's step, a commune of
        # another unit). 422 stays the answer to a request that breaks the schema.
        status, code = 409, "conflicting_input"
    return error_response(request, status, code, error.message, error.fields)


METHODS = ("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")


def allowed_methods(request: Request) -> str:
    """Every method some route fully takes at this path (GET and POST may be two routes)."""
    routes = request.app.router.routes
    return ", ".join(m for m in METHODS if any(
        route.matches({**request.scope, "method": m})[0] == Match.FULL for route in routes))


async def http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    message = HTTP_MESSAGES.get(error.status_code, str(error.detail))
    code = HTTP_CODES.get(error.status_code, "http_error")
    response = error_response(request, error.status_code, code, message)
    if error.status_code == 405:
        response.headers["Allow"] = allowed_methods(request)
    return response


async def validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    if any(e.get("type") == "json_invalid" for e in error.errors()):
        return error_response(request, 400, "invalid_json", HTTP_MESSAGES[400])
    if not is_api(request) and any(e.get("loc", ("",))[0] == "path" for e in error.errors()):
        return error_response(request, 404, "not_found", HTTP_MESSAGES[404])
    problems = "; ".join(f"{e.get('loc', ('?',))[-1]}: {reason_of(e)}" for e in error.errors())
    # The top-level key of each part at fault ("members" for members[2]); not the body itself.
    # A body key may be any string, even "": only a key that names something is a field.
    fields = [str(e["loc"][1]) for e in error.errors() if len(e.get("loc", ())) > 1 and e["loc"][1] != ""]
    return error_response(request, 422, "invalid_input", f"Dữ liệu không hợp lệ ở {problems}.",
                          fields)


async def login_required(request: Request, error: Exception) -> Response:
    assert isinstance(error, LoginRequired)
    return RedirectResponse(f"/login?next={error.next_path}", status_code=303)


async def password_change_required(request: Request, error: Exception) -> Response:
    return RedirectResponse("/password", status_code=303)


async def producer_home(request: Request, error: Exception) -> Response:
    return RedirectResponse("/producer", status_code=303)


async def token_required(request: Request, error: Exception) -> Response:
    assert isinstance(error, TokenRequired)
    return JSONResponse({"code": "unauthorized", "message": error.message}, status_code=401,
                        headers={"WWW-Authenticate": "Bearer"})


async def rate_limited(request: Request, error: Exception) -> Response:
    assert isinstance(error, RateLimited)
    response = error_response(request, 429, "rate_limited", error.message)
    response.headers["Retry-After"] = str(error.retry_after)
    return response


async def unsupported_media_type(request: Request, error: Exception) -> Response:
    assert isinstance(error, UnsupportedMediaType)
    return error_response(request, 415, "unsupported_media_type", error.message)


HANDLERS = {OcopError: ocop_error, RateLimited: rate_limited, HTTPException: http_error,
            UnsupportedMediaType: unsupported_media_type,
            RequestValidationError: validation_error, LoginRequired: login_required,
            PasswordChangeRequired: password_change_required, TokenRequired: token_required,
            ProducerHome: producer_home}
