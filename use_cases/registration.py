"""What the registration form offers: the units the person may register for, the product groups
of the rulebook a new dossier will be judged by, the kinds of producer."""

from dataclasses import dataclass

from states.commands.register import rulebook_of_today
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


def registration_choices(rt: Runtime, actor: str) -> RegistrationChoices:
    with rt.transaction() as session:
        user = find_user(session, actor)
        # A Department lists its own province's units (a national database holds hundreds).
        province = user.unit_id if user.unit and user.unit.level == UnitLevel.PROVINCE else None
        units = [u for u in list_units(session, province) if u.level != UnitLevel.PROVINCE]
        own = user.unit.code if user.role == Role.DISTRICT and user.unit else None
        if own is not None:
            units = [u for u in units if u.code == own]
        rulebook = rulebook_of_today(rt, session)
        return RegistrationChoices(units, own, rulebook.title, dict(rulebook.groups),
                                   [(t.value, label(t)) for t in ProducerType])
