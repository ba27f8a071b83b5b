"""One table from error to HTTP status, for pages (a Vietnamese sentence on the page) and for
the API (`{"code": …, "message": …}`)."""

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.exceptions import HTTPException
from starlette.responses import Response

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
from web.auth import LoginRequired, PasswordChangeRequired, ProducerHome, TokenRequired
from web.rate_limit import RateLimited
from web.rendering import page

STATUS: dict[type[OcopError], tuple[int, str]] = {
    InvalidInput: (422, "invalid_input"),
    RuleRefused: (409, "rule_refused"),
    Conflict: (409, "stale_version"),
    PermissionDenied: (403, "forbidden"),
    NotFound: (404, "not_found"),
    ConfigurationError: (500, "configuration"),
    DeliveryFailed: (502, "delivery_failed"),
}
HTTP_MESSAGES = {404: "Không có trang này.", 405: "Trang này không nhận kiểu yêu cầu đó."}


def status_of(error: OcopError) -> tuple[int, str]:
    for kind in type(error).__mro__:
        if kind in STATUS:
            return STATUS[kind]
    return 500, "error"


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(request: Request, status: int, code: str, message: str) -> Response:
    if is_api(request):
        return JSONResponse({"code": code, "message": message}, status_code=status)
    return page(request, "error.html", {"status": status, "message": message}, status)


async def ocop_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, OcopError)
    status, code = status_of(error)
    return error_response(request, status, code, error.message)


async def http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    message = HTTP_MESSAGES.get(error.status_code, str(error.detail))
    code = "not_found" if error.status_code == 404 else "http_error"
    return error_response(request, error.status_code, code, message)


async def validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    if not is_api(request) and any(e.get("loc", ("",))[0] == "path" for e in error.errors()):
        return error_response(request, 404, "not_found", HTTP_MESSAGES[404])
    fields = "; ".join(f"{e.get('loc', ('?',))[-1]}: {reason_of(e)}" for e in error.errors())
    return error_response(request, 422, "invalid_input", f"Dữ liệu không hợp lệ ở {fields}.")


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


HANDLERS = {OcopError: ocop_error, RateLimited: rate_limited, HTTPException: http_error,
            RequestValidationError: validation_error, LoginRequired: login_required,
            PasswordChangeRequired: password_change_required, TokenRequired: token_required,
            ProducerHome: producer_home}
