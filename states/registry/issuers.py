"""Who a certificate names as its issuer, as it reads on the day of the decision: the
Provincial People's Committee of that day, or under QĐ 148 the district that recognised it."""

from datetime import date

from sqlalchemy.orm import Session

from states.db.models import AdministrativeUnit
from states.territory.departments import department_on
from states.territory.unit_names import salutation_for
from states.territory.units import name_on


def issued_by(session: Session, unit: AdministrativeUnit, on: date, *, local: bool) -> dict[str, str]:
    unit_name = name_on(session, unit, on)
    if local:
        issuer = (unit.salutation if unit_name == unit.name else None) or salutation_for(unit_name)
    else:
        issuer = department_on(session, on).province_salutation
    return {"issuer": issuer, "unit_name": unit_name}

