"""A correction as people read it: "ngày kiểm tra: 04/03/2026 → 05/03/2026", with labels for
codes and dd/mm/yyyy dates (the audit event keeps codes and ISO dates for --json)."""

from collections.abc import Callable
from datetime import date
from typing import Any

from states.clock import format_date
from states.dossiers.sheet import EventView
from states.permissions import role_label
from states.rules.points import format_points
from states.vocabulary import (
    Action,
    Correction,
    ProducerType,
    RevocationReason,
    label,
    label_or_code,
)
from states.vocabulary.corrections import CorrectedField

EMPTY = "(trống)"
SHOWN: dict[str, Callable[[Any], str]] = {
    CorrectedField.INSPECTED_ON: lambda v: format_date(date.fromisoformat(v)),
    CorrectedField.INSPECTORS: ", ".join,
    CorrectedField.MEMBERS: lambda v: "; ".join(format_points(p) for p in v),
    CorrectedField.AVERAGE: format_points,
    CorrectedField.KIND: lambda v: label(ProducerType(v)),
    CorrectedField.ROLE: role_label,
    CorrectedField.REASON: lambda v: label(RevocationReason(v)),
    CorrectedField.ACTIVE: lambda v: "có" if v else "không",
}


def shown_value(field: str, value: Any) -> str:
    if value is None or value == []:
        return EMPTY
    return SHOWN.get(field, str)(value)


def field_label(field: str) -> str:
    return label_or_code(CorrectedField, field)


SUBJECTS = {Correction.INSPECTION: "Hồ sơ số", Correction.SCORE: "Hồ sơ số",
            Correction.PROPOSAL: "Hồ sơ số", Correction.PRODUCT: "Sản phẩm số",
            Correction.PRODUCER: "Chủ thể số", Correction.USER: "Người dùng"}


def subject(what: str, ref: int | str) -> str:
    """What was corrected, named: "Hồ sơ số 12", "Người dùng can-bo-yen-the"."""
    return f"{SUBJECTS[Correction(what)]} {ref}"


def describe(what: str, before: dict[str, Any], after: dict[str, Any]) -> str:
    """"đã sửa <what>: <field>: <before> → <after>; …" (a withdrawn proposal: what it
    proposed)."""
    if what == Correction.PROPOSAL:
        return (f"đã {label(Correction.PROPOSAL)} trong chiến dịch số {before.get('campaign')} "
                f"({field_label('reason')}: {shown_value('reason', before.get('reason'))})")
    fields = "; ".join(f"{field_label(f)}: {shown_value(f, before.get(f))} → "
                       f"{shown_value(f, after.get(f))}" for f in after)
    return f"đã sửa {label(Correction(what))}: {fields}"


def event_note(event: EventView) -> str | None:
    """A history row's note: a correction says what changed, then why."""
    if event.trigger != Action.CORRECT or "what" not in event.details:
        return event.note
    changed = describe(event.details["what"], event.details.get("before", {}),
                       event.details.get("after", {}))
    return f"{changed[:1].upper()}{changed[1:]}. Lý do: {event.note}" if event.note else changed
