"""The council's verdict: recognition with a 36-month certificate, or not recognised."""

from datetime import date

from sqlalchemy.orm import Session

from states.db.models import Certificate, Dossier
from states.db.stored_text import length_of
from states.dossiers.sheet import CertificateView, DossierView
from states.errors import InvalidInput
from states.lifecycle.change import DossierChange, not_before, not_in_future
from states.permissions import acting_as
from states.registry.issuers import issued_by
from states.rules.certificates import certificate_number, expiry_date
from states.rules.scoring import council_average
from states.runtime import Runtime
from states.typed_text import optional_name
from states.vocabulary import Action, CertificateStatus, CouncilLevel, State

# Which council scores a certify step, by where the dossier stands.
COUNCIL_OF: dict[str, CouncilLevel] = {State.CENTRAL_REVIEW: CouncilLevel.CENTRAL,
                                       State.DISTRICT_SCORED: CouncilLevel.LOCAL}


def certify_action(dossier: Dossier) -> Action:
    return acting_as(Action.CERTIFY, dossier.state)


def certify(rt: Runtime, session: Session, actor: str, dossier_id: int, *, totals: list[float],
            decision: str | None, on: date | None,
            failed_mandatory: str | None = None) -> DossierView:
    average = council_average(totals)
    decision = optional_name(decision, "Số quyết định công nhận", length_of(Certificate.decision_no))
    failed_mandatory = optional_name(failed_mandatory, "Tiêu chí bắt buộc không đạt")
    if on is not None:
        not_in_future(rt, on, "Ngày quyết định công nhận")
    change = DossierChange(rt, session, actor, dossier_id, certify_action)
    reached = change.reached_on()  # before the move dates the dossier's new state
    level = COUNCIL_OF.get(change.dossier.state, CouncilLevel.PROVINCIAL)
    ctx = change.context_for(Action.CERTIFY, points=average, failed_mandatory=failed_mandatory)
    issued: list[Certificate] = []

    def issue(to_state: State) -> date | None:
        change.add_sheet(level, totals, failed_mandatory)
        if to_state != State.CERTIFIED:
            return None
        if not decision or on is None:
            raise InvalidInput("Công nhận cần số quyết định (--decision) và ngày (--on).")
        not_before(on, reached, "Ngày quyết định công nhận")
        issued.append(_issue_certificate(change, average, decision, on, level))
        # A certified dossier's next date is its certificate's expiry.
        return issued[0].expires_on

    view = change.move(Action.CERTIFY, ctx, after=issue, details={
        "members": totals, "points": average, "decision": decision,
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
