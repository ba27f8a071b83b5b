"""/api/v1: the same use cases and permissions as the pages, with personal tokens.

Errors are web.api_contract.ErrorBody, `{"code": …, "message": "<one Vietnamese sentence>",
"fields": ["reason", …]}` (`fields` only when the error names some of the request's inputs):
422 invalid_input (the request breaks the schema), 409 rule_refused, stale_version or
conflicting_input (well formed, but the data refuse it), 400 invalid_json, 415
unsupported_media_type, 403 forbidden, 404 not_found (also another unit's dossier), 401
unauthorized. Each operation lists the ones it can answer."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

from states.db.models import Producer, Product
from states.db.stored_text import length_of
from states.errors import InvalidInput
from states.jsonable import jsonable
from states.training.preparation_commands import PreparationInput, parse_preparation
from states.vocabulary import ContractedPart, PreparedBy, ProducerType, State
from use_cases.dashboard import department_dashboard
from use_cases.dossiers import register_product
from use_cases.registration import registration_choices
from use_cases.worklist import worklist
from web.api_answers import DashboardAnswer, DossierAnswer, DossierPage
from web.api_contract import BODY, JSON_BODY, NO_NUL, DossierId, errors
from web.api_schema import codes
from web.api_steps import add_steps
from web.api_views import ETAG_HEADERS, dossier_answer
from web.auth import ApiUser, rt_of

router = APIRouter(prefix="/api/v1", tags=["OCOP"])
NAME_LIMIT = 300
Name = Annotated[str, Field(min_length=1, max_length=NAME_LIMIT, pattern=NO_NUL)]
Filter = Annotated[str, Query(max_length=200, pattern=NO_NUL)]
# The `next` of the page before: "<due time>|<id>", "-|<id>" past the dated dossiers.
Cursor = Annotated[str, Query(pattern=r"^(-|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?"
                                      r"([+-]\d\d:\d\d)?)\|\d{1,9}$")]


class Registration(BaseModel):
    """The fields of `ocop product register` (`_` for `-`); unit defaults to one's own. Who
    prepared the dossier is one of the shapes below (the CLI's rules, said by the schema)."""

    model_config = ConfigDict(extra="forbid")

    # Left out, not null: one's own unit (a district officer's).
    unit: Annotated[str, codes("units")] = Field(  # type: ignore[assignment]
        None, description="Mã đơn vị; bỏ trống: đơn vị của mình")
    producer: Annotated[str, Field(min_length=1, max_length=length_of(Producer.name))]
    producer_type: ProducerType
    name: Annotated[str, Field(min_length=1, max_length=length_of(Product.name))]
    group: Annotated[str, codes("groups")]
    # A sub-group of `group` in the rulebook's list (another group's: 409 conflicting_input).
    subgroup: Annotated[str, codes("subgroups")] | None = None
    email: Annotated[str, Field(min_length=3, max_length=254,
                                 json_schema_extra={"format": "email"})] | None = None
    # The producer's commune (a district's round; at a commune, the unit itself).
    commune: Annotated[str, codes("communes")] | None = None


class PreparedByProducer(Registration):
    prepared_by: Literal[PreparedBy.PRODUCER]


class PreparedByOfficer(Registration):
    prepared_by: Literal[PreparedBy.OFFICER]
    officer: Name = Field(description="Tên đăng nhập của cán bộ hỗ trợ")


class PreparedByConsultant(Registration):
    prepared_by: Literal[PreparedBy.CONSULTANT]
    consultant: Name = Field(description="Tên đơn vị tư vấn")
    contracted: Annotated[list[ContractedPart], Field(min_length=1, max_length=len(ContractedPart))]


def _shape(body: Any) -> str:
    """Which shape a body has: its `prepared_by`, "none" without one (errors then name the
    fields of that shape only, not of all four)."""
    return str(body.get("prepared_by") or "none") if isinstance(body, dict) else "none"


class _Frozen(dict[str, str]):
    """A discriminator's error context that FastAPI can hash (it puts annotations in a set)."""

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(sorted(self.items())))


AnyRegistration = Annotated[
    Annotated[Registration, Tag("none")]
    | Annotated[PreparedByProducer, Tag(PreparedBy.PRODUCER.value)]
    | Annotated[PreparedByOfficer, Tag(PreparedBy.OFFICER.value)]
    | Annotated[PreparedByConsultant, Tag(PreparedBy.CONSULTANT.value)],
    Discriminator(_shape, custom_error_type="enum", custom_error_context=_Frozen(
        expected="prepared_by " + ", ".join(f"'{p.value}'" for p in PreparedBy)))]


def _preparation(body: AnyRegistration) -> PreparationInput | None:
    """One core for the rules of who prepared a dossier: the CLI's (the shape is checked above)."""
    return parse_preparation(getattr(body, "prepared_by", None), getattr(body, "officer", None),
                             getattr(body, "consultant", None), getattr(body, "contracted", []))


@router.get("/dossiers", response_model=None, operation_id="list_dossiers",
            responses={200: {"model": DossierPage}, **errors(401, 403, 404, 409, 422)},
            summary="Danh sách hồ sơ (phân trang theo con trỏ)")
def list_dossiers(request: Request, actor: ApiUser, state: State | None = None,
                  unit: Filter = "", overdue: bool = False, q: Filter = "", round: Filter = "",
                  after: Cursor | None = None) -> dict[str, Any]:
    found = worklist(rt_of(request), actor, state=state, unit=unit or None, text=q,
                     round_code=round, overdue=overdue, after=after, every_state=True)
    return {"items": jsonable(found.page.items), "next": found.page.next}


@router.get("/dossiers/{dossier_id}", operation_id="get_dossier",
            responses={200: {"model": DossierAnswer, "headers": ETAG_HEADERS},
                       **errors(401, 404, 422)},
            summary="Một hồ sơ, kèm các bước làm được")
def get_dossier(request: Request, actor: ApiUser, dossier_id: DossierId) -> JSONResponse:
    return dossier_answer(request, actor, dossier_id)


@router.post("/dossiers", status_code=201, dependencies=[JSON_BODY],
             responses={201: {"model": DossierAnswer, "headers": {**ETAG_HEADERS, "Location": {
                 "schema": {"type": "string"}, "description": "Địa chỉ của hồ sơ mới"}}},
                 **errors(401, 403, 404, 409, 422, *BODY)}, operation_id="register_dossier",
             summary="Đăng ký sản phẩm")
def post_dossier(request: Request, actor: ApiUser, body: AnyRegistration) -> JSONResponse:
    rt = rt_of(request)
    unit = body.unit or registration_choices(rt, actor).own_unit
    if not unit:
        raise InvalidInput("Cần đơn vị (unit): người dùng này không thuộc đơn vị nào.")
    view = register_product(rt, actor, unit=unit, producer=body.producer,
                            producer_type=body.producer_type, product=body.name, group=body.group,
                            subgroup=body.subgroup, email=body.email, commune=body.commune,
                            preparation=_preparation(body))
    answer = dossier_answer(request, actor, view.id, status=201)
    answer.headers["Location"] = f"/api/v1/dossiers/{view.id}"
    return answer


add_steps(router)


# 404: a producer's token (web/auth.py), as on every staff route.
@router.get("/dashboard", response_model=None, operation_id="dashboard",
            responses={200: {"model": DashboardAnswer}, **errors(401, 403, 404)},
            summary="Số hồ sơ theo đơn vị và trạng thái, số quá hạn")
def get_dashboard(request: Request, actor: ApiUser) -> dict[str, Any]:
    board = department_dashboard(rt_of(request), actor)
    return {"units": [{"unit": row.unit_code, "name": row.unit_name,
                       "states": {s.value: {"count": c.count, "overdue": c.overdue}
                                  for s, c in row.cells.items()}} for row in board.units],
            "states": {s.value: {"count": c.count, "overdue": c.overdue}
                       for s, c in board.by_state.items()}}
