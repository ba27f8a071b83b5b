"""Who is asking: the session cookie for pages, a bearer token for the API. Deny by default:
every page depends on `page_user`, every API route on `api_user`."""

from collections.abc import Callable
from datetime import datetime
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Request
from starlette.datastructures import FormData

from bootstrap.system import System
from states.errors import NotFound
from states.people.sessions import SessionUser
from states.runtime import Runtime
from states.vocabulary import Role
from use_cases.identity import api_user as token_user
from use_cases.identity import resolve_session
from use_cases.worklist import my_counts
from web.api_contract import Bearer
from web.security import check_csrf

SESSION_COOKIE = "ocop_session"
LOGIN_CSRF_COOKIE = "ocop_login_csrf"
# Pages a person who must change their password may still open.
BEFORE_NEW_PASSWORD = ("/password", "/logout")
# Issue 25: all a producer's account may open (deny by default: any other page is "not
# found", not "forbidden", so that it learns nothing of what exists).
PRODUCER_PAGES = ("/producer", *BEFORE_NEW_PASSWORD)
NO_SUCH_PAGE = "Không có trang này."


class LoginRequired(Exception):
    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


class PasswordChangeRequired(Exception):
    pass


class ProducerHome(Exception):
    """A producer's account asked for the staff's home page: its own is /producer."""


class TokenRequired(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def system_of(request: Request) -> System:
    system: System = request.app.state.system
    return system


def rt_of(request: Request) -> Runtime:
    return system_of(request).rt


def now_of(request: Request) -> datetime:
    """Sessions and lockouts run on the real clock, whatever business date (--today) is set."""
    wall: Callable[[], datetime] = request.app.state.wall
    return wall()


def safe_next(path: str | None) -> str:
    """Only a path on this site: never `//evil.example` or an absolute URL."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    return path


def session_user(request: Request) -> SessionUser | None:
    token = request.cookies.get(SESSION_COOKIE)
    return resolve_session(rt_of(request), token, now_of(request)) if token else None


def page_user(request: Request) -> SessionUser:
    user = session_user(request)
    if user is None:
        wanted = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequired(quote(wanted, safe="/?=&"))
    request.state.user = user
    request.state.csrf = user.csrf_token
    if user.must_change_password and request.url.path not in BEFORE_NEW_PASSWORD:
        raise PasswordChangeRequired()
    if user.role == Role.PRODUCER:
        _producers_page(request.url.path)
        request.state.count_work = lambda: None
        return user
    # Counted only when a page is rendered (the worklist already has them: it sets them).
    request.state.count_work = lambda: my_counts(rt_of(request), user.name)
    return user


def _producers_page(path: str) -> None:
    if path == "/":
        raise ProducerHome()
    if not any(path == page or path.startswith(page + "/") for page in PRODUCER_PAGES):
        raise NotFound(NO_SUCH_PAGE)


PageUser = Annotated[SessionUser, Depends(page_user)]


def producer_user(user: PageUser) -> SessionUser:
    """The producer's pages are the producer's accounts' alone (staff: not found)."""
    if user.role != Role.PRODUCER:
        raise NotFound(NO_SUCH_PAGE)
    return user


ProducerUser = Annotated[SessionUser, Depends(producer_user)]


async def posted_form(request: Request, user: PageUser) -> FormData:
    """The form of a state-changing request, once its CSRF token matches the session's."""
    form = await request.form()
    check_csrf(user.csrf_token, form.get("csrf"))
    return form


CheckedForm = Annotated[FormData, Depends(posted_form)]


def api_user(request: Request, _declared: Bearer) -> str:
    """The name of the user whose personal token the request carries (`_declared` puts the
    bearer scheme in the schema; the header is read here, to answer in Vietnamese)."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise TokenRequired("Cần mã truy cập: Authorization: Bearer <mã> (tạo bằng 'ocop token create').")
    try:
        user = token_user(rt_of(request), token.strip(), now_of(request))
    except NotFound as error:
        raise TokenRequired(error.message) from None
    if user.role == Role.PRODUCER:  # a producer's token reaches web/producer_api.py only
        raise NotFound(NO_SUCH_PAGE)
    return user.name


ApiUser = Annotated[str, Depends(api_user)]


def producer_api_user(request: Request, _declared: Bearer) -> str:
    """The producer's account whose token the request carries (a staff token: not found)."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise TokenRequired("Cần mã truy cập: Authorization: Bearer <mã>.")
    try:
        user = token_user(rt_of(request), token.strip(), now_of(request))
    except NotFound as error:
        raise TokenRequired(error.message) from None
    if user.role != Role.PRODUCER:
        raise NotFound(NO_SUCH_PAGE)
    return user.name


ProducerApiUser = Annotated[str, Depends(producer_api_user)]
