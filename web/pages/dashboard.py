"""The Department's dashboard and the stuck list with its .xlsx."""

from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from starlette.responses import Response

from states.vocabulary import PlanEvent, State
from use_cases.dashboard import (
    Download,
    department_charts,
    department_dashboard,
    department_outlook,
    stuck_download,
    stuck_list,
)
from use_cases.yearly_report import drawn_charts, report_file, yearly_report
from web.auth import PageUser, rt_of
from web.calendar import layout, next_actions
from web.diagram import diagram
from web.downloads import XLSX, download
from web.forms import year as chosen_year
from web.rendering import page

router = APIRouter()


@router.get("/dashboard")
def dashboard_page(request: Request, me: PageUser, year: str = "") -> Response:
    rt = rt_of(request)
    board = department_dashboard(rt, me.name)
    outlook = department_outlook(rt, me.name, chosen_year(year))
    charts = department_charts(rt, me.name, worklist_link)
    # Columns of the matrix: the states that hold any dossier, in the machine's order.
    states = [s for s in State if s in board.by_state]
    return page(request, "dashboard.html", {
        "b": board, "diagram": diagram(board.by_state), "states": states, "o": outlook,
        "plan": layout(outlook.calendar, outlook.campaigns), "events": PlanEvent,
        "schedules": next_actions(outlook.upcoming),
        "gaps": [u.unit_name for u in outlook.coverage.units if u.gap], "charts": charts})


def worklist_link(filters: dict[str, str]) -> str:
    """The worklist filtered as a chart's cell says (the page behind the dashboard's counts),
    or a unit's own page."""
    if "page" in filters:
        return f"/don-vi/{quote(filters['page'])}"
    return "/?" + urlencode(filters)


@router.get("/report/{year}.pdf")
def yearly_pdf(request: Request, me: PageUser, year: int) -> Response:
    return _yearly(request, me.name, year, "pdf")


@router.get("/report/{year}.xlsx")
def yearly_xlsx(request: Request, me: PageUser, year: int) -> Response:
    return _yearly(request, me.name, year, "xlsx")


def _yearly(request: Request, actor: str, year: int, kind: str) -> Response:
    """The yearly report, as `ocop report year YYYY --out` writes it."""
    rt = rt_of(request)
    name, content = report_file(rt, yearly_report(rt, actor, year), kind)
    return download(Download(name, content), "application/pdf" if kind == "pdf" else XLSX)


# After the downloads: "/report/2022.pdf" is theirs, not a year called "2022.pdf".
@router.get("/report/{year}")
def yearly_page(request: Request, me: PageUser, year: int) -> Response:
    """The yearly report on screen: its tables, then the dashboard's four charts."""
    report = yearly_report(rt_of(request), me.name, year)
    return page(request, "yearly_report.html", {"r": report, "charts": drawn_charts(report),
                                                "year": year})


@router.get("/stuck")
def stuck_page(request: Request, me: PageUser) -> Response:
    groups = stuck_list(rt_of(request), me.name)
    return page(request, "stuck.html", {"groups": groups,
                                        "total": sum(g.count for g in groups)})


@router.get("/stuck.xlsx")
def stuck_xlsx(request: Request, me: PageUser) -> Response:
    return download(stuck_download(rt_of(request), me.name))
