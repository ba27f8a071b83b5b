"""Where a new dossier may be registered: a unit valid that day, of the level the round's
rulebook reviews at (a district in 2022, a commune or ward in 2026), and the producer's commune."""

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.models import AdministrativeUnit, EvaluationRound
from states.errors import InvalidInput, RuleRefused
from states.rules.rulebooks import Rulebook
from states.territory.territory import find_commune, is_commune_level, load_territory
from states.vocabulary import UnitLevel, tier_of

TIER_NAMES = {UnitLevel.PROVINCE: "cấp tỉnh", UnitLevel.DISTRICT: "cấp huyện",
              UnitLevel.COMMUNE: "cấp xã"}


def check_registration_unit(session: Session, unit: AdministrativeUnit, day: date,
                            rulebook: Rulebook, round_code: str) -> None:
    if not unit.valid_on(day):
        raise RuleRefused(_not_valid(session, unit, day))
    if tier_of(unit.level) != rulebook.local_level:
        raise RuleRefused(
            f"Đợt {round_code} theo {rulebook.title}: hồ sơ đăng ký và đánh giá tại "
            f"{rulebook.local_level_name}; {unit.name} là đơn vị {TIER_NAMES[tier_of(unit.level)]}.")


def _not_valid(session: Session, unit: AdministrativeUnit, day: date) -> str:
    if unit.valid_from is not None and day < unit.valid_from:
        return f"{unit.name} chỉ có từ ngày {unit.valid_from:%d/%m/%Y}."
    assert unit.valid_until is not None  # not valid on `day`, and not because it began later
    territory = load_territory(session)
    successors = [territory.units[u].name for u in territory.current(unit.id, day)]
    ended = f"{unit.name} không còn từ ngày {unit.valid_until + timedelta(days=1):%d/%m/%Y}"
    if not successors:
        return ended + "."
    return f"{ended}; hãy đăng ký tại đơn vị kế thừa: {', '.join(successors)}."


def producer_commune(session: Session, commune: str | None, unit: AdministrativeUnit,
                     day: date) -> AdministrativeUnit | None:
    """The producer's address commune: the unit itself when it is a commune, else the one named."""
    if is_commune_level(unit):
        named = find_commune(session, commune, unit, day) if commune else unit
        if named.id != unit.id:
            raise InvalidInput(f"Hồ sơ đăng ký tại {unit.name} thì chủ thể ở {unit.name}, "
                               f"không phải {named.name}.")
        return unit
    return find_commune(session, commune, unit, day) if commune else None


def planned_rounds(session: Session) -> list[EvaluationRound]:
    """Rounds of a yearly plan, by registration date (a province plans about two a year)."""
    return list(session.scalars(select(EvaluationRound)
                                .where(EvaluationRound.registration_opens.is_not(None))
                                .order_by(EvaluationRound.registration_opens)))
