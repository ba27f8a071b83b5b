"""Which units and certificates the Department's views count: its province's local units."""

from datetime import date

from sqlalchemy import Select, select

from states.db.models import AdministrativeUnit, Certificate, Dossier
from states.dossiers.joins import Columns
from states.territory.units import in_force
from states.vocabulary import UnitLevel


def local_units(province_id: int | None, today: date | None = None) -> Select[int]:
    """The local units a dashboard covers: those of the Department's province in force today
    (a national database holds hundreds), or every one."""
    query = select(AdministrativeUnit.id).where(AdministrativeUnit.level != UnitLevel.PROVINCE)
    if province_id is not None:
        query = query.where(AdministrativeUnit.parent_id == province_id)
    if today is not None:
        query = query.where(in_force(AdministrativeUnit, today))
    return query


def in_province(query: Select[*Columns], province_id: int | None) -> Select[*Columns]:
    """Certificates of dossiers held by the province's units (those dissolved since too)."""
    return query.join(Dossier, Certificate.dossier_id == Dossier.id).where(
        Dossier.unit_id.in_(local_units(province_id)))
