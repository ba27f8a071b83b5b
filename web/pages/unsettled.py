""""Chưa xác định xã" (the Department): dossiers a reorganisation could not place, each settled
by choosing the unit it goes to."""

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from states.errors import InvalidInput, RuleRefused
from use_cases.queries import list_units, show_dossier
from use_cases.units import assign_unit, unsettled
from web.auth import CheckedForm, PageUser, rt_of
from web.forms import text
from web.rendering import page

router = APIRouter()


def _list(request: Request, actor: str, message: str | None = None, status: int = 200) -> Response:
    rt = rt_of(request)
    rows = unsettled(rt, actor)  # authorises first: the Department's
    units = [u for u in list_units(rt) if u.level != "province"]
    query = request.query_params
    return page(request, "unsettled.html", {
        "rows": rows, "units": units, "message": message, "done": query.get("done", ""),
        "to": query.get("to", "")}, status)


@router.get("/unsettled")
def unsettled_page(request: Request, me: PageUser) -> Response:
    return _list(request, me.name)


@router.post("/dossiers/{dossier_id}/assign-unit")
def dossier_assign_unit(request: Request, me: PageUser, form: CheckedForm,
                        dossier_id: int) -> Response:
    rt = rt_of(request)
    show_dossier(rt, me.name, dossier_id)  # another unit's dossier: "no such dossier"
    try:
        moved = assign_unit(rt, me.name, dossier_id, text(form, "unit"))
    except (InvalidInput, RuleRefused) as error:
        return _list(request, me.name, error.message, 409 if isinstance(error, RuleRefused) else 422)
    return RedirectResponse(f"/unsettled?done={dossier_id}&to={quote(moved.unit)}", status_code=303)
