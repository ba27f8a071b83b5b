"""The Department's dashboard and the stuck list with its .xlsx."""

from fastapi import APIRouter, Request
from starlette.responses import Response

from states.vocabulary import State
from use_cases.dashboard import Download, department_dashboard, stuck_download, stuck_list
from web.auth import PageUser, rt_of
from web.diagram import diagram
from web.rendering import page

router = APIRouter()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(file: Download) -> Response:
    # The name is ASCII by construction (ho-so-ton-dong-20221205.xlsx).
    return Response(file.content, media_type=XLSX,
                    headers={"Content-Disposition": f'attachment; filename="{file.filename}"'})


@router.get("/dashboard")
def dashboard_page(request: Request, me: PageUser) -> Response:
    board = department_dashboard(rt_of(request), me.name)
    # Columns of the matrix: the states that hold any dossier, in the machine's order.
    states = [s for s in State if s in board.by_state]
    return page(request, "dashboard.html", {"b": board, "diagram": diagram(board.by_state),
                                            "states": states})


@router.get("/stuck")
def stuck_page(request: Request, me: PageUser) -> Response:
    groups = stuck_list(rt_of(request), me.name)
    return page(request, "stuck.html", {"groups": groups,
                                        "total": sum(g.count for g in groups)})


@router.get("/stuck.xlsx")
def stuck_xlsx(request: Request, me: PageUser) -> Response:
    return download(stuck_download(rt_of(request), me.name))
