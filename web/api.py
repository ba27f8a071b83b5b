"""/api/v1: the same use cases and permissions as the pages, with personal tokens.

Errors are `{"code": …, "message": "<one Vietnamese sentence>"}`: 422 invalid_input, 409
rule_refused or stale_version, 403 forbidden, 404 not_found (also another unit's dossier),
401 unauthorized."""

from typing import Any

from fastapi import APIRouter, Body, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from states.errors import InvalidInput
from states.jsonable import jsonable
from states.training.preparation_commands import parse_preparation
from use_cases.dashboard import department_dashboard
from use_cases.dossier_page import dossier_with_steps
from use_cases.dossiers import register_product
from use_cases.registration import registration_choices
from use_cases.steps import take_step
from use_cases.worklist import worklist
from web.auth import ApiUser, rt_of

router = APIRouter(prefix="/api/v1", tags=["OCOP"])
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"description": text, "content": {"application/json": {"example": {
        "code": name, "message": "Một câu tiếng Việt."}}}}
    for code, name, text in ((401, "unauthorized", "Thiếu hoặc sai mã truy cập"),
                             (403, "forbidden", "Không có quyền"),
                             (404, "not_found", "Không có (hoặc thuộc đơn vị khác)"),
                             (409, "rule_refused | stale_version", "Quy định từ chối / phiên bản cũ"),
                             (422, "invalid_input", "Dữ liệu không hợp lệ"))}


class Registration(BaseModel):
    """The fields of `ocop product register` (`_` for `-`); unit defaults to one's own."""

    unit: str | None = None
    producer: str
    producer_type: str
    name: str
    group: str
    email: str | None = None
    commune: str | None = None  # the producer's commune (a district's round)
    prepared_by: str | None = None  # producer | officer | consultant
    officer: str | None = None
    consultant: str | None = None
    contracted: list[str] = []


def _dossier(request: Request, actor: str, dossier_id: int) -> dict[str, Any]:
    found = dossier_with_steps(rt_of(request), actor, dossier_id)
    data: dict[str, Any] = jsonable(found.view)
    data["allowed_steps"] = [{"trigger": s.trigger.value, "allowed": s.allowed, "reason": s.reason}
                             for s in found.allowed_steps]
    return data


@router.get("/dossiers", responses=ERRORS, summary="Danh sách hồ sơ (phân trang theo con trỏ)")
def list_dossiers(request: Request, actor: ApiUser, state: str = "", unit: str = "",
                  overdue: bool = False, q: str = "", round: str = "",
                  after: str = "") -> dict[str, Any]:
    found = worklist(rt_of(request), actor, state=state or None, unit=unit or None, text=q,
                     round_code=round, overdue=overdue, after=after or None, every_state=True)
    return {"items": jsonable(found.page.items), "next": found.page.next}


@router.get("/dossiers/{dossier_id}", responses=ERRORS, summary="Một hồ sơ, kèm các bước làm được")
def get_dossier(request: Request, actor: ApiUser, dossier_id: int) -> dict[str, Any]:
    return _dossier(request, actor, dossier_id)


@router.post("/dossiers", status_code=201, responses=ERRORS, summary="Đăng ký sản phẩm")
def post_dossier(request: Request, actor: ApiUser, body: Registration) -> JSONResponse:
    rt = rt_of(request)
    unit = body.unit or registration_choices(rt, actor).own_unit
    if not unit:
        raise InvalidInput("Cần đơn vị (unit).")
    preparation = parse_preparation(body.prepared_by, body.officer, body.consultant,
                                    body.contracted)
    view = register_product(rt, actor, unit=unit, producer=body.producer,
                            producer_type=body.producer_type, product=body.name, group=body.group,
                            email=body.email, commune=body.commune, preparation=preparation)
    return JSONResponse(_dossier(request, actor, view.id), status_code=201)


@router.post("/dossiers/{dossier_id}/steps/{trigger}", responses=ERRORS,
             summary="Một bước: các trường như tuỳ chọn của lệnh CLI, kèm version")
def post_step(request: Request, actor: ApiUser, dossier_id: int, trigger: str,
              body: dict[str, Any] = Body(default_factory=dict)) -> dict[str, Any]:  # noqa: B008
    version = body.get("version")
    if version is not None and not isinstance(version, int):
        raise InvalidInput("version phải là số nguyên.")
    take_step(rt_of(request), actor, dossier_id, trigger, body, version)
    return _dossier(request, actor, dossier_id)


@router.get("/dashboard", responses=ERRORS, summary="Số hồ sơ theo đơn vị và trạng thái, số quá hạn")
def get_dashboard(request: Request, actor: ApiUser) -> dict[str, Any]:
    board = department_dashboard(rt_of(request), actor)
    return {"units": [{"unit": row.unit_code, "name": row.unit_name,
                       "states": {s.value: {"count": c.count, "overdue": c.overdue}
                                  for s, c in row.cells.items()}} for row in board.units],
            "states": {s.value: {"count": c.count, "overdue": c.overdue}
                       for s, c in board.by_state.items()}}
