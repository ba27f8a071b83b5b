"""What the registration form offers: the units the person may register for, the product groups
of the rulebook a new dossier will be judged by, the kinds of producer."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from states.commands.register import rulebook_of_today
from states.db.models import User
from states.runtime import Runtime
from states.views.lookups import find_user
from states.views.units import UnitView, list_units
from states.vocabulary import ProducerType, Role, UnitLevel, label


@dataclass(frozen=True)
class RegistrationChoices:
    units: list[UnitView]
    # A district officer's own unit, preselected (and the only one offered).
    own_unit: str | None
    rulebook: str
    groups: dict[str, str]
    producer_types: list[tuple[str, str]]


def filter_units(session: Session, user: User, today: date) -> list[UnitView]:
    """The local units a person works with: their own (a local officer), or those of the
    province today."""
    units = [u for u in list_units(session, today) if u.level != UnitLevel.PROVINCE]
    if user.role == Role.DISTRICT and user.unit:
        return [u for u in units if u.code == user.unit.code]
    return units


def registration_choices(rt: Runtime, actor: str) -> RegistrationChoices:
    with rt.transaction() as session:
        user = find_user(session, actor)
        units = filter_units(session, user, rt.clock.today())
        own = user.unit.code if user.role == Role.DISTRICT and user.unit else None
        rulebook = rulebook_of_today(rt, session)
        return RegistrationChoices(units, own, rulebook.title, dict(rulebook.groups),
                                   [(t.value, label(t)) for t in ProducerType])
