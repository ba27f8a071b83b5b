"""The chair closes the session: every sheet submitted, every discrepancy discussed, then each
dossier's result is stored and feeds its next step (the local council's score moves the dossier
through the lifecycle; the province's is what recognition reads)."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.models import Council, CouncilDossier
from states.errors import RuleRefused
from states.evaluation.council_book import load_book
from states.evaluation.council_reads import (
    agenda,
    agenda_item,
    chair_of,
    in_session,
    load_council,
    record_on_dossiers,
)
from states.evaluation.council_results import DossierResult, discrepancy_text, dossier_result
from states.lifecycle.change import DossierChange
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.vocabulary import Action, CouncilLevel, CouncilStatus, ScoreSource, State


def acknowledge(rt: Runtime, session: Session, actor: str, council_id: int,
                dossier_id: int) -> DossierResult:
    """The chair records that the council discussed the members' discrepant totals."""
    council = load_council(session, council_id)
    chair_of(session, council, find_user(session, actor), "xác nhận đã thảo luận điểm lệch")
    in_session(council)
    item = agenda_item(session, council, dossier_id)
    result = dossier_result(rt, session, council, item)
    if not result.discrepant:
        raise RuleRefused(f"Hồ sơ {dossier_id}: không có điểm lệch nào cần thảo luận.")
    item.discrepancy_acknowledged_by = actor
    session.flush()
    return dossier_result(rt, session, council, item)


def close(rt: Runtime, session: Session, actor: str, council_id: int) -> list[DossierResult]:
    council = load_council(session, council_id)
    chair_of(session, council, find_user(session, actor), "kết thúc phiên họp")
    in_session(council)
    items = agenda(session, council.id)
    book = load_book(session, council, items)
    results = [dossier_result(rt, session, council, item, book) for item in items]
    pending = [discrepancy_text(r) for r in results
               if r.discrepant and r.discrepancy_acknowledged_by is None]
    if pending:
        raise RuleRefused("Chủ tịch cần xác nhận đã thảo luận điểm lệch trước khi kết thúc "
                          f"(ocop council acknowledge): {'; '.join(pending)}.")
    now = rt.clock.now()
    for item, result in zip(items, results, strict=True):
        item.average = result.average
        item.stars = result.stars
        item.failed_mandatory = result.failed_text()
        item.member_totals = [m.total for m in result.members]
        item.closed_at = now
        if council.level == CouncilLevel.LOCAL:
            _score(rt, session, actor, council, result)
    if council.level != CouncilLevel.LOCAL:
        # The province's results wait in each dossier's history for recognition (which reads them).
        record_on_dossiers(rt, session, Action.COUNCIL_RESULT, actor,
                           {r.dossier_id: _details(council, r) for r in results})
    council.status = CouncilStatus.CLOSED
    council.closed_at = now
    session.flush()
    return results


def _details(council: Council, result: DossierResult) -> dict[str, object]:
    return {"council_id": council.id, "members": [m.total for m in result.members],
            "points": result.average, "failed_mandatory": result.failed_text()}


def _score(rt: Runtime, session: Session, actor: str, council: Council,
           result: DossierResult) -> None:
    """The same step `ocop dossier score` takes, from the members' sheets."""
    totals = [m.total for m in result.members]
    change = DossierChange(rt, session, actor, result.dossier_id, Action.SCORE)
    ctx = change.context_for(Action.SCORE)

    def write_sheet(_: State) -> None:
        change.add_sheet(CouncilLevel.LOCAL, totals, result.failed_text(),
                         source=ScoreSource.COUNCIL, council_id=council.id)

    change.move(Action.SCORE, ctx, after=write_sheet, details=_details(council, result))


def closed_result(session: Session, dossier_id: int, cycle: int,
                  level: CouncilLevel) -> tuple[Council, CouncilDossier] | None:
    """The newest closed council result of the dossier's evaluation at `level`."""
    row = session.execute(
        select(Council, CouncilDossier).join(CouncilDossier, CouncilDossier.council_id == Council.id)
        .where(CouncilDossier.dossier_id == dossier_id, CouncilDossier.cycle == cycle,
               Council.level == level, Council.status == CouncilStatus.CLOSED)
        .order_by(CouncilDossier.closed_at.desc(), CouncilDossier.id.desc()).limit(1)).first()
    return (row[0], row[1]) if row is not None else None
