"""The Department that serves on a day: its name, letterhead and signature block (seeded with
dates: Sở Nông nghiệp và PTNT Bắc Giang until 30/6/2025, Sở Nông nghiệp và Môi trường Bắc Ninh
after), so no template writes a Department's name itself."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.models import AdministrativeUnit, Department
from states.territory.unit_names import salutation_for
from states.territory.units import home_province, in_force

GENERIC_NAME = "Sở Nông nghiệp"


@dataclass(frozen=True)
class DepartmentView:
    name: str  # "Sở Nông nghiệp và Môi trường tỉnh Bắc Ninh"
    short_name: str  # "Sở Nông nghiệp và Môi trường": "… đề nghị đơn vị …"
    letterhead: tuple[str, ...]
    signature: tuple[str, ...]
    province: str | None  # "Tỉnh Bắc Ninh"
    province_salutation: str  # "UBND tỉnh Bắc Ninh": who recognises and certifies


def department_on(session: Session, day: date) -> DepartmentView:
    row = session.scalar(select(Department).where(in_force(Department, day))
                         .order_by(Department.id.desc()).limit(1))
    if row is not None:
        province = session.get(AdministrativeUnit, row.province_id)
        return DepartmentView(row.name, row.short_name, tuple(row.letterhead), tuple(row.signature),
                              province.name if province else None,
                              _salutation(province))
    # A database seeded before Departments had dates: name it after the province.
    home = home_province(session, day)
    name = f"{GENERIC_NAME} - {home.name}" if home else GENERIC_NAME
    return DepartmentView(name, GENERIC_NAME, (), (name,), home.name if home else None,
                          _salutation(home))


def _salutation(unit: AdministrativeUnit | None) -> str:
    if unit is None:
        return "UBND tỉnh"
    return unit.salutation or salutation_for(unit.name)
