"""Who prepared a dossier: recorded at registration, editable afterwards, each change audited
with what it was before and after."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from states.db.inserts import insert_unless_taken
from states.db.models import Consultant, Dossier, DossierEvent, DossierPreparation, User
from states.dossiers.preparation import PreparationView, preparation_view
from states.errors import InvalidInput
from states.folding import organisation_key
from states.lifecycle.change import DossierChange
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.vocabulary import Action, ContractedPart, PreparedBy, Role, parse_code


@dataclass(frozen=True)
class PreparationInput:
    """What a person said about who prepared the dossier, already checked for sense."""

    prepared_by: PreparedBy
    officer: str | None = None  # the helping officer's user name
    consultant: str | None = None  # the consulting organisation's name, as written
    contracted: tuple[ContractedPart, ...] = ()


def parse_preparation(prepared_by: str | None, officer: str | None, consultant: str | None,
                      contracted: Sequence[str]) -> PreparationInput | None:
    """The typed options as one input; None when none was given. `--officer` alone means an
    officer helped, `--consultant` alone that a consultant did."""
    officer = (officer or "").strip() or None
    consultant = (consultant or "").strip() or None
    if prepared_by is None and officer is None and consultant is None and not contracted:
        return None
    if prepared_by is not None:
        kind = parse_code(PreparedBy, prepared_by, "Người chuẩn bị hồ sơ")
    else:
        kind = PreparedBy.CONSULTANT if consultant or contracted else PreparedBy.OFFICER
    parts = tuple(dict.fromkeys(parse_code(ContractedPart, c, "Phần thuê tư vấn")
                                for c in contracted))
    if ContractedPart.WHOLE_DOSSIER in parts:  # the whole dossier includes every part
        parts = (ContractedPart.WHOLE_DOSSIER,)
    _check(kind, officer, consultant, parts)
    return PreparationInput(kind, officer, consultant, parts)


def _check(kind: PreparedBy, officer: str | None, consultant: str | None,
           parts: tuple[ContractedPart, ...]) -> None:
    if kind == PreparedBy.CONSULTANT:
        if consultant is None or not organisation_key(consultant):
            raise InvalidInput("Hồ sơ thuê tư vấn cần tên đơn vị tư vấn.", fields=("consultant",))
        if not parts:
            raise InvalidInput(f"Cần ghi phần thuê tư vấn: {', '.join(ContractedPart)}.",
                               fields=("contracted",))
    elif consultant is not None or parts:
        raise InvalidInput("Đơn vị tư vấn và phần thuê tư vấn chỉ ghi khi hồ sơ thuê tư vấn.",
                           fields=("consultant", "contracted"))
    if kind == PreparedBy.OFFICER and officer is None:
        raise InvalidInput("Cần tên người dùng của cán bộ hỗ trợ.", fields=("officer",))
    if kind != PreparedBy.OFFICER and officer is not None:
        raise InvalidInput("Cán bộ hỗ trợ chỉ ghi khi cán bộ hỗ trợ chủ thể làm hồ sơ.",
                           fields=("officer",))


def consultant_named(session: Session, name: str, now: datetime) -> Consultant:
    """The consultant `name` refers to, however it is spelt; added on first mention."""
    key = organisation_key(name)
    insert_unless_taken(session, Consultant, {"name": " ".join(name.split()), "name_key": key,
                                              "created_at": now}, ("name_key",))
    found = session.scalar(select(Consultant).where(Consultant.name_key == key))
    assert found is not None  # inserted above, or already there
    return found


def helping_officer(session: Session, name: str, dossier: Dossier) -> User:
    user = find_user(session, name)
    if not user.active or user.role not in (Role.DISTRICT, Role.DEPARTMENT):
        raise InvalidInput(f"'{name}' không phải cán bộ OCOP đang làm việc.")
    if user.role == Role.DISTRICT and user.unit_id != dossier.unit_id:
        raise InvalidInput(f"Cán bộ '{name}' không thuộc {dossier.unit.name}.")
    return user


def cycle_opening(session: Session, dossier: Dossier) -> int:
    """The event that began the dossier's current evaluation: registration, or the newest
    renewal's opening."""
    opened = session.scalar(select(func.max(DossierEvent.id)).where(
        DossierEvent.dossier_id == dossier.id,
        DossierEvent.trigger.in_((Action.REGISTER, Action.OPEN_RENEWAL))))
    assert opened is not None  # every dossier has its registration event
    return opened


def _as_record(row: DossierPreparation | None, session: Session) -> dict[str, Any] | None:
    """The row as the audit event keeps it (names, not ids)."""
    if row is None:
        return None
    officer = session.get(User, row.officer_id) if row.officer_id else None
    consultant = session.get(Consultant, row.consultant_id) if row.consultant_id else None
    return {"prepared_by": row.prepared_by, "officer": officer.name if officer else None,
            "consultant": consultant.name if consultant else None,
            "contracted": list(row.contracted)}


def set_preparation(rt: Runtime, session: Session, actor: str, dossier_id: int,
                    preparation: PreparationInput) -> PreparationView:
    change = DossierChange(rt, session, actor, dossier_id, Action.PREPARATION)
    dossier, now = change.dossier, rt.clock.now()
    officer = (helping_officer(session, preparation.officer, dossier)
               if preparation.officer else None)
    consultant = (consultant_named(session, preparation.consultant, now)
                  if preparation.consultant else None)
    row = session.get(DossierPreparation, (dossier.id, dossier.cycle))
    before = _as_record(row, session)
    contracted = [p.value for p in preparation.contracted]
    after = {"prepared_by": preparation.prepared_by.value,
             "officer": officer.name if officer else None,
             "consultant": consultant.name if consultant else None,
             "contracted": contracted}
    if after != before:
        if row is None:
            row = DossierPreparation(dossier_id=dossier.id, cycle=dossier.cycle,
                                     opened_event_id=cycle_opening(session, dossier))
            session.add(row)
        row.prepared_by, row.contracted = preparation.prepared_by, contracted
        row.officer_id = officer.id if officer else None
        row.consultant_id = consultant.id if consultant else None
        row.recorded_by, row.recorded_at = actor, now
        change.record(dossier.state, dossier.state, Action.PREPARATION, None,
                      {"before": before, "after": after})
    view = preparation_view(session, dossier.id, dossier.cycle)
    assert view is not None  # written above, or there before
    return view
