"""A unit's own page (issue 22): the commune officer's counts, late dossiers and stars."""

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from use_cases.unit_page import own_unit_code, unit_page
from web.auth import PageUser, rt_of
from web.rendering import page

router = APIRouter()


@router.get("/don-vi")
def own_unit(request: Request, me: PageUser) -> Response:
    """An officer's own unit; the Department chooses a unit on its dashboard."""
    code = own_unit_code(rt_of(request), me.name)
    return RedirectResponse(f"/don-vi/{code}" if code else "/dashboard#bieu-do-heatmap", 303)


@router.get("/don-vi/{code}")
def unit_view(request: Request, me: PageUser, code: str) -> Response:
    found = unit_page(rt_of(request), me.name, code)
    return page(request, "unit.html", {"u": found.picture, "late": found.late,
                                       "charts": [found.stars]})
