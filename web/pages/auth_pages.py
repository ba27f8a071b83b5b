"""Login, logout, changing one's password."""

import secrets

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from states.errors import InvalidInput
from states.people.sessions import ABSOLUTE_TIMEOUT
from use_cases.identity import change_password, login, logout
from web.auth import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    CheckedForm,
    PageUser,
    now_of,
    rt_of,
    safe_next,
    session_user,
)
from web.forms import text
from web.rendering import page
from web.security import check_csrf, client_address

router = APIRouter()


def _login_form(request: Request, next_path: str, message: str | None = None,
                status: int = 200) -> Response:
    token = secrets.token_urlsafe(32)
    # Back from the producer's one-time link (issue 25): its password is set.
    notice = "Đã đặt mật khẩu: hãy đăng nhập." if request.query_params.get("set") else None
    response = page(request, "login.html", {"next": next_path, "message": message,
                                            "csrf": token, "notice": notice}, status)
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict",
                        secure=request.app.state.https, path="/login")
    return response


@router.get("/login")
def login_page(request: Request, next: str = "/") -> Response:
    if session_user(request) is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return _login_form(request, safe_next(next))


@router.post("/login")
async def login_submit(request: Request) -> Response:
    form = await request.form()
    check_csrf(request.cookies.get(LOGIN_CSRF_COOKIE), form.get("csrf"))
    next_path = safe_next(text(form, "next") or "/")
    outcome = login(rt_of(request), text(form, "username"),
                    text(form, "password"), client_address(request), now_of(request))
    if outcome.token is None:
        return _login_form(request, next_path, outcome.message, 401)
    response = RedirectResponse("/password" if outcome.must_change_password else next_path,
                                status_code=303)
    response.set_cookie(SESSION_COOKIE, outcome.token, max_age=int(ABSOLUTE_TIMEOUT.total_seconds()),
                        httponly=True, samesite="lax", secure=request.app.state.https, path="/")
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout")
def logout_submit(request: Request, form: CheckedForm) -> Response:
    logout(rt_of(request), request.cookies.get(SESSION_COOKIE, ""), client_address(request),
           now_of(request))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/password")
def password_page(request: Request, me: PageUser) -> Response:
    return page(request, "password.html", {"message": None, "done": False})


@router.post("/password")
def password_submit(request: Request, me: PageUser, form: CheckedForm) -> Response:
    try:
        change_password(rt_of(request), me, text(form, "old"), text(form, "new"),
                        text(form, "repeat"), client_address(request), now_of(request))
    except InvalidInput as error:
        return page(request, "password.html", {"message": error.message, "done": False}, 422)
    return RedirectResponse("/?password=changed", status_code=303)
