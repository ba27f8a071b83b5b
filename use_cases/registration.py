"""What the registration form offers: the units the person may register for (valid today, at the
level the round's rulebook registers at), the producer's address communes, the product groups of
the rulebook a new dossier will be judged by, the kinds of producer, and who may have prepared the
dossier (the units' officers, the consultants known so far, the parts that can be contracted)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.models import EvaluationRound, User
from states.folding import plain_words
from states.lifecycle.register import rulebook_of_today
from states.people.users import UserRow, list_users
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.territory.unit_names import short_name
from states.territory.units import UnitView, list_units
from states.training.consultant_report import consultants
from states.vocabulary import (
    LEVELS_OF_TIER,
    ContractedPart,
    PreparedBy,
    ProducerType,
    Role,
    UnitLevel,
    label,
)


@dataclass(frozen=True)
class PreparationChoices:
    """Who may have prepared a dossier: the unit's officers, the consultants known so far."""

    officers: list[UserRow]
    consultants: list[str]
    prepared_by: list[tuple[str, str]]
    contracted: list[tuple[str, str]]


def preparation_choices(session: Session, unit_names: set[str]) -> PreparationChoices:
    """The choices for dossiers of the units named (their active OCOP officers may have helped)."""
    return PreparationChoices(
        [u for u in list_users(session) if u.role == Role.DISTRICT and u.active
         and u.unit in unit_names],
        [c.name for c in consultants(session)],
        [(p.value, label(p)) for p in PreparedBy],
        [(p.value, label(p)) for p in ContractedPart])


@dataclass(frozen=True)
class RegistrationChoices:
    units: list[UnitView]
    # A district officer's own unit, preselected (and the only one offered).
    own_unit: str | None
    rulebook: str
    groups: dict[str, str]
    producer_types: list[tuple[str, str]]
    # The round registers at a district: the communes (xã, phường, thị trấn) of each unit
    # offered, by the unit's name; at a commune the producer's commune is the unit itself.
    communes: dict[str, list[UnitView]]
    local_level: str  # "cấp huyện" or "cấp xã"
    preparation: PreparationChoices
    # The rulebook's sub-groups: group → code → name (provisional lists).
    subgroups: dict[str, dict[str, str]]


def filter_units(session: Session, user: User, today: date,
                 levels: frozenset[UnitLevel] | None = None) -> list[UnitView]:
    """The local units a person works with: their own (a local officer), or those of the
    province today; only those of `levels` when given."""
    units = [u for u in list_units(session, today) if u.level != UnitLevel.PROVINCE
             and (levels is None or u.level in levels)]
    if user.role == Role.DISTRICT and user.unit:
        return [u for u in units if u.code == user.unit.code]
    return units


def communes_of(session: Session, units: list[UnitView], today: date) -> dict[str, list[UnitView]]:
    offered = {u.name for u in units}
    found: dict[str, list[UnitView]] = {}
    for level in sorted(LEVELS_OF_TIER[UnitLevel.COMMUNE]):
        for commune in list_units(session, today, level):
            if commune.parent in offered:
                found.setdefault(commune.parent, []).append(commune)
    # By the name people say ("An Bá", "Biển Động"), whatever the word for its kind.
    return {unit: sorted(rows, key=lambda c: plain_words(short_name(c.name)))
            for unit, rows in found.items()}


def registration_choices(rt: Runtime, actor: str) -> RegistrationChoices:
    with rt.transaction() as session:
        user = find_user(session, actor)
        today = rt.clock.today()
        rulebook = rulebook_of_today(rt, session)
        tier = UnitLevel(rulebook.local_level)
        units = filter_units(session, user, today, LEVELS_OF_TIER[tier])
        own = user.unit.code if user.role == Role.DISTRICT and user.unit else None
        return RegistrationChoices(
            units, own, rulebook.title, dict(rulebook.groups),
            [(t.value, label(t)) for t in ProducerType],
            communes_of(session, units, today) if tier == UnitLevel.DISTRICT else {},
            rulebook.local_level_name, preparation_choices(session, {u.name for u in units}),
            {group: dict(subs) for group, subs in rulebook.subgroups.items()})


def code_lists(rt: Runtime) -> dict[str, list[str]]:
    """The codes the API's schema lists from the rules and the territory: the units a product
    may be registered at today and the product groups and sub-groups it is judged by (the
    rulebook of today's round), their communes (a producer's address; at a commune, the unit itself), every
    document code of the loaded rulebooks; the evaluation rounds a council may score and the
    units valid today (a council sits at the province or at a local unit)."""
    with rt.transaction() as session:
        today = rt.clock.today()
        rulebook = rulebook_of_today(rt, session)
        levels = LEVELS_OF_TIER[UnitLevel(rulebook.local_level)]
        units = [u for u in list_units(session, today) if u.level in levels]
        at_communes = levels == LEVELS_OF_TIER[UnitLevel.COMMUNE]
        communes = ([u.code for u in units] if at_communes else
                    [c.code for rows in communes_of(session, units, today).values() for c in rows])
        groups = list(rulebook.groups)
        subgroups = [code for subs in rulebook.subgroups.values() for code in subs]
        rounds = list(session.scalars(select(EvaluationRound.code).order_by(EvaluationRound.code)))
        every_unit = [u.code for u in list_units(session, today)]
    documents = {doc.code for code in rt.rules.codes() for doc in rt.rules.get(code).documents}
    return {"units": [u.code for u in units], "communes": communes, "groups": groups,
            "subgroups": subgroups, "documents": sorted(documents), "rounds": rounds,
            "every_unit": every_unit}
