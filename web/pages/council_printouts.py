"""A council's printouts as downloads from its page (issue 21): each member's sheet (PDF), and
once the session is closed the summary (.xlsx), the minutes and the draft proposal (PDF). The
use cases of `ocop council sheet --pdf / summary / minutes / proposal`, with their checks: a
sheet as the member or, once all have submitted, whoever may see the council; the rest for the
council's members and those who may set it up, after the closing (409 before)."""

from dataclasses import dataclass

from fastapi import APIRouter, Request
from starlette.responses import Response

from states.errors import NotFound
from use_cases import councils as uc
from web.auth import PageUser, rt_of
from web.downloads import XLSX, download

router = APIRouter()
PDF = "application/pdf"
# A user name as the database holds it (longer, or with a NUL: nobody).
NAME_LIMIT = 100


@dataclass(frozen=True)
class Printout:
    filename: str
    content: bytes


@router.get("/councils/{council_id}/dossiers/{dossier_id}/sheet.pdf")
def sheet_pdf(request: Request, me: PageUser, council_id: int, dossier_id: int,
              member: str | None = None) -> Response:
    """The viewer's own sheet, or `member`'s."""
    if member is not None and (len(member) > NAME_LIMIT or "\x00" in member):
        raise NotFound(f"Không có người dùng '{member[:NAME_LIMIT]}'.")
    view, content = uc.sheet_pdf(rt_of(request), me.name, council_id, dossier_id, member)
    name = f"phieu-danh-gia-hoi-dong-{council_id}-ho-so-{dossier_id}-{view.member}.pdf"
    return download(Printout(name, content), PDF)


@router.get("/councils/{council_id}/summary.xlsx")
def summary_xlsx(request: Request, me: PageUser, council_id: int) -> Response:
    content = uc.summary(rt_of(request), me.name, council_id)
    return download(Printout(f"tong-hop-hoi-dong-{council_id}.xlsx", content), XLSX)


@router.get("/councils/{council_id}/minutes.pdf")
def minutes_pdf(request: Request, me: PageUser, council_id: int) -> Response:
    content = uc.minutes(rt_of(request), me.name, council_id)
    return download(Printout(f"bien-ban-hop-hoi-dong-{council_id}.pdf", content), PDF)


@router.get("/councils/{council_id}/proposal.pdf")
def proposal_pdf(request: Request, me: PageUser, council_id: int) -> Response:
    content = uc.proposal(rt_of(request), me.name, council_id)
    return download(Printout(f"du-thao-de-nghi-hoi-dong-{council_id}.pdf", content), PDF)
