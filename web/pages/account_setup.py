"""The producer's one-time link: set a password, then log in (no session needed to open it)."""

import secrets

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from states.errors import InvalidInput
from use_cases.producer_accounts import SETUP_PATH, accept_invitation, invitation_login
from web.auth import LOGIN_CSRF_COOKIE, now_of, rt_of
from web.forms import text
from web.rendering import page
from web.security import check_csrf, client_address

router = APIRouter()


def _setup_form(request: Request, token: str, login: str | None, message: str | None,
                status: int = 200) -> Response:
    csrf = secrets.token_urlsafe(32)
    response = page(request, "account_setup.html", {"token": token, "login": login,
                                                    "message": message, "csrf": csrf}, status)
    # The same double-submit cookie as the login form: no session exists yet.
    response.set_cookie(LOGIN_CSRF_COOKIE, csrf, httponly=True, samesite="strict",
                        secure=request.app.state.https, path=SETUP_PATH)
    return response


@router.get(SETUP_PATH)
def setup_page(request: Request, token: str = "") -> Response:
    try:
        login = invitation_login(rt_of(request), token, now_of(request))
    except InvalidInput as error:
        return _setup_form(request, "", None, error.message, 422)
    return _setup_form(request, token, login, None)


@router.post(SETUP_PATH)
async def setup_submit(request: Request) -> Response:
    form = await request.form()
    check_csrf(request.cookies.get(LOGIN_CSRF_COOKIE), form.get("csrf"))
    token = text(form, "token")
    try:
        accept_invitation(rt_of(request), token, text(form, "new"), text(form, "repeat"),
                          client_address(request), now_of(request))
    except InvalidInput as error:
        try:  # a bad password keeps the form; a link that cannot be used does not
            login: str | None = invitation_login(rt_of(request), token, now_of(request))
        except InvalidInput:
            token, login = "", None
        return _setup_form(request, token, login, error.message, 422)
    response = RedirectResponse("/login?next=/producer&set=1", status_code=303)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path=SETUP_PATH)
    return response
