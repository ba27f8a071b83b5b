"""What the council set-up pages offer (issue 21), read in one transaction: the rounds and the
levels as each round's rulebook names them ("cấp xã" under QĐ 1489), the units one may set a
council up for, the people who may sit on it and the dossiers it may evaluate; and the
printouts a person may download from the council page. Every act is a use case of
use_cases/councils.py, with the CLI's permission checks."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.models import CouncilDossier, CouncilMember, Dossier, EvaluationRound, User
from states.errors import PermissionDenied
from states.evaluation.council_book import load_book
from states.evaluation.council_reads import CouncilView, agenda, load_council, who
from states.evaluation.council_setup import AGENDA_STATE, council_view, level_name
from states.evaluation.member_sheets import may_read, may_see_council
from states.permissions import authorize, may
from states.rules.score_sheets import PROVISIONAL_BANNER
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.territory.units import UnitView, list_units
from states.vocabulary import Action, CouncilLevel, CouncilRole, CouncilStatus, Role, label

# A council evaluates a round's dossiers: the form lists this many; others are typed by number.
LISTED_DOSSIERS = 100
CREATED_LEVELS = (CouncilLevel.LOCAL, CouncilLevel.PROVINCIAL)


@dataclass(frozen=True)
class LevelChoice:
    value: str  # "<round code>|<level code>", the form's one choice of round and level
    words: str  # "Hội đồng cấp xã"


@dataclass(frozen=True)
class RoundChoice:
    code: str
    name: str
    rulebook: str
    levels: list[LevelChoice]


@dataclass(frozen=True)
class CreationChoices:
    rounds: list[RoundChoice]
    units: list[UnitView]
    own_unit: str | None


@dataclass(frozen=True)
class Candidate:
    """Someone who may be seated, or a dossier that may go on the agenda."""

    value: str
    words: str


@dataclass(frozen=True)
class SetupChoices:
    council: CouncilView
    round_name: str
    people: list[Candidate]
    roles: list[Candidate]
    dossiers: list[Candidate]
    groups: dict[int, str]  # the agenda's dossiers → their product group's name
    more_dossiers: bool
    banner: str | None


@dataclass(frozen=True)
class PrintableSheet:
    dossier_id: int
    product: str
    member: str
    member_name: str


@dataclass(frozen=True)
class Printouts:
    closed: bool
    sheets: list[PrintableSheet]
    may_set_up: bool


def _round_choice(rt: Runtime, found: EvaluationRound) -> RoundChoice:
    rulebook = rt.rules.get(found.rulebook_code)
    levels = [LevelChoice(f"{found.code}|{level.value}",
                          f"Hội đồng {level_name(level, rulebook.local_level_name)}")
              for level in CREATED_LEVELS]
    return RoundChoice(found.code, found.name or f"Đợt {found.code}", rulebook.title, levels)


def creation_choices(rt: Runtime, actor: str) -> CreationChoices:
    """For whoever may set councils up (the Department, a unit's OCOP officers)."""
    with rt.transaction() as session:
        user = find_user(session, actor)
        authorize(user, Action.COUNCIL)
        rounds = session.scalars(select(EvaluationRound).order_by(
            EvaluationRound.opened_on.desc(), EvaluationRound.id.desc()))
        units = list_units(session, rt.clock.today())
        own = user.unit.code if user.unit is not None else None
        if user.role != Role.DEPARTMENT:
            units = [u for u in units if u.code == own]
        return CreationChoices([_round_choice(rt, r) for r in rounds], units, own)


def _people(session: Session, council_id: int) -> list[Candidate]:
    seated = set(session.scalars(select(CouncilMember.user_id).where(
        CouncilMember.council_id == council_id)))
    users = session.scalars(select(User).where(User.active.is_(True), User.role != Role.PRODUCER)
                            .order_by(User.name))
    return [Candidate(u.name, f"{u.full_name} ({u.name})" if u.full_name else u.name)
            for u in users if u.id not in seated]


def _group_name(rt: Runtime, dossier: Dossier) -> str:
    groups = rt.rules.get(dossier.round.rulebook_code).groups
    return groups.get(dossier.product.group_code, dossier.product.group_code)


def _dossiers(rt: Runtime, session: Session, council_id: int) -> tuple[list[Candidate], bool]:
    """The round's dossiers at the step the council's level evaluates (a local council: of its
    own unit), not yet on its agenda; at most LISTED_DOSSIERS of them."""
    council = load_council(session, council_id)
    level = CouncilLevel(council.level)
    query = select(Dossier).where(
        Dossier.round_id == council.round_id, Dossier.state == AGENDA_STATE[level],
        Dossier.id.not_in(select(CouncilDossier.dossier_id).where(
            CouncilDossier.council_id == council.id)))
    if level == CouncilLevel.LOCAL:
        query = query.where(Dossier.unit_id == council.unit_id)
    found = list(session.scalars(query.order_by(Dossier.id).limit(LISTED_DOSSIERS + 1)))
    return ([Candidate(str(d.id), f"Hồ sơ {d.id}: {d.product.name} ({_group_name(rt, d)})")
             for d in found[:LISTED_DOSSIERS]], len(found) > LISTED_DOSSIERS)


def setup_choices(rt: Runtime, actor: str, council_id: int) -> SetupChoices:
    """For whoever may set this council up (the CLI's `ocop council add-member` and the rest)."""
    with rt.transaction() as session:
        council = load_council(session, council_id)
        authorize(find_user(session, actor), Action.COUNCIL, council.unit_id)
        view = council_view(rt, session, council)
        forming = council.status == CouncilStatus.FORMING
        dossiers, more = _dossiers(rt, session, council_id) if forming else ([], False)
        groups = {}
        for item in view.dossiers:
            dossier = session.get(Dossier, item.dossier_id)
            assert dossier is not None
            groups[item.dossier_id] = _group_name(rt, dossier)
        provisional = any(d.sheet_provisional for d in view.dossiers)
        return SetupChoices(
            view, council.round.name or f"Đợt {council.round.code}",
            _people(session, council_id) if forming else [],
            [Candidate(r.value, label(r)) for r in CouncilRole], dossiers, groups, more,
            PROVISIONAL_BANNER if provisional else None)


def _readable(session: Session, actor: str, council_id: int) -> list[PrintableSheet]:
    council = load_council(session, council_id)
    items = agenda(session, council_id)
    book = load_book(session, council, items, choices=False)
    sheets = []
    for item in items:
        for seat in book.scorers(item.dossier_id):
            try:
                may_read(session, actor, council, item, seat, book)
            except PermissionDenied:
                continue
            sheets.append(PrintableSheet(item.dossier_id, book.products.get(item.dossier_id, ""),
                                         seat.user.name, who(seat)))
    return sheets


def printouts(rt: Runtime, actor: str, council_id: int) -> Printouts:
    """The sheets the actor may print (their own; everyone's once all have submitted), and
    whether the summary, minutes and proposal exist yet (the council closed)."""
    with rt.transaction() as session:
        council = load_council(session, council_id)
        user = find_user(session, actor)
        may_see_council(session, user, council)
        return Printouts(council.status == CouncilStatus.CLOSED,
                         _readable(session, actor, council_id),
                         may(user, Action.COUNCIL, council.unit_id))
