"""The council's verdict: recognition with a 36-month certificate, or not recognised."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from states.db.models import Certificate, Dossier
from states.db.stored_text import length_of
from states.dossiers.sheet import CertificateView, DossierView
from states.errors import InvalidInput, RuleRefused
from states.evaluation.council_closing import closed_result
from states.evaluation.council_publication import window_passed
from states.lifecycle.change import DossierChange, not_before, not_in_future
from states.permissions import acting_as
from states.registry.issuers import issued_by
from states.rules.certificates import certificate_number, expiry_date
from states.rules.scoring import council_average
from states.runtime import Runtime
from states.typed_text import optional_name
from states.vocabulary import Action, CertificateStatus, CouncilLevel, ScoreSource, State

# Which council scores a certify step, by where the dossier stands.
COUNCIL_OF: dict[str, CouncilLevel] = {State.CENTRAL_REVIEW: CouncilLevel.CENTRAL,
                                       State.DISTRICT_SCORED: CouncilLevel.LOCAL}


def certify_action(dossier: Dossier) -> Action:
    return acting_as(Action.CERTIFY, dossier.state)


@dataclass(frozen=True)
class Scored:
    """The totals a recognition rests on: the council's closed result, or typed (paper)."""

    totals: list[float]
    failed_mandatory: str | None
    source: ScoreSource
    council_id: int | None = None


def _scored(change: DossierChange, level: CouncilLevel, totals: list[float] | None,
            failed_mandatory: str | None) -> Scored:
    closed = closed_result(change.session, change.dossier.id, change.dossier.cycle, level)
    if closed is not None:
        council, item = closed
        if totals:
            raise RuleRefused(f"Hội đồng '{council.name}' đã chấm hồ sơ này trên hệ thống: "
                              "kết quả lấy từ phiếu của hội đồng, không nhập lại điểm.")
        return Scored(list(item.member_totals or []), item.failed_mandatory, ScoreSource.COUNCIL,
                      council.id)
    if not totals:
        raise InvalidInput("Cần điểm của hội đồng: hội đồng kết luận trên hệ thống, hoặc điểm từ "
                           "phiếu giấy.", fields=("members", "points"))
    council_average(totals)
    return Scored(totals, failed_mandatory, ScoreSource.PAPER)


def certify(rt: Runtime, session: Session, actor: str, dossier_id: int, *,
            totals: list[float] | None, decision: str | None, on: date | None,
            failed_mandatory: str | None = None) -> DossierView:
    """`totals` None: the closed result of the council that scored the dossier in the system."""
    decision = optional_name(decision, "Số quyết định công nhận", length_of(Certificate.decision_no))
    failed_mandatory = optional_name(failed_mandatory, "Tiêu chí bắt buộc không đạt")
    if on is not None:
        not_in_future(rt, on, "Ngày quyết định công nhận")
    change = DossierChange(rt, session, actor, dossier_id, certify_action)
    reached = change.reached_on()  # before the move dates the dossier's new state
    level = COUNCIL_OF.get(change.dossier.state, CouncilLevel.PROVINCIAL)
    scored = _scored(change, level, totals, failed_mandatory)
    average = council_average(scored.totals)
    ctx = change.context_for(Action.CERTIFY, points=average,
                             failed_mandatory=scored.failed_mandatory)
    issued: list[Certificate] = []

    def issue(to_state: State) -> date | None:
        if scored.council_id is not None:  # the council's published result, complaints heard
            window_passed(rt, session, scored.council_id, on)
        change.add_sheet(level, scored.totals, scored.failed_mandatory, source=scored.source,
                         council_id=scored.council_id)
        if to_state != State.CERTIFIED:
            return None
        if not decision or on is None:
            raise InvalidInput("Công nhận cần số quyết định và ngày quyết định.", fields=("decision", "on"))
        not_before(on, reached, "Ngày quyết định công nhận")
        issued.append(_issue_certificate(change, average, decision, on, level))
        # A certified dossier's next date is its certificate's expiry.
        return issued[0].expires_on

    view = change.move(Action.CERTIFY, ctx, after=issue, details={
        "members": scored.totals, "points": average, "decision": decision,
        "source": scored.source, "council_id": scored.council_id,
        "on": on.isoformat() if on else None})
    if level == CouncilLevel.LOCAL:
        view.district_points = average
    else:
        view.provincial_points = average
    view.certificate = CertificateView.of(issued[0]) if issued else None
    return view


def _issue_certificate(change: DossierChange, average: float, decision: str,
                       on: date, level: CouncilLevel) -> Certificate:
    previous = change.certificate()
    if previous is not None:
        previous.status = CertificateStatus.SUPERSEDED
    months = change.rulebook.certificate_months
    expires_on = expiry_date(on, months)
    if expires_on < change.rt.clock.today():
        raise InvalidInput(f"Quyết định ngày {on:%d/%m/%Y} đã quá {months} tháng: "
                           "giấy chứng nhận sẽ hết hạn ngay khi cấp.")
    certificate = Certificate(
        dossier_id=change.dossier.id,
        number=certificate_number(on, change.dossier.id, change.dossier.cycle),
        stars=change.rulebook.stars_for(average), points=average, decision_no=decision,
        recognised_on=on, expires_on=expires_on, status=CertificateStatus.VALID,
        **issued_by(change.session, change.dossier.unit, on, local=level == CouncilLevel.LOCAL))
    change.session.add(certificate)
    return certificate


def not_recognise(rt: Runtime, session: Session, actor: str, dossier_id: int, *,
                  note: str | None = None, totals: list[float] | None = None) -> DossierView:
    change = DossierChange(rt, session, actor, dossier_id, Action.NOT_RECOGNISE)

    def keep_points(_: State) -> None:
        if totals:
            change.add_sheet(CouncilLevel.PROVINCIAL, totals, None)

    return change.move(Action.NOT_RECOGNISE, change.context_for(Action.NOT_RECOGNISE), note=note,
                       after=keep_points)
