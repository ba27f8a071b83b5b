""""Việc của tôi": the worklist, and the filtered lists the dashboard links to."""

from fastapi import APIRouter, Request
from starlette.responses import Response

from use_cases.worklist import worklist_page
from web.auth import PageUser, rt_of
from web.rendering import page

router = APIRouter()


@router.get("/")
def worklist_view(request: Request, me: PageUser, state: str = "", unit: str = "",
                  round: str = "", q: str = "", overdue: str = "", after: str = "") -> Response:
    found = worklist_page(rt_of(request), me.name, state=state or None, unit=unit or None,
                          round_code=round, text=q, overdue=bool(overdue), after=after or None)
    result = found.worklist
    filters = {"state": state, "unit": unit, "round": round, "q": q, "overdue": overdue}
    if result.mine and not any(filters.values()):
        request.state.counts = (result.total, result.overdue)  # the navigation's own counts
    return page(request, "worklist.html", {
        "result": result, "filters": filters, "units": found.units, "campaigns": found.campaigns,
        "password_changed": request.query_params.get("password") == "changed"})
