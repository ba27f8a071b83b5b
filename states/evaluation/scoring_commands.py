"""The local unit's steps: field inspection with minutes, the council's score, the documents
checklist, then forwarding to the province or returning the dossier."""

from datetime import date

from sqlalchemy import delete
from sqlalchemy.orm import Session

from states.db.models import DocumentReceipt, Inspection, ScoreSheet
from states.db.stored_text import length_of
from states.documents.commands import refuse_typed_ticks
from states.dossiers.checklist import typed_ticks
from states.dossiers.evidence import DocumentRow, checklist
from states.dossiers.sheet import DossierView
from states.errors import InvalidInput
from states.lifecycle.change import DossierChange, not_before, not_in_future
from states.lifecycle.guards import reaches_forwarding_threshold
from states.rules.scoring import council_average
from states.runtime import Runtime
from states.typed_text import optional_name, typed_name, typed_text
from states.vocabulary import Action, CouncilLevel, ScoreSource

# Inspectors are a JSON list: no column length, so a bound of the same size as a person's name.
INSPECTOR_LIMIT = 200


def inspect(rt: Runtime, session: Session, actor: str, dossier_id: int, *, on: date,
            inspectors: list[str], minutes_ref: str | None = None) -> DossierView:
    names = [typed_name(n, "Tên người kiểm tra", INSPECTOR_LIMIT) for n in inspectors if n.strip()]
    if not names:
        raise InvalidInput("Biên bản kiểm tra cần ít nhất một người kiểm tra.", fields=("inspectors",))
    minutes_ref = optional_name(minutes_ref, "Số biên bản", length_of(Inspection.minutes_ref))
    not_in_future(rt, on, "Ngày kiểm tra")
    change = DossierChange(rt, session, actor, dossier_id, Action.INSPECT)
    registered = change.reached_on()  # before the move dates the dossier's new state

    def write_minutes(_: str) -> None:
        # Checked once the rules allow the step (a refused step says why, not the date).
        not_before(on, registered, "Ngày kiểm tra")
        session.add(Inspection(dossier_id=dossier_id, cycle=change.dossier.cycle,
                               inspected_on=on, inspectors=names, minutes_ref=minutes_ref,
                               recorded_at=rt.clock.now()))

    return change.move(Action.INSPECT, change.context_for(Action.INSPECT), after=write_minutes, details={
        "inspected_on": on.isoformat(), "inspectors": names, "minutes_ref": minutes_ref})


def score(rt: Runtime, session: Session, actor: str, dossier_id: int, *, totals: list[float],
          failed_mandatory: str | None = None, sheets_ref: str | None = None) -> DossierView:
    """The local council's totals typed from paper sheets (a council that scores in the system
    takes this step itself when its chair closes the session); `sheets_ref` names the sheets."""
    council_average(totals)
    sheets_ref = optional_name(sheets_ref, "Số hiệu phiếu giấy", length_of(ScoreSheet.sheets_ref))
    change = DossierChange(rt, session, actor, dossier_id, Action.SCORE)
    ctx = change.context_for(Action.SCORE)
    averages: list[float] = []

    def write_sheet(_: str) -> None:
        averages.append(change.add_sheet(CouncilLevel.LOCAL, totals, failed_mandatory,
                                         source=ScoreSource.PAPER, sheets_ref=sheets_ref))

    view = change.move(Action.SCORE, ctx, after=write_sheet, details={
        "members": totals, "failed_mandatory": failed_mandatory, "source": ScoreSource.PAPER,
        "sheets_ref": sheets_ref})
    view.district_points = averages[0]
    view.score_source = ScoreSource.PAPER
    view.sheets_ref = sheets_ref
    return view


def forward(rt: Runtime, session: Session, actor: str, dossier_id: int) -> DossierView:
    change = DossierChange(rt, session, actor, dossier_id, Action.FORWARD)
    return change.move(Action.FORWARD, change.context_for(Action.FORWARD))


def return_dossier(rt: Runtime, session: Session, actor: str, dossier_id: int, *,
                   reason: str) -> DossierView:
    if not reason.strip():
        raise InvalidInput("Cần ghi lý do trả lại.", fields=("reason",))
    reason = typed_text(reason, "Lý do trả lại", lines=True)
    change = DossierChange(rt, session, actor, dossier_id, Action.RETURN)
    # Why it went back, as facts at this moment (the consultant report counts them): below
    # the forwarding threshold (or a failed mandatory criterion), and required documents
    # still missing. Both can hold at once.
    missing = change.missing_required()
    facts = change.context_for(Action.FORWARD)
    return change.move(Action.RETURN, change.context_for(Action.RETURN), note=reason.strip(),
                       details={"district_points": facts.district_points,
                                "below_threshold": reaches_forwarding_threshold(facts) is not None,
                                "missing_documents": [d.code for d in missing],
                                "incomplete": bool(missing)})


def update_documents(rt: Runtime, session: Session, actor: str, dossier_id: int, *,
                     add: list[str], remove: list[str]) -> list[DocumentRow]:
    change = DossierChange(rt, session, actor, dossier_id, Action.DOCUMENTS)
    for code in [*add, *remove]:
        change.rulebook.document(code)
    # Issue 25: a document present through an accepted file needs no tick; a form that lists
    # every document changes only these, and only they may be refused.
    ticked = typed_ticks(session, dossier_id, change.dossier.cycle)
    present = change.present_documents()
    added = [c for c in dict.fromkeys(add) if c not in present]
    removed = [c for c in dict.fromkeys(remove) if c in ticked]
    refuse_typed_ticks(change.dossier, change.rulebook, added + removed)
    now = rt.clock.now()
    session.add_all(DocumentReceipt(dossier_id=dossier_id, cycle=change.dossier.cycle, code=code,
                                    received_at=now) for code in added)
    if removed:
        session.execute(delete(DocumentReceipt).where(
            DocumentReceipt.dossier_id == dossier_id,
            DocumentReceipt.cycle == change.dossier.cycle, DocumentReceipt.code.in_(removed)))
    if added or removed:
        state = change.dossier.state
        change.record(state, state, Action.DOCUMENTS, None, {"added": added, "removed": removed})
    return checklist(change.rulebook, change.present_documents())
