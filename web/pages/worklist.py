""""Việc của tôi": the worklist, and the filtered lists the dashboard links to."""

from fastapi import APIRouter, Request
from starlette.responses import Response

from states.vocabulary import CampaignStatus, Role
from use_cases.campaigns import campaigns_for
from use_cases.registration import registration_choices
from use_cases.worklist import worklist
from web.auth import PageUser, rt_of
from web.rendering import page

router = APIRouter()


@router.get("/")
def worklist_page(request: Request, me: PageUser, state: str = "", unit: str = "",
                  round: str = "", q: str = "", overdue: str = "", after: str = "") -> Response:
    rt = rt_of(request)
    result = worklist(rt, me.name, state=state or None, unit=unit or None, round_code=round,
                      text=q, overdue=bool(overdue), after=after or None)
    filters = {"state": state, "unit": unit, "round": round, "q": q, "overdue": overdue}
    if result.mine and not any(filters.values()):
        request.state.counts = (result.total, result.overdue)  # the navigation's own counts
    units = registration_choices(rt, me.name).units if me.role != Role.DISTRICT else []
    # The Department's work includes its open campaigns and their deadlines.
    campaigns = ([c for c in campaigns_for(rt, me.name) if c.status == CampaignStatus.OPEN]
                 if me.role == Role.DEPARTMENT else [])
    return page(request, "worklist.html", {
        "result": result, "filters": filters, "units": units, "campaigns": campaigns,
        "password_changed": request.query_params.get("password") == "changed"})
