"""Certificates nearing their expiry, with whom to tell."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.models import AdministrativeUnit, Certificate, Dossier, EvaluationRound, Producer, Product
from states.dossiers.joins import with_names
from states.vocabulary import CertificateStatus


@dataclass(frozen=True)
class ExpiringCertificate:
    certificate_id: int
    number: str
    stars: int
    expires_on: date
    rulebook: str
    product: str
    producer: str
    producer_email: str | None
    unit_id: int
    unit_name: str


def expiring_certificates(session: Session, first: date, last: date) -> list[ExpiringCertificate]:
    """Valid certificates expiring between `first` and `last` (inclusive), soonest first."""
    rows = session.execute(
        with_names(select(Certificate.id, Certificate.number, Certificate.stars,
                          Certificate.expires_on, EvaluationRound.rulebook_code, Product.name,
                          Producer.name, Producer.email, AdministrativeUnit.id,
                          AdministrativeUnit.name)
                   .join(Dossier, Certificate.dossier_id == Dossier.id)
                   .join(EvaluationRound, Dossier.round_id == EvaluationRound.id))
        .where(Certificate.status == CertificateStatus.VALID, Certificate.expires_on >= first,
               Certificate.expires_on <= last)
        .order_by(Certificate.expires_on, Certificate.id))
    return [ExpiringCertificate(*tuple(row)) for row in rows]
