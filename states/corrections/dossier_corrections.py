"""Correcting what a local unit recorded on a dossier (the inspection minutes, the council's
score) while the dossier is still at the local level: once forwarded or decided, the province
has judged on those values, and they stay."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from states.clock import local_date
from states.db.models import Inspection
from states.dossiers.corrections import (
    NOTHING_CHANGES,
    Corrected,
    details,
    differences,
    nothing_given,
    required_reason,
)
from states.errors import InvalidInput, RuleRefused
from states.lifecycle.change import DossierChange, not_before, not_in_future
from states.rules.scoring import council_average
from states.runtime import Runtime
from states.vocabulary import Action, Correction, CouncilLevel, State, label

CORRECTABLE = ("ngày kiểm tra, người kiểm tra, số biên bản hoặc điểm thành viên hội đồng",
               ("on", "inspectors", "minutes", "members"))
# The inspection exists from `district_inspected` on; the score from `district_scored`.
INSPECTED_STATES = (State.DISTRICT_INSPECTED, State.DISTRICT_SCORED)


@dataclass(frozen=True)
class DossierCorrection:
    """The new values typed (None: unchanged), already read from text."""

    inspected_on: date | None = None
    inspectors: list[str] | None = None
    minutes_ref: str | None = None
    members: list[float] | None = None


def _checked(rt: Runtime, wanted: DossierCorrection) -> DossierCorrection:
    if wanted == DossierCorrection():
        raise nothing_given(*CORRECTABLE)
    if wanted.inspected_on is not None:
        not_in_future(rt, wanted.inspected_on, "Ngày kiểm tra")
    names = None if wanted.inspectors is None else [n.strip() for n in wanted.inspectors if n.strip()]
    if names is not None and not names:
        raise InvalidInput("Biên bản kiểm tra cần ít nhất một người kiểm tra.", fields=("inspectors",))
    minutes = None if wanted.minutes_ref is None else wanted.minutes_ref.strip()
    if minutes is not None and not minutes:
        raise InvalidInput("Số biên bản không được để trống.", fields=("minutes",))
    if wanted.members is not None:
        council_average(wanted.members)  # every total within 0–100
    return DossierCorrection(wanted.inspected_on, names, minutes, wanted.members)


def _refuse_unless_local(change: DossierChange, wanted: DossierCorrection) -> None:
    dossier = change.dossier
    state = State(dossier.state)
    if state not in INSPECTED_STATES and state not in (State.REGISTERED, State.RENEWAL):
        raise RuleRefused(f"Hồ sơ số {dossier.id} đang ở bước '{label(state)}': biên bản và điểm "
                          "chỉ sửa được khi hồ sơ còn ở cấp huyện / xã (chưa chuyển lên tỉnh).")
    if state not in INSPECTED_STATES:
        raise RuleRefused(f"Hồ sơ số {dossier.id} chưa có biên bản kiểm tra thực tế để sửa.")
    if wanted.members is not None and state != State.DISTRICT_SCORED:
        raise RuleRefused(f"Hồ sơ số {dossier.id} chưa có điểm hội đồng cấp huyện / xã để sửa.")


def correct_dossier(rt: Runtime, session: Session, actor: str, dossier_id: int,
                    wanted: DossierCorrection, reason: str | None) -> list[Corrected]:
    """Correct the current cycle's inspection and/or local score; one audit event for each."""
    why = required_reason(reason)
    wanted = _checked(rt, wanted)
    change = DossierChange(rt, session, actor, dossier_id, Action.CORRECT)
    _refuse_unless_local(change, wanted)
    done = [c for c in (_inspection(change, wanted, why), _score(change, wanted, why)) if c]
    if not done:
        raise InvalidInput(NOTHING_CHANGES)
    # Moves the version as any step does: a correction racing a forward loses (Conflict).
    flag_modified(change.dossier, "state")
    state = change.dossier.state
    for correction in done:
        change.record(state, state, Action.CORRECT, why, details(correction))
    return done


def _inspection(change: DossierChange, wanted: DossierCorrection, why: str) -> Corrected | None:
    if (wanted.inspected_on, wanted.inspectors, wanted.minutes_ref) == (None, None, None):
        return None
    row = change.session.scalar(
        select(Inspection).where(Inspection.dossier_id == change.dossier.id,
                                 Inspection.cycle == change.dossier.cycle)
        .order_by(Inspection.id.desc()).limit(1))
    if row is None:  # a dossier imported already inspected has no minutes of ours
        raise RuleRefused(f"Hồ sơ số {change.dossier.id} chưa có biên bản kiểm tra thực tế để sửa.")
    before, after = differences(
        {"inspected_on": row.inspected_on.isoformat(), "inspectors": list(row.inspectors),
         "minutes_ref": row.minutes_ref},
        {"inspected_on": wanted.inspected_on.isoformat() if wanted.inspected_on else None,
         "inspectors": wanted.inspectors, "minutes_ref": wanted.minutes_ref})
    if not after:
        return None
    if wanted.inspected_on is not None:
        # The same bound as the inspection itself: not before the dossier was registered.
        not_before(wanted.inspected_on, local_date(change.dossier.created_at), "Ngày kiểm tra")
        row.inspected_on = wanted.inspected_on
    row.inspectors = list(after.get("inspectors", row.inspectors))
    row.minutes_ref = after.get("minutes_ref", row.minutes_ref)
    return Corrected(Correction.INSPECTION, change.dossier.id, before, after, why)


def _score(change: DossierChange, wanted: DossierCorrection, why: str) -> Corrected | None:
    if wanted.members is None:
        return None
    sheet = change.sheet(CouncilLevel.LOCAL)
    if sheet is None:
        raise RuleRefused(f"Hồ sơ số {change.dossier.id} chưa có điểm hội đồng cấp huyện / xã để sửa.")
    average = council_average(wanted.members)
    before, after = differences({"members": list(sheet.member_totals), "average": sheet.average},
                                {"members": wanted.members, "average": None})
    if not after:
        return None
    before["average"], after["average"] = sheet.average, average
    sheet.member_totals, sheet.average = list(wanted.members), average
    return Corrected(Correction.SCORE, change.dossier.id, before, after, why)
