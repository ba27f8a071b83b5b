"""/api/v1/councils (issue 21): the same use cases as `ocop council`, with personal tokens.

Errors as the rest of /api/v1 (web.api_contract.ErrorBody), each operation listing its own:
422 invalid_input (the request breaks the schema), 409 rule_refused (session not open,
submitted twice, a conflict of interest, closing before every sheet, publishing before closing
or twice) or conflicting_input (well formed, but the data refuse it: an option not on the
criterion, a meeting day gone by, a publication day in the future or before the closing),
403 forbidden (not a member, the chair's acts, another member's sheet before all submitted),
404 not_found (no such council, dossier, round, unit or user)."""

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from states.db.models import Council, User
from states.db.stored_text import length_of
from states.evaluation.council_reads import CouncilView
from states.evaluation.council_results import DossierResult, SheetView
from states.jsonable import jsonable
from states.vocabulary import CouncilLevel, CouncilRole
from use_cases import councils
from web.api_answers import answer
from web.api_contract import (
    BODY,
    ID_LIMIT,
    JSON_BODY,
    NO_NUL,
    CouncilId,
    DossierId,
    IfMatch,
    errors,
    etag,
    etag_headers,
    if_matched,
)
from web.api_schema import codes
from web.auth import ApiUser, rt_of

router = APIRouter(prefix="/api/v1/councils", tags=["Hội đồng"])
# Something to read, and nothing PostgreSQL cannot hold.
VISIBLE = r"^[^\x00]*[^\x00\s][^\x00]*$"
UserName = Annotated[str, Field(min_length=1, max_length=length_of(User.name), pattern=NO_NUL,
                                description="Tên đăng nhập")]
# A score sheet's codes (states.rules.score_sheets): which exist depends on the dossier's
# sheet, so the schema bounds them and the sheet refuses an unknown one (409). A criterion (a
# key) has no pattern: pydantic would write it as patternProperties, which leaves a key outside
# the pattern free in the schema while the server refused it with 422.
Criterion = Annotated[str, Field(min_length=1, max_length=20)]
Option = Annotated[str, Field(min_length=1, max_length=20, pattern=NO_NUL)]
Ids = Annotated[list[Annotated[int, Field(ge=1, le=ID_LIMIT)]], Field(max_length=200)]
Reason = Annotated[str, Field(min_length=1, max_length=500, pattern=VISIBLE)]
Member = Annotated[str, Query(max_length=length_of(User.name), pattern=NO_NUL,
                              description="Tên đăng nhập của thành viên khác")]


class CouncilBody(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NewCouncil(CouncilBody):
    name: Annotated[str, Field(min_length=1, max_length=length_of(Council.name), pattern=VISIBLE)]
    # The central council's results are recorded as a conclusion (ocop dossier certify).
    level: Literal[CouncilLevel.LOCAL, CouncilLevel.PROVINCIAL]
    round: Annotated[str, codes("rounds")]
    # Left out, not null: one's own unit.
    unit: Annotated[str, codes("every_unit")] = Field(  # type: ignore[assignment]
        None, description="Mã đơn vị lập hội đồng; bỏ trống: đơn vị của mình")


class Seat(CouncilBody):
    user: UserName
    role: CouncilRole = CouncilRole.MEMBER


class Setup(CouncilBody):
    """Any of: members to seat, dossiers to add, the meeting day, the day the package reached
    the members. All or nothing, in that order."""

    members: Annotated[list[Seat], Field(max_length=100)] = []
    dossiers: Ids = []
    meeting_on: date | None = None
    package_sent_on: date | None = None


class Opening(CouncilBody):
    present: Annotated[list[UserName], Field(max_length=100)] | None = None


class Conflict(CouncilBody):
    reason: Reason
    member: UserName | None = None


# The version of the sheet read (its ETag): a write from an older one is 409 stale_version.
SheetVersion = Annotated[int, Field(ge=0, le=ID_LIMIT, description=(
    "version của phiếu đang xem (0: chưa lưu lần nào): 409 nếu phiếu đã đổi từ đó"))]


class Choices(CouncilBody):
    """criterion code → option code, e.g. {"A1": "2", "B3": "1"}."""

    choices: Annotated[dict[Criterion, Option], Field(min_length=1, max_length=200)]
    version: SheetVersion | None = None


class Publication(CouncilBody):
    published_on: date | None = Field(None, description=(
        "Ngày công bố (ISO, YYYY-MM-DD); bỏ trống: hôm nay. Ở tương lai hoặc trước ngày hội đồng "
        "kết thúc phiên họp: 409 conflicting_input"))


class Reopening(CouncilBody):
    member: UserName
    reason: Reason
    version: SheetVersion | None = None


COUNCIL = "/{council_id}"
SHEET = "/{council_id}/dossiers/{dossier_id}"
COUNCIL_VIEW = answer(CouncilView)
COUNCILS = list[COUNCIL_VIEW]  # type: ignore[valid-type]
SHEET_VIEW = answer(SheetView)
RESULT = answer(DossierResult, name="CouncilResult", discrepant=(bool, ...))
CLOSED = answer(councils.Closed, name="ClosedSession", results=(list[RESULT], ...))  # type: ignore[valid-type]
SHEET_ETAG = etag_headers("version của phiếu (gửi lại trong If-Match, hoặc version khi lưu)")
# What an act on a council may answer; those that take a body add BODY.
ACT = (401, 403, 404, 409, 422)


@router.post("", status_code=201, dependencies=[JSON_BODY], operation_id="create_council",
             response_model=None, responses={201: {"model": COUNCIL_VIEW, "headers": {"Location": {
                 "schema": {"type": "string"}, "description": "Địa chỉ của hội đồng mới"}}},
                 **errors(*ACT, *BODY)}, summary="Lập hội đồng")
def post_council(request: Request, response: Response, actor: ApiUser, body: NewCouncil) -> Any:
    view = councils.create(rt_of(request), actor, name=body.name, level=body.level,
                           round_code=body.round, unit=body.unit)
    response.headers["Location"] = f"{router.prefix}/{view.id}"
    return jsonable(view)


@router.get("", response_model=None, responses={200: {"model": COUNCILS}, **errors(401, 404)},
            operation_id="list_councils", summary="Các hội đồng của người dùng")
def get_councils(request: Request, actor: ApiUser) -> Any:
    return jsonable(councils.list_councils(rt_of(request), actor))


@router.get(COUNCIL, response_model=None,
            responses={200: {"model": COUNCIL_VIEW}, **errors(401, 403, 404, 422)},
            operation_id="get_council",
            summary="Một hội đồng")
def get_council(request: Request, actor: ApiUser, council_id: CouncilId) -> Any:
    return jsonable(councils.show(rt_of(request), actor, council_id))


@router.post(f"{COUNCIL}/setup", dependencies=[JSON_BODY], response_model=None,
             responses={200: {"model": COUNCIL_VIEW}, **errors(*ACT, *BODY)},
             operation_id="set_up_council", summary="Thành viên, hồ sơ, ngày họp, ngày gửi tài liệu")
def post_setup(request: Request, actor: ApiUser, council_id: CouncilId, body: Setup) -> Any:
    view = councils.set_up(rt_of(request), actor, council_id,
                           seats=[(s.user, s.role) for s in body.members], dossiers=body.dossiers,
                           meeting_on=body.meeting_on, package_sent_on=body.package_sent_on)
    return jsonable(view)


@router.post(f"{COUNCIL}/open", dependencies=[JSON_BODY], response_model=None,
             responses={200: {"model": COUNCIL_VIEW}, **errors(*ACT, *BODY)},
             operation_id="open_council_session", summary="Mở phiên họp")
def post_open(request: Request, actor: ApiUser, council_id: CouncilId,
              body: Annotated[Opening | None, Body()] = None) -> Any:
    present = body.present if body is not None else None
    return jsonable(councils.open_session(rt_of(request), actor, council_id, present))


@router.post(f"{SHEET}/conflict", dependencies=[JSON_BODY], response_model=None,
             responses={200: {"model": COUNCIL_VIEW}, **errors(*ACT, *BODY)},
             operation_id="declare_conflict", summary="Khai xung đột lợi ích")
def post_conflict(request: Request, actor: ApiUser, council_id: CouncilId, dossier_id: DossierId,
                  body: Conflict) -> Any:
    return jsonable(councils.declare_conflict(rt_of(request), actor, council_id, dossier_id,
                                              body.reason, body.member))


@router.get(f"{SHEET}/sheet", response_model=None,
            responses={200: {"model": SHEET_VIEW, "headers": SHEET_ETAG}, **errors(*ACT)},
            operation_id="get_member_sheet",
            summary="Phiếu của mình (hoặc của thành viên khác khi mọi người đã nộp)")
def get_sheet(request: Request, actor: ApiUser, council_id: CouncilId, dossier_id: DossierId,
              member: Member = "") -> JSONResponse:
    return _sheet_answer(councils.sheet(rt_of(request), actor, council_id, dossier_id,
                                        member or None))


@router.put(f"{SHEET}/sheet", dependencies=[JSON_BODY], response_model=None,
            responses={200: {"model": SHEET_VIEW, "headers": SHEET_ETAG},
                       **errors(*ACT, 412, *BODY)},
            operation_id="save_member_sheet", summary="Lưu nháp các tiêu chí đã chấm")
def put_sheet(request: Request, actor: ApiUser, council_id: CouncilId, dossier_id: DossierId,
              body: Choices, if_match: IfMatch) -> JSONResponse:
    """Another tab's save since the version read: 409 stale_version (412 with If-Match)."""
    rt = rt_of(request)
    return _sheet_answer(if_matched(
        if_match, body.version, lambda: councils.sheet(rt, actor, council_id, dossier_id).version,
        lambda version: councils.choose(rt, actor, council_id, dossier_id,
                                        list(body.choices.items()), version)))


@router.post(f"{SHEET}/submit", response_model=None,
             responses={200: {"model": SHEET_VIEW, "headers": SHEET_ETAG}, **errors(*ACT, 412)},
             operation_id="submit_member_sheet", summary="Nộp phiếu (khoá)")
def post_submit(request: Request, actor: ApiUser, council_id: CouncilId,
                dossier_id: DossierId, if_match: IfMatch) -> JSONResponse:
    rt = rt_of(request)
    return _sheet_answer(if_matched(
        if_match, None, lambda: councils.sheet(rt, actor, council_id, dossier_id).version,
        lambda version: councils.submit(rt, actor, council_id, dossier_id, version)))


def _sheet_answer(view: SheetView) -> JSONResponse:
    return JSONResponse(jsonable(view), headers={"ETag": etag(view.version)})


@router.post(f"{SHEET}/reopen", dependencies=[JSON_BODY], response_model=None,
             responses={200: {"model": SHEET_VIEW, "headers": SHEET_ETAG},
                        **errors(*ACT, 412, *BODY)},
             operation_id="reopen_member_sheet", summary="Chủ tịch mở lại phiếu của một thành viên")
def post_reopen(request: Request, actor: ApiUser, council_id: CouncilId, dossier_id: DossierId,
                body: Reopening, if_match: IfMatch) -> JSONResponse:
    """The member's sheet as read (GET …/sheet?member=): 409 stale_version, 412 with If-Match,
    when it changed since (saved, reopened and submitted again)."""
    rt = rt_of(request)
    return _sheet_answer(if_matched(
        if_match, body.version,
        lambda: councils.reopening_version(rt, actor, council_id, dossier_id, body.member),
        lambda version: councils.reopen(rt, actor, council_id, dossier_id, body.member,
                                        body.reason, version)))


@router.get(f"{SHEET}/result", response_model=None,
            responses={200: {"model": RESULT}, **errors(*ACT)}, operation_id="get_council_result",
            summary="Kết quả khi mọi thành viên đã nộp")
def get_result(request: Request, actor: ApiUser, council_id: CouncilId,
               dossier_id: DossierId) -> Any:
    return _result(councils.result(rt_of(request), actor, council_id, dossier_id))


@router.post(f"{SHEET}/acknowledge", response_model=None,
             responses={200: {"model": RESULT}, **errors(*ACT)}, operation_id="acknowledge_discrepancy",
             summary="Chủ tịch xác nhận đã thảo luận điểm lệch")
def post_acknowledge(request: Request, actor: ApiUser, council_id: CouncilId,
                     dossier_id: DossierId) -> Any:
    return _result(councils.acknowledge(rt_of(request), actor, council_id, dossier_id))


@router.post(f"{COUNCIL}/close", response_model=None,
             responses={200: {"model": CLOSED}, **errors(*ACT)}, operation_id="close_council_session",
             summary="Kết thúc phiên họp")
def post_close(request: Request, actor: ApiUser, council_id: CouncilId) -> Any:
    closed = councils.close(rt_of(request), actor, council_id)
    return {"council": jsonable(closed.council), "results": [_result(r) for r in closed.results]}


@router.post(f"{COUNCIL}/publish", dependencies=[JSON_BODY], response_model=None,
             responses={200: {"model": COUNCIL_VIEW}, **errors(*ACT, *BODY)},
             operation_id="publish_council_results",
             summary="Công bố kết quả của hội đồng đã kết thúc (bắt đầu thời hạn khiếu nại, "
                     "tính theo ngày làm việc)")
def post_publish(request: Request, actor: ApiUser, council_id: CouncilId,
                 body: Annotated[Publication | None, Body()] = None) -> Any:
    on = body.published_on if body is not None else None
    return jsonable(councils.publish(rt_of(request), actor, council_id, on))


def _result(result: councils.DossierResult) -> dict[str, Any]:
    data: dict[str, Any] = jsonable(result)
    data["discrepant"] = result.discrepant
    return data
