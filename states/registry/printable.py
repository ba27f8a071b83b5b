"""A certificate as it is printed: the registry's entry, and what the paper adds (the group,
the producer's commune, the points, and who issued it)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.ids import storable_id
from states.db.models import AdministrativeUnit, Certificate, Dossier, EvaluationRound, Producer, Product
from states.errors import NotFound, RuleRefused
from states.registry.issuers import issued_by
from states.registry.register_search import RegistryEntry, by_token
from states.rules.rulebooks import Rulebook, RuleRegistry
from states.vocabulary import CertificateStatus

# A certificate that no longer stands is not printed again: its public page says why.
NOT_PRINTED = {CertificateStatus.REVOKED: "đã bị thu hồi",
               CertificateStatus.SUPERSEDED: "đã được thay bằng giấy mới"}


@dataclass(frozen=True)
class Printable:
    entry: RegistryEntry
    issuer: str
    group: str
    points: float
    commune: str | None
    months: int  # the term printed ("có giá trị 36 tháng")


def _certificate(session: Session, ref: str) -> Certificate:
    """By dossier number (its newest certificate) or by certificate number."""
    query = select(Certificate).order_by(Certificate.id.desc()).limit(1)
    if ref.strip().isdigit() and storable_id(int(ref)):
        found = session.scalar(query.where(Certificate.dossier_id == int(ref)))
    else:
        found = session.scalar(query.where(Certificate.number == ref.strip()))
    if found is None:
        raise NotFound(f"Hồ sơ hoặc giấy chứng nhận '{ref}' chưa có giấy chứng nhận nào.")
    return found


def printable(session: Session, rules: RuleRegistry, ref: str, today: date) -> Printable:
    certificate = _certificate(session, ref)
    if certificate.status in NOT_PRINTED:
        raise RuleRefused(f"Giấy chứng nhận {certificate.number} "
                          f"{NOT_PRINTED[CertificateStatus(certificate.status)]}: không in lại.")
    entry = by_token(session, certificate.public_token, today)
    rulebook_code, group, commune, unit_id = session.execute(
        select(EvaluationRound.rulebook_code, Product.group_code, Producer.address_commune,
               Dossier.unit_id)
        .select_from(Dossier).join(EvaluationRound, Dossier.round_id == EvaluationRound.id)
        .join(Product, Dossier.product_id == Product.id)
        .join(Producer, Product.producer_id == Producer.id)
        .where(Dossier.id == certificate.dossier_id)).one()
    rulebook = rules.get(rulebook_code)
    return Printable(entry, certificate.issuer or _issuer(session, unit_id, certificate, rulebook),
                     rulebook.groups.get(group, group), certificate.points, commune,
                     rulebook.certificate_months)


def _issuer(session: Session, unit_id: int, certificate: Certificate, rulebook: Rulebook) -> str:
    """For a certificate written without its issuer (none the system issues or imports)."""
    unit = session.get(AdministrativeUnit, unit_id)
    assert unit is not None  # a foreign key
    local = certificate.stars <= rulebook.local_recognition_max_stars
    return issued_by(session, unit, certificate.recognised_on, local=local)["issuer"]
