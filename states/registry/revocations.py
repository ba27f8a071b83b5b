"""What a revocation decision names: each revoked product, its producer and why."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.models import AdministrativeUnit, Certificate, Dossier, Producer, Product
from states.dossiers.joins import with_names
from states.vocabulary import CertificateStatus, RevocationReason, label


@dataclass(frozen=True)
class RevokedProduct:
    dossier_id: int
    unit_id: int
    product: str
    producer: str
    producer_email: str | None
    certificate: str
    stars: int
    reason_label: str


def revoked_products(session: Session, dossier_ids: list[int]) -> list[RevokedProduct]:
    """The revoked certificates of `dossier_ids`, by unit then dossier."""
    rows = session.execute(
        with_names(select(Dossier.id, Dossier.unit_id, Product.name, Producer.name, Producer.email,
                          Certificate.number, Certificate.stars, Certificate.revoked_reason))
        .join(Certificate, (Certificate.dossier_id == Dossier.id)
              & (Certificate.status == CertificateStatus.REVOKED))
        .where(Dossier.id.in_(dossier_ids))
        .order_by(AdministrativeUnit.id, Dossier.id))
    return [RevokedProduct(d, u, product, producer, email, number, stars,
                           label(RevocationReason(reason)) if reason else "")
            for d, u, product, producer, email, number, stars, reason in rows]
