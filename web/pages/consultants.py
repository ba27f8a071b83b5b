"""The consultant report (the Department): each consultant beside self-prepared and
officer-helped dossiers, by the year the evaluations opened, with its .xlsx."""

from fastapi import APIRouter, Request
from starlette.responses import Response

from use_cases.consultants import report_download, report_for
from web.auth import PageUser, rt_of
from web.downloads import download
from web.forms import year as chosen_year
from web.rendering import page

router = APIRouter()
FIRST_YEAR = 2019  # QĐ 1048/2019, the first rulebook


@router.get("/consultants")
def consultants_page(request: Request, me: PageUser, year: str = "") -> Response:
    rt = rt_of(request)
    chosen = chosen_year(year)
    report = report_for(rt, me.name, chosen)
    years = list(range(rt.clock.today().year, FIRST_YEAR - 1, -1))
    return page(request, "consultants.html", {"r": report, "year": chosen, "years": years})


@router.get("/consultants.xlsx")
def consultants_xlsx(request: Request, me: PageUser, year: str = "") -> Response:
    return download(report_download(rt_of(request), me.name, chosen_year(year)))
