"""Every step of a dossier by its trigger, with the fields a form or an API body gives it (the
CLI's option names, `_` for `-`), checked against the version the person was looking at."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from states.errors import Conflict, InvalidInput, NotFound
from states.evaluation import scoring_commands as evaluation
from states.lifecycle import endings
from states.registry import recognition
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.vocabulary import Action, RevocationReason
from use_cases.inputs import parse_day, parse_points, split_names
from use_cases.queries import visible_dossier
from use_cases.revocations import revoke_and_tell

STALE_MESSAGE = ("Hồ sơ vừa được người khác cập nhật: không có gì được ghi. "
                 "Dưới đây là hồ sơ mới nhất; hãy xem lại rồi thử lại.")


class StaleVersion(Conflict):
    """The form or the API call was made from an older version of the dossier."""


@dataclass(frozen=True)
class StepField:
    name: str  # the CLI option's name, `_` for `-`
    label: str
    kind: str  # date | text | members | points | reason | note | documents
    required: bool = False
    hint: str = ""


Fields = Mapping[str, Any]


def text(fields: Fields, name: str) -> str | None:
    value = fields.get(name)
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def required(fields: Fields, field: StepField) -> str:
    value = text(fields, field.name)
    if value is None:
        raise InvalidInput(f"Cần nhập {field.label.lower()}.", fields=(field.name,))
    return value


def _totals(fields: Fields) -> list[float]:
    members = fields.get("members")
    if isinstance(members, list | tuple):
        members = ",".join(str(m) for m in members)
    points = text(fields, "points")
    try:
        number = float(points.replace(",", ".")) if points is not None else None
    except ValueError:
        raise InvalidInput(f"Điểm '{points}' không phải là số.", fields=("points",)) from None
    try:
        return parse_points(number, text({"m": members}, "m"))
    except InvalidInput as error:  # a list's typo (no field named): beside the members' field
        if error.fields:
            raise
        raise InvalidInput(error.message, fields=("members",)) from None


def _typed_totals(fields: Fields) -> bool:
    """Recognition without typed totals reads the council's closed result."""
    return text(fields, "points") is not None or bool(fields.get("members"))


def _day(fields: Fields, field: StepField) -> Any:
    value = required(fields, field) if field.required else text(fields, field.name)
    if value is None:
        return None
    try:
        return parse_day(value, field.label)
    except InvalidInput as error:
        raise InvalidInput(error.message, fields=(field.name,)) from None


def _codes(fields: Fields, name: str) -> list[str]:
    value = fields.get(name) or []
    return [str(v) for v in (value if isinstance(value, list | tuple) else [value])]


ON = StepField("on", "Ngày", "date", True)
INSPECTORS = StepField("inspectors", "Người kiểm tra", "text", True,
                       "Họ tên, cách nhau bởi dấu phẩy")
MINUTES = StepField("minutes", "Số biên bản", "text")
MEMBERS = StepField("members", "Điểm từng thành viên hội đồng", "members", False,
                    "Tổng điểm mỗi thành viên, cách nhau bởi dấu phẩy; lấy trung bình")
POINTS = StepField("points", "Hoặc điểm trung bình", "points")
FAILED = StepField("failed_mandatory", "Tiêu chí bắt buộc không đạt (nếu có)", "text")
NOTE = StepField("note", "Ghi chú", "note")
DECISION = StepField("decision", "Số quyết định", "text")
# Issue 21: typed totals come from paper sheets; their reference says which.
SHEETS_REF = StepField("sheets_ref", "Số hiệu phiếu giấy", "text")
REASON_TEXT = StepField("reason", "Lý do trả lại", "note", True)
REVOKE_REASON = StepField("reason", "Lý do thu hồi", "reason", True)
DECISION_REQUIRED = StepField("decision", "Số quyết định thu hồi", "text", True)


@dataclass(frozen=True)
class StepSpec:
    trigger: Action
    fields: tuple[StepField, ...]
    run: Callable[..., Any]
    parse: Callable[[Fields], dict[str, Any]]


STEPS: dict[Action, StepSpec] = {spec.trigger: spec for spec in (
    StepSpec(Action.INSPECT, (ON, INSPECTORS, MINUTES), evaluation.inspect, lambda f: {
        "on": _day(f, ON), "inspectors": split_names(required(f, INSPECTORS)),
        "minutes_ref": text(f, "minutes")}),
    StepSpec(Action.SCORE, (MEMBERS, POINTS, FAILED, SHEETS_REF), evaluation.score, lambda f: {
        "totals": _totals(f), "failed_mandatory": text(f, "failed_mandatory"),
        "sheets_ref": text(f, "sheets_ref")}),
    StepSpec(Action.FORWARD, (), evaluation.forward, lambda f: {}),
    StepSpec(Action.RETURN, (REASON_TEXT,), evaluation.return_dossier,
             lambda f: {"reason": required(f, REASON_TEXT)}),
    StepSpec(Action.CERTIFY, (MEMBERS, POINTS, DECISION, StepField("on", "Ngày quyết định", "date"),
                              FAILED), recognition.certify, lambda f: {
        "totals": _totals(f) if _typed_totals(f) else None, "decision": text(f, "decision"),
        "on": _day(f, StepField("on", "Ngày quyết định", "date")),
        "failed_mandatory": text(f, "failed_mandatory")}),
    StepSpec(Action.NOT_RECOGNISE, (NOTE,), recognition.not_recognise,
             lambda f: {"note": text(f, "note")}),
    StepSpec(Action.WITHDRAW, (NOTE,), endings.withdraw, lambda f: {"note": text(f, "note")}),
    StepSpec(Action.OPEN_RENEWAL, (NOTE,), endings.open_renewal, lambda f: {"note": text(f, "note")}),
    StepSpec(Action.EXPIRE, (), endings.expire, lambda f: {}),
    StepSpec(Action.REVOKE, (REVOKE_REASON, DECISION_REQUIRED, NOTE), revoke_and_tell, lambda f: {
        "reason": required(f, REVOKE_REASON), "decision": required(f, DECISION_REQUIRED),
        "note": text(f, "note")}),
    StepSpec(Action.DOCUMENTS, (), evaluation.update_documents, lambda f: {
        "add": _codes(f, "add"), "remove": _codes(f, "remove")}),
)}
REVOCATION_REASONS = tuple(RevocationReason)


def step_spec(trigger: str) -> StepSpec:
    spec = STEPS.get(Action(trigger)) if trigger in Action._value2member_map_ else None
    if spec is None:
        raise NotFound(f"Không có bước '{trigger}'.")
    return spec


def take_step(rt: Runtime, actor: str, dossier_id: int, trigger: str, fields: Fields,
              expected_version: int | None = None) -> Any:
    """One step in one transaction; nothing is written when the dossier moved on since
    `expected_version`, when the rules refuse, or when an input is wrong."""
    spec = step_spec(trigger)
    arguments = spec.parse(fields)
    with rt.transaction() as session:
        dossier = visible_dossier(session, find_user(session, actor), dossier_id)
        if expected_version is not None and dossier.version != expected_version:
            raise StaleVersion(STALE_MESSAGE)
        return spec.run(rt, session, actor, dossier_id, **arguments)
