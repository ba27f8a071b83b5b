"""What every correction shares: a reason is required, only what differs is recorded, and the
audit event keeps the values before and after (a dossier's history shows them)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from states.dossiers.history import record_events
from states.errors import InvalidInput
from states.vocabulary import Action, Correction


@dataclass(frozen=True)
class Corrected:
    """One correction as it was recorded: what, of which record, before and after, and why."""

    what: Correction
    id: int | str  # the dossier, product, producer, or the user's login name
    before: dict[str, Any]
    after: dict[str, Any]
    reason: str


def required_reason(reason: str | None) -> str:
    text = " ".join((reason or "").split())
    if not text:
        raise InvalidInput("Cần ghi lý do sửa: lịch sử giữ lại lý do cùng giá trị cũ và mới.",
                           fields=("reason",))
    return text


def nothing_given(what: str, fields: Sequence[str]) -> InvalidInput:
    """`what` names the values that can be corrected in words, `fields` by their codes."""
    return InvalidInput(f"Cần ít nhất một giá trị cần sửa: {what}.", fields=fields)


NOTHING_CHANGES = "Không có gì thay đổi: giá trị mới giống giá trị đang ghi."


def differences(before: dict[str, Any], wanted: dict[str, Any]
                ) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fields whose wanted value (None: not given) differs from the recorded one, as the
    (before, after) pair the audit keeps; both empty when nothing differs."""
    after = {key: value for key, value in wanted.items()
             if value is not None and value != before[key]}
    return {key: before[key] for key in after}, after


def changes(before: dict[str, Any], wanted: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """`differences`, where nothing different is bad input: there is nothing to record."""
    old, new = differences(before, wanted)
    if not new:
        raise InvalidInput(NOTHING_CHANGES)
    return old, new


def details(correction: Corrected) -> dict[str, Any]:
    """The audit event's payload: the note holds the reason, the details the values."""
    return {"what": correction.what.value, "before": correction.before,
            "after": correction.after, "reason": correction.reason}


def record_on_dossiers(session: Session, dossiers: list[tuple[int, int, str]], actor: str,
                       now: datetime, correction: Corrected) -> None:
    """One audit event on each dossier (id, unit id, state) the corrected record belongs to."""
    record_events(session, [
        {"dossier_id": dossier_id, "unit_id": unit_id, "from_state": state, "to_state": state,
         "trigger": Action.CORRECT, "actor": actor, "at": now, "note": correction.reason,
         "details": details(correction)}
        for dossier_id, unit_id, state in dossiers])
