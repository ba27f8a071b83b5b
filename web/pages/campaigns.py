"""Campaigns: list, open, show each unit's list and the proposals, close (.xlsx), decide."""

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from states.errors import InvalidInput, RuleRefused
from states.vocabulary import CampaignKind, parse_code
from use_cases.campaigns import (
    campaign_detail,
    campaigns_for,
    close_campaign,
    decide_revocation,
    open_campaign,
    revocation_list_download,
)
from use_cases.inputs import parse_day
from web.auth import CheckedForm, PageUser, rt_of
from web.downloads import download
from web.forms import text
from web.rendering import page

router = APIRouter()


def _list(request: Request, actor: str, message: str | None = None, status: int = 200) -> Response:
    rt = rt_of(request)
    return page(request, "campaigns.html", {"campaigns": campaigns_for(rt, actor),
                                            "message": message,
                                            "today": rt.clock.today().isoformat()}, status)


@router.get("/campaigns")
def campaigns_page(request: Request, me: PageUser) -> Response:
    return _list(request, me.name)


@router.post("/campaigns")
def campaign_open(request: Request, me: PageUser, form: CheckedForm) -> Response:
    try:
        kind = parse_code(CampaignKind, text(form, "kind"), "Loại chiến dịch")
        deadline = parse_day(text(form, "deadline"), "Hạn nộp")
        before = text(form, "expiring_before").strip()
        opened = open_campaign(rt_of(request), me.name, kind, deadline,
                               parse_day(before, "Hết hạn trước ngày") if before else None)
    except InvalidInput as error:
        return _list(request, me.name, error.message, 422)
    return RedirectResponse(f"/campaigns/{opened.campaign_id}", status_code=303)


@router.get("/campaigns/{campaign_id}")
def campaign_page(request: Request, me: PageUser, campaign_id: int) -> Response:
    detail = campaign_detail(rt_of(request), me.name, campaign_id)
    return page(request, "campaign.html", {"c": detail, "message": None})


@router.post("/campaigns/{campaign_id}/close")
def campaign_close(request: Request, me: PageUser, form: CheckedForm, campaign_id: int) -> Response:
    close_campaign(rt_of(request), me.name, campaign_id, None)
    return RedirectResponse(f"/campaigns/{campaign_id}", status_code=303)


@router.get("/campaigns/{campaign_id}/list.xlsx")
def campaign_list_xlsx(request: Request, me: PageUser, campaign_id: int) -> Response:
    return download(revocation_list_download(rt_of(request), me.name, campaign_id))


@router.post("/campaigns/{campaign_id}/decide")
def campaign_decide(request: Request, me: PageUser, form: CheckedForm, campaign_id: int) -> Response:
    rt = rt_of(request)
    try:
        decide_revocation(rt, me.name, campaign_id, text(form, "decision"))
    except (InvalidInput, RuleRefused) as error:
        detail = campaign_detail(rt, me.name, campaign_id)
        return page(request, "campaign.html", {"c": detail, "message": error.message}, 422)
    return RedirectResponse(f"/campaigns/{campaign_id}", status_code=303)
