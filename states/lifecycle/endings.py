"""How a product leaves the cycle or goes round again: withdrawal, renewal, expiry, revocation."""

from datetime import date

from sqlalchemy.orm import Session

from states.db.models import Certificate
from states.db.stored_text import length_of
from states.dossiers.sheet import CertificateView, DossierView
from states.errors import InvalidInput
from states.lifecycle.change import DossierChange
from states.lifecycle.register import round_for
from states.runtime import Runtime
from states.typed_text import typed_name
from states.vocabulary import Action, CertificateStatus, RevocationReason, State, label, parse_code


def withdraw(rt: Runtime, session: Session, actor: str, dossier_id: int, *,
             note: str | None = None) -> DossierView:
    change = DossierChange(rt, session, actor, dossier_id, Action.WITHDRAW)
    return change.move(Action.WITHDRAW, change.context_for(Action.WITHDRAW), note=note)


def open_renewal(rt: Runtime, session: Session, actor: str, dossier_id: int, *,
                 note: str | None = None, due_on: date | None = None) -> DossierView:
    change = DossierChange(rt, session, actor, dossier_id, Action.OPEN_RENEWAL)
    ctx = change.context_for(Action.OPEN_RENEWAL)
    new_round = round_for(rt, session)

    def next_cycle(_: State) -> date | None:
        change.dossier.cycle += 1
        change.dossier.round = new_round
        change.rulebook = rt.rules.get(new_round.rulebook_code)
        return due_on

    return change.move(Action.OPEN_RENEWAL, ctx, note=note, after=next_cycle,
                       details={"round": new_round.code})


def expire(rt: Runtime, session: Session, actor: str, dossier_id: int) -> DossierView:
    change = DossierChange(rt, session, actor, dossier_id, Action.EXPIRE)
    certificate = change.certificate()
    ctx = change.context_for(Action.EXPIRE)

    def lapse(_: State) -> None:
        if certificate is not None:
            certificate.status = CertificateStatus.EXPIRED

    return change.move(Action.EXPIRE, ctx, after=lapse)


def parse_revocation(reason: str, note: str | None) -> RevocationReason:
    parsed = parse_code(RevocationReason, reason, "Lý do thu hồi")
    if parsed == RevocationReason.OTHER and not (note and note.strip()):
        raise InvalidInput("Lý do khác cần ghi rõ nội dung trong ghi chú.", fields=("note",))
    return parsed


def check_decision(decision: str) -> str:
    if not decision.strip():
        raise InvalidInput("Cần số quyết định thu hồi.", fields=("decision",))
    return typed_name(decision, "Số quyết định thu hồi", length_of(Certificate.revocation_decision))


def revoke(rt: Runtime, session: Session, actor: str, dossier_id: int, *, reason: str,
           decision: str, note: str | None = None) -> DossierView:
    parsed = parse_revocation(reason, note)
    number = check_decision(decision)
    change = DossierChange(rt, session, actor, dossier_id, Action.REVOKE)
    return revoke_in(change, reason=parsed, decision=number, note=note)


def revoke_in(change: DossierChange, *, reason: RevocationReason, decision: str,
              note: str | None, decided_on: date | None = None) -> DossierView:
    """Revoke inside an open transaction (one dossier, or a campaign's decision for many)."""
    certificate = change.certificate(CertificateStatus.VALID) or change.certificate(
        CertificateStatus.EXPIRED)
    ctx = change.context_for(Action.REVOKE)

    def mark(_: State) -> None:
        assert certificate is not None  # the guard refused otherwise
        certificate.status = CertificateStatus.REVOKED
        certificate.revoked_reason = reason
        certificate.revocation_decision = decision

    view = change.move(Action.REVOKE, ctx, note=note, after=mark, details={
        "reason": reason.value, "reason_label": label(reason), "decision": decision,
        **({"decided_on": decided_on.isoformat()} if decided_on else {})})
    view.certificate = CertificateView.of(certificate)
    return view
