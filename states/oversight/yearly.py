"""The figures a province sends the ministry for a year: products recognised per star, group
and unit; renewals; expiries; revocations (imported history included)."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from states.clock import end_of_local_day
from states.db.models import AdministrativeUnit, Certificate, Dossier, DossierEvent, Product
from states.oversight.dashboard import certified_by_year
from states.oversight.scope import in_province
from states.territory.units import home_province
from states.vocabulary import Action, CertificateStatus


@dataclass(frozen=True)
class YearFigures:
    year: int
    by_stars: dict[int, int]  # recognised that year
    by_group: dict[str, dict[int, int]]  # product group code → stars → count
    by_unit: dict[str, dict[int, int]]  # unit as printed on the certificate → stars → count
    renewed: dict[int, int]  # of them, re-evaluations of a product certified before
    expired: int  # certificates whose term ended that year without a renewal
    revoked: dict[str, int]  # revocation reason code → count
    history: dict[int, dict[int, int]]  # every year → stars → count, for the chart

    @property
    def recognised(self) -> int:
        return sum(self.by_stars.values())


def _grouped(rows: Any) -> dict[str, dict[int, int]]:
    grouped: dict[str, dict[int, int]] = {}
    for key, stars, count in rows:
        grouped.setdefault(key, {})[int(stars)] = int(count)
    return dict(sorted(grouped.items()))


def year_figures(session: Session, year: int) -> YearFigures:
    home = home_province(session, date(year, 12, 31))
    province = home.id if home is not None else None
    first, last = date(year, 1, 1), date(year, 12, 31)
    in_year = (Certificate.recognised_on >= first, Certificate.recognised_on <= last)
    stars = _pairs(session.execute(in_province(select(Certificate.stars, func.count()), province)
                                 .where(*in_year).group_by(Certificate.stars)).all())
    groups = session.execute(in_province(select(Product.group_code, Certificate.stars,
                                                func.count()), province)
                             .join(Product, Dossier.product_id == Product.id).where(*in_year)
                             .group_by(Product.group_code, Certificate.stars)).all()
    unit_name = func.coalesce(Certificate.unit_name, AdministrativeUnit.name)
    units = session.execute(in_province(select(unit_name, Certificate.stars, func.count()),
                                        province)
                            .join(AdministrativeUnit, Dossier.unit_id == AdministrativeUnit.id)
                            .where(*in_year).group_by(unit_name, Certificate.stars)).all()
    earlier = aliased(Certificate)
    renewed = _pairs(session.execute(
        in_province(select(Certificate.stars, func.count()), province).where(
            *in_year, select(earlier.id).where(earlier.dossier_id == Certificate.dossier_id,
                                               earlier.recognised_on < Certificate.recognised_on)
            .exists()).group_by(Certificate.stars)).all())
    expired = session.scalar(in_province(select(func.count()), province).select_from(Certificate)
                             .where(Certificate.status == CertificateStatus.EXPIRED,
                                    Certificate.expires_on >= first,
                                    Certificate.expires_on <= last)) or 0
    return YearFigures(year, {int(s): int(n) for s, n in sorted(stars.items())}, _grouped(groups),
                       _grouped(units), {int(s): int(n) for s, n in sorted(renewed.items())},
                       int(expired), _revocations(session, province, year),
                       certified_by_year(session, province))


def _revocations(session: Session, province: int | None, year: int) -> dict[str, int]:
    """Revocations recorded that year (the step's business day), by their reason."""
    start: datetime = end_of_local_day(date(year - 1, 12, 31))
    end: datetime = end_of_local_day(date(year, 12, 31))
    revoked = (select(DossierEvent.dossier_id).where(DossierEvent.trigger == Action.REVOKE,
                                                     DossierEvent.at >= start, DossierEvent.at < end))
    rows = session.execute(in_province(select(Certificate.revoked_reason, func.count()), province)
                           .where(Certificate.status == CertificateStatus.REVOKED,
                                  Certificate.dossier_id.in_(revoked))
                           .group_by(Certificate.revoked_reason)).all()
    return {reason or "": int(n) for reason, n in sorted(rows, key=lambda r: r[0] or "")}


def _pairs(rows: Any) -> dict[int, int]:
    """(stars, count) rows as a dict."""
    return {int(key): int(value) for key, value in rows}
