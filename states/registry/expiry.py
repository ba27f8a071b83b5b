"""Certificates lapse on their date: the daily sweep, set-based."""

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from states.db.models import Certificate, Dossier
from states.lifecycle.bulk import move_many
from states.runtime import Runtime
from states.vocabulary import SYSTEM_ACTOR, Action, CertificateStatus, State


@dataclass(frozen=True)
class ExpiryReport:
    certificates: int
    dossiers: int


def expire_lapsed(rt: Runtime, session: Session) -> ExpiryReport:
    """Certificates whose expiry date has passed become `expired`, and so do the products still
    waiting in `certified` or `renewal` (a renewal not finished in time lapses too)."""
    today = rt.clock.today()
    lapsed = select(Certificate.dossier_id).where(Certificate.status == CertificateStatus.VALID,
                                                  Certificate.expires_on < today)
    moved = 0
    for source in (State.CERTIFIED, State.RENEWAL):
        ids = list(session.scalars(select(Dossier.id).where(Dossier.state == source,
                                                            Dossier.id.in_(lapsed))))
        moved += len(move_many(session, ids, trigger=Action.EXPIRE, source=source,
                               actor=SYSTEM_ACTOR, now=rt.clock.now(), due_at=None,
                               details={"as_of": today.isoformat()}))
    result = session.execute(
        update(Certificate).where(Certificate.status == CertificateStatus.VALID,
                                  Certificate.expires_on < today)
        .values(status=CertificateStatus.EXPIRED).execution_options(synchronize_session=False))
    return ExpiryReport(certificates=int(getattr(result, "rowcount", 0)), dossiers=moved)
