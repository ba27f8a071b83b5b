"""The public registry: recognised products as anyone may look them up (no login). It shows
the product, producer, unit, stars, the decision and the certificate's validity today, and
nothing else: no e-mail, phone or person's name, no dossier that was never recognised (only
certificates are listed), no sequential id (a certificate is known by its random token)."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from states.db.models import AdministrativeUnit, Certificate, Dossier, Producer, Product
from states.dossiers.joins import with_names
from states.errors import NotFound
from states.folding import fold
from states.territory.unit_index import UnitIndex
from states.vocabulary import CertificateStatus, Validity

# The certificate's public page, under the public base URL (OCOP_PUBLIC_URL); the QR code of
# the printed certificate links here.
CERTIFICATE_PATH = "/tra-cuu/giay-chung-nhan/{token}"
MAX_PAGE = 100


@dataclass(frozen=True)
class RegistryEntry:
    token: str
    number: str
    product: str
    producer: str
    unit: str
    stars: int
    decision: str
    decided_on: date
    expires_on: date
    validity: Validity
    validity_text: str  # "Còn hiệu lực đến ngày 25/07/2025"
    revocation_decision: str | None


@dataclass(frozen=True)
class SearchPage:
    items: list[RegistryEntry]
    offset: int
    has_more: bool


def certificate_url(base_url: str, token: str) -> str:
    return base_url.rstrip("/") + CERTIFICATE_PATH.format(token=token)


def validity(status: str, expires_on: date, revocation: str | None,
             today: date) -> tuple[Validity, str]:
    """A certificate's standing today, and the sentence the public reads."""
    if status == CertificateStatus.REVOKED:
        return Validity.REVOKED, f"Đã thu hồi theo Quyết định số {revocation or '(không ghi)'}"
    if status == CertificateStatus.SUPERSEDED:
        return Validity.SUPERSEDED, "Đã được thay bằng giấy chứng nhận mới (đánh giá lại)"
    if status == CertificateStatus.EXPIRED or expires_on < today:
        return Validity.EXPIRED, f"Hết hiệu lực từ ngày {expires_on + timedelta(days=1):%d/%m/%Y}"
    return Validity.VALID, f"Còn hiệu lực đến ngày {expires_on:%d/%m/%Y}"


def _entries() -> Select[*tuple[Any, ...]]:
    query: Select[*tuple[Any, ...]] = select(
        Certificate.public_token, Certificate.number, Product.name, Producer.name,
        # The unit as the certificate names it (a district gone since 1/7/2025 included).
        func.coalesce(Certificate.unit_name, AdministrativeUnit.name), Certificate.stars,
        Certificate.decision_no, Certificate.recognised_on, Certificate.expires_on, Certificate.status,
        Certificate.revocation_decision)
    return with_names(query.select_from(Certificate).join(Dossier, Certificate.dossier_id == Dossier.id))


def _entry(row: Any, today: date) -> RegistryEntry:
    (token, number, product, producer, unit, stars, decision, decided_on, expires_on, status,
     revocation) = row
    standing, text = validity(status, expires_on, revocation, today)
    return RegistryEntry(token, number, product, producer, unit, stars, decision, decided_on,
                         expires_on, standing, text, revocation)


def search(session: Session, today: date, *, text: str = "", unit: str | None = None,
           stars: int | None = None, offset: int = 0, limit: int = 20) -> SearchPage:
    """Current certificates (a renewed product shows its newest) whose product or producer
    name holds every word of `text`, diacritics and case aside; by stars, then name."""
    query = _entries().where(Certificate.status != CertificateStatus.SUPERSEDED)
    for word in fold(text).split():
        query = query.where(or_(Product.search_key.contains(word, autoescape=True),
                                Producer.search_key.contains(word, autoescape=True)))
    if unit:
        found = UnitIndex.load(session).find(unit, today)
        if isinstance(found, str):
            return SearchPage([], offset, False)
        query = query.where(Dossier.unit_id == found.id)
    if stars is not None:
        query = query.where(Certificate.stars == stars)
    limit = max(1, min(limit, MAX_PAGE))
    rows = session.execute(query.order_by(Certificate.stars.desc(), Product.search_key,
                                          Certificate.id).offset(max(0, offset)).limit(limit + 1)).all()
    return SearchPage([_entry(r, today) for r in rows[:limit]], offset, len(rows) > limit)


def by_token(session: Session, token: str, today: date) -> RegistryEntry:
    row = session.execute(_entries().where(Certificate.public_token == token)).first()
    if row is None:
        raise NotFound("Không có giấy chứng nhận OCOP nào ứng với đường dẫn này.")
    return _entry(row, today)


def whole_registry(session: Session, today: date) -> Iterator[RegistryEntry]:
    """Every current certificate, unit by unit: the open data (read as it goes)."""
    query = (_entries().where(Certificate.status != CertificateStatus.SUPERSEDED)
             .order_by(AdministrativeUnit.name, Product.search_key, Certificate.id))
    for row in session.execute(query.execution_options(yield_per=1000)):
        yield _entry(row, today)
