"""Administration (the Department): users and the units' contact addresses."""

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from states.errors import InvalidInput, NotFound
from states.vocabulary import STAFF_ROLES, UnitLevel, parse_code
from use_cases.admin import set_contacts, units_for_admin
from use_cases.identity import (
    add_user_with_password,
    disable_user,
    set_password,
    update_user,
    users,
)
from use_cases.inputs import parse_day
from use_cases.queries import list_units
from web.auth import CheckedForm, PageUser, rt_of
from web.forms import optional, text
from web.rendering import page

router = APIRouter()


def _users(request: Request, actor: str, *, shown: tuple[str, str] | None = None,
           message: str | None = None, status: int = 200) -> Response:
    rt = rt_of(request)
    rows = users(rt, actor)  # authorises first: the Department's
    units = list_units(rt)
    return page(request, "users.html", {"users": rows, "units": units, "roles": list(STAFF_ROLES),
                                        "shown": shown, "message": message}, status)


@router.get("/admin/users")
def users_page(request: Request, me: PageUser) -> Response:
    return _users(request, me.name)


@router.post("/admin/users")
def user_add(request: Request, me: PageUser, form: CheckedForm) -> Response:
    try:
        added = add_user_with_password(rt_of(request), me.name, optional(form, "name") or "",
                                       optional(form, "role") or "", optional(form, "unit"),
                                       optional(form, "email"), None, optional(form, "full_name"))
    except (InvalidInput, NotFound) as error:
        return _users(request, me.name, message=error.message, status=422)
    assert added.password.generated is not None
    return _users(request, me.name, shown=(added.user.name, added.password.generated))


@router.post("/admin/users/{name}/password")
def user_reset_password(request: Request, me: PageUser, form: CheckedForm, name: str) -> Response:
    result = set_password(rt_of(request), me.name, name, None)
    assert result.generated is not None
    return _users(request, me.name, shown=(name, result.generated))


@router.post("/admin/users/{name}/disable")
def user_disable(request: Request, me: PageUser, form: CheckedForm, name: str) -> Response:
    try:
        disable_user(rt_of(request), me.name, name, optional(form, "reason"))
    except InvalidInput as error:
        return _users(request, me.name, message=error.message, status=422)
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users/{name}")
def user_update(request: Request, me: PageUser, form: CheckedForm, name: str) -> Response:
    try:
        update_user(rt_of(request), me.name, name, role=optional(form, "role") or "",
                    unit=optional(form, "unit"), full_name=optional(form, "full_name"),
                    email=optional(form, "email"), reason=optional(form, "reason"))
    except InvalidInput as error:
        return _users(request, me.name, message=error.message, status=422)
    return RedirectResponse("/admin/users", status_code=303)


def _units(request: Request, actor: str, message: str | None = None, status: int = 200,
           on: str = "", level: str = "") -> Response:
    rt = rt_of(request)
    day = parse_day(on, "Ngày") if on.strip() else rt.clock.today()
    wanted = parse_code(UnitLevel, level, "Cấp đơn vị") if level.strip() else None
    return page(request, "units.html", {
        "units": units_for_admin(rt, actor, day, wanted), "message": message, "on": day,
        "level": wanted, "levels": list(UnitLevel), "today": rt.clock.today()}, status)


@router.get("/admin/units")
def units_page(request: Request, me: PageUser, on: str = "", level: str = "") -> Response:
    """The units valid on a day (default: today), with their level and life span."""
    return _units(request, me.name, on=on, level=level)


@router.post("/admin/units/{code}/contacts")
def unit_contacts(request: Request, me: PageUser, form: CheckedForm, code: str) -> Response:
    emails = [e.strip() for e in text(form, "emails").replace(";", ",").split(",")]
    try:
        set_contacts(rt_of(request), me.name, code, [e for e in emails if e])
    except InvalidInput as error:
        return _units(request, me.name, error.message, 422)
    return RedirectResponse("/admin/units", status_code=303)
