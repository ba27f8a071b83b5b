"""POST /api/v1/dossiers/{id}/steps/<trigger>: one operation per step, its body built from the
step's own fields (use_cases.steps.STEPS), so that the schema says exactly what each step
takes. A step added there is in the API and its schema without a line here."""

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, Strict, create_model

from states.vocabulary import RevocationReason
from use_cases.queries import show_dossier
from use_cases.steps import STEPS, StepField, StepSpec, take_step
from web.api_answers import DossierAnswer
from web.api_contract import BODY, JSON_BODY, DossierId, IfMatch, errors, if_matched
from web.api_schema import codes
from web.api_views import ETAG_HEADERS, dossier_answer
from web.auth import ApiUser, rt_of

TEXT_LIMIT = 500
NOTE_LIMIT = 2000
Points = Annotated[float, Strict(), Field(ge=0, le=100, allow_inf_nan=False)]
# Something to read: not only spaces (the server strips them).
VISIBLE = r"\S"
Text = Annotated[str, Field(min_length=1, max_length=TEXT_LIMIT, pattern=VISIBLE)]
Note = Annotated[str, Field(min_length=1, max_length=NOTE_LIMIT, pattern=VISIBLE)]
DocumentCodes = Annotated[list[Annotated[str, codes("documents")]], Field(max_length=50)]
# A field's kind (StepField.kind) as the API takes it.
KINDS: dict[str, Any] = {
    "date": date,
    "text": Text,
    "note": Note,
    "members": Annotated[list[Points], Field(min_length=1, max_length=50)],
    "points": Points,
    "reason": RevocationReason,
}
Version = Annotated[int, Field(ge=1, description="version của hồ sơ đang xem: 409 nếu đã cũ "
                                                "(412 nếu khác If-Match)")]


class StepBody(BaseModel):
    model_config = ConfigDict(extra="forbid")


def body_model(spec: StepSpec) -> type[BaseModel]:
    fields: dict[str, Any] = {"version": (Version | None, None)}
    if spec.trigger.value == "documents":
        fields |= {"add": (DocumentCodes, []), "remove": (DocumentCodes, [])}
    for field in spec.fields:
        fields[field.name] = _field(field)
    name = "".join(part.title() for part in spec.trigger.value.split("_")) + "Step"
    model: type[BaseModel] = create_model(name, __base__=StepBody, **fields)
    return model


def _field(field: StepField) -> tuple[Any, Any]:
    kind = KINDS[field.kind]
    described = Annotated[kind, Field(description=field.label)]  # type: ignore[valid-type]
    return (described, ...) if field.required else (described | None, None)


def _fields_of(body: BaseModel) -> dict[str, Any]:
    """The body as take_step reads it: a day as typed (ISO), nothing for what was not given."""
    return {name: value.isoformat() if isinstance(value, date) else value
            for name, value in body.model_dump(exclude_none=True).items()}


def _endpoint(spec: StepSpec, model: type[BaseModel]) -> Callable[..., JSONResponse]:
    # A step without a required field may be posted without a body ({} is the same).
    needs_body = any(field.required for field in spec.fields)

    def step(request: Request, actor: ApiUser, dossier_id: DossierId, if_match: IfMatch,
             body: Any = Body(... if needs_body else None)) -> JSONResponse:  # noqa: B008
        rt = rt_of(request)
        fields = _fields_of(body if body is not None else model())
        if_matched(if_match, fields.pop("version", None),
                   lambda: show_dossier(rt, actor, dossier_id).version,
                   lambda version: take_step(rt, actor, dossier_id, spec.trigger.value, fields,
                                             version))
        return dossier_answer(request, actor, dossier_id)

    step.__annotations__["body"] = model if needs_body else model | None
    step.__name__ = f"step_{spec.trigger.value}"
    return step


def add_steps(router: APIRouter) -> None:
    for spec in STEPS.values():
        model = body_model(spec)
        router.post(f"/dossiers/{{dossier_id}}/steps/{spec.trigger.value}",
                    operation_id=f"step_{spec.trigger.value}", dependencies=[JSON_BODY],
                    responses={200: {"model": DossierAnswer, "headers": ETAG_HEADERS},
                               **errors(401, 403, 404, 409, 412, 422, *BODY)},
                    summary=f"Bước '{spec.trigger.value}' của hồ sơ")(_endpoint(spec, model))
