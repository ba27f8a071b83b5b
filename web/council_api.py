"""/api/v1/councils (issue 21): the same use cases as `ocop council`, with personal tokens.

Errors as the rest of /api/v1: `{"code": …, "message": "<one Vietnamese sentence>"}`; 422
invalid_input (an option not on the criterion), 409 rule_refused (session not open, submitted
twice, a conflict of interest, closing before every sheet), 403 forbidden (not a member, the
chair's acts, another member's sheet before all submitted), 404 not_found."""

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel

from states.errors import InvalidInput
from states.jsonable import jsonable
from states.vocabulary import CouncilLevel, CouncilRole, parse_code
from use_cases import councils
from use_cases.inputs import parse_day
from web.api import ERRORS
from web.auth import ApiUser, rt_of

router = APIRouter(prefix="/api/v1/councils", tags=["Hội đồng"])


class NewCouncil(BaseModel):
    name: str
    level: str  # local | provincial
    round: str
    unit: str | None = None


class Seat(BaseModel):
    user: str
    role: str = "member"  # chair | secretary | member


class Setup(BaseModel):
    """Any of: members to seat, dossiers to add, the meeting day, the day the package reached
    the members (ISO dates). All or nothing, in that order."""

    members: list[Seat] = []
    dossiers: list[int] = []
    meeting_on: str | None = None
    package_sent_on: str | None = None


class Opening(BaseModel):
    present: list[str] | None = None


class Conflict(BaseModel):
    reason: str
    member: str | None = None


class Choices(BaseModel):
    """criterion code → option code, e.g. {"A1": "2", "B3": "1"}."""

    choices: dict[str, str]


class Reopening(BaseModel):
    member: str
    reason: str


def _day(text: str, what: str) -> date:
    return parse_day(text, what)


@router.post("", status_code=201, responses=ERRORS, summary="Lập hội đồng")
def post_council(request: Request, actor: ApiUser, body: NewCouncil) -> Any:
    return jsonable(councils.create(rt_of(request), actor, name=body.name,
                                    level=parse_code(CouncilLevel, body.level, "Cấp hội đồng"),
                                    round_code=body.round, unit=body.unit))


@router.get("", responses=ERRORS, summary="Các hội đồng của người dùng")
def get_councils(request: Request, actor: ApiUser) -> Any:
    return jsonable(councils.list_councils(rt_of(request), actor))


@router.get("/{council_id}", responses=ERRORS, summary="Một hội đồng")
def get_council(request: Request, actor: ApiUser, council_id: int) -> Any:
    return jsonable(councils.show(rt_of(request), actor, council_id))


@router.post("/{council_id}/setup", responses=ERRORS,
             summary="Thành viên, hồ sơ, ngày họp, ngày gửi tài liệu")
def post_setup(request: Request, actor: ApiUser, council_id: int, body: Setup) -> Any:
    rt = rt_of(request)
    seats = [(s.user, parse_code(CouncilRole, s.role, "Vai trò")) for s in body.members]
    meeting = _day(body.meeting_on, "Ngày họp") if body.meeting_on else None
    package = _day(body.package_sent_on, "Ngày gửi tài liệu") if body.package_sent_on else None
    view = councils.set_up(rt, actor, council_id, seats=seats, dossiers=body.dossiers,
                           meeting_on=meeting, package_sent_on=package)
    return jsonable(view)


@router.post("/{council_id}/open", responses=ERRORS, summary="Mở phiên họp")
def post_open(request: Request, actor: ApiUser, council_id: int, body: Opening) -> Any:
    return jsonable(councils.open_session(rt_of(request), actor, council_id, body.present))


@router.post("/{council_id}/dossiers/{dossier_id}/conflict", responses=ERRORS,
             summary="Khai xung đột lợi ích")
def post_conflict(request: Request, actor: ApiUser, council_id: int, dossier_id: int,
                  body: Conflict) -> Any:
    return jsonable(councils.declare_conflict(rt_of(request), actor, council_id, dossier_id,
                                              body.reason, body.member))


@router.get("/{council_id}/dossiers/{dossier_id}/sheet", responses=ERRORS,
            summary="Phiếu của mình (hoặc của thành viên khác khi mọi người đã nộp)")
def get_sheet(request: Request, actor: ApiUser, council_id: int, dossier_id: int,
              member: str = "") -> Any:
    return jsonable(councils.sheet(rt_of(request), actor, council_id, dossier_id,
                                   member or None))


@router.put("/{council_id}/dossiers/{dossier_id}/sheet", responses=ERRORS,
            summary="Lưu nháp các tiêu chí đã chấm")
def put_sheet(request: Request, actor: ApiUser, council_id: int, dossier_id: int,
              body: Choices) -> Any:
    if not body.choices:
        raise InvalidInput("Cần ít nhất một tiêu chí (choices).")
    return jsonable(councils.choose(rt_of(request), actor, council_id, dossier_id,
                                    list(body.choices.items())))


@router.post("/{council_id}/dossiers/{dossier_id}/submit", responses=ERRORS,
             summary="Nộp phiếu (khoá)")
def post_submit(request: Request, actor: ApiUser, council_id: int, dossier_id: int) -> Any:
    return jsonable(councils.submit(rt_of(request), actor, council_id, dossier_id))


@router.post("/{council_id}/dossiers/{dossier_id}/reopen", responses=ERRORS,
             summary="Chủ tịch mở lại phiếu của một thành viên")
def post_reopen(request: Request, actor: ApiUser, council_id: int, dossier_id: int,
                body: Reopening) -> Any:
    return jsonable(councils.reopen(rt_of(request), actor, council_id, dossier_id, body.member,
                                    body.reason))


@router.get("/{council_id}/dossiers/{dossier_id}/result", responses=ERRORS,
            summary="Kết quả khi mọi thành viên đã nộp")
def get_result(request: Request, actor: ApiUser, council_id: int, dossier_id: int) -> Any:
    return _result(councils.result(rt_of(request), actor, council_id, dossier_id))


@router.post("/{council_id}/dossiers/{dossier_id}/acknowledge", responses=ERRORS,
             summary="Chủ tịch xác nhận đã thảo luận điểm lệch")
def post_acknowledge(request: Request, actor: ApiUser, council_id: int, dossier_id: int) -> Any:
    return _result(councils.acknowledge(rt_of(request), actor, council_id, dossier_id))


@router.post("/{council_id}/close", responses=ERRORS, summary="Kết thúc phiên họp")
def post_close(request: Request, actor: ApiUser, council_id: int) -> Any:
    closed = councils.close(rt_of(request), actor, council_id)
    return {"council": jsonable(closed.council), "results": [_result(r) for r in closed.results]}


def _result(result: councils.DossierResult) -> dict[str, Any]:
    data: dict[str, Any] = jsonable(result)
    data["discrepant"] = result.discrepant
    return data
