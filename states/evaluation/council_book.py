"""Everything a council's results are computed from, read at once: its members with their
names, their conflicts of interest, their sheets and every choice on them, and each dossier's
product and score sheet. Closing a council of 9 members over 100 dossiers asked the database
about 7,800 questions one sheet at a time (9 s); the book asks six."""

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from states.db.models import (
    Council,
    CouncilConflict,
    CouncilDossier,
    CouncilMember,
    Dossier,
    MemberSheet,
    Product,
    SheetChoice,
)
from states.evaluation.sheet_source import sheet_for
from states.rules.score_sheets import ScoreSheet
from states.runtime import Runtime
from states.vocabulary import SheetStatus


@dataclass(frozen=True)
class Chosen:
    """A saved choice as results read it: plain values, not an ORM row (a council of 9 over
    100 dossiers has 23,000 of them, and building ORM objects for them was most of closing)."""

    criterion: str
    part: str
    option: str
    points: float
    fails_mandatory: bool


@dataclass(frozen=True)
class CouncilBook:
    members: list[CouncilMember]  # in seat order
    abstaining: frozenset[tuple[int, int]]  # (member id, dossier id) with a conflict of interest
    sheets: dict[tuple[int, int], MemberSheet]  # (member id, dossier id) → the member's sheet
    choices: dict[int, list[Chosen]]  # sheet id → its choices, in the order saved
    products: dict[int, str]  # dossier id → product name
    groups: dict[int, tuple[str, str | None]]  # dossier id → its product's group and sub-group
    rulebook_code: str
    # Filled on first use: a view of the agenda's counts needs no sheet's data.
    score_sheets: dict[int, ScoreSheet] = field(default_factory=dict)

    def score_sheet(self, rt: Runtime, dossier_id: int) -> ScoreSheet:
        """The sheet the dossier's members fill in."""
        if dossier_id not in self.score_sheets:
            self.score_sheets[dossier_id] = sheet_for(rt, rt.rules.get(self.rulebook_code),
                                                      *self.groups[dossier_id])
        return self.score_sheets[dossier_id]

    def scorers(self, dossier_id: int) -> list[CouncilMember]:
        """Who must score the dossier: the members present, less those with a conflict."""
        return [m for m in self.members
                if m.present and (m.id, dossier_id) not in self.abstaining]

    def sheet(self, member: CouncilMember, dossier_id: int) -> MemberSheet | None:
        return self.sheets.get((member.id, dossier_id))

    def choices_of(self, sheet: MemberSheet | None) -> list[Chosen]:
        return self.choices.get(sheet.id, []) if sheet is not None else []

    def not_submitted(self, dossier_id: int) -> list[CouncilMember]:
        missing = []
        for member in self.scorers(dossier_id):
            row = self.sheet(member, dossier_id)
            if row is None or row.status != SheetStatus.SUBMITTED:
                missing.append(member)
        return missing


def load_book(session: Session, council: Council, items: list[CouncilDossier],
              *, choices: bool = True) -> CouncilBook:
    """The book of `items` (the council's agenda, or a part of it); without the sheets'
    choices when only who submitted is asked."""
    dossier_ids = [item.dossier_id for item in items]
    members = list(session.scalars(
        select(CouncilMember).where(CouncilMember.council_id == council.id)
        .options(selectinload(CouncilMember.user)).order_by(CouncilMember.id)))
    seats = [m.id for m in members]
    abstaining = frozenset((member_id, dossier_id) for member_id, dossier_id in session.execute(
        select(CouncilConflict.member_id, CouncilConflict.dossier_id)
        .where(CouncilConflict.member_id.in_(seats), CouncilConflict.dossier_id.in_(dossier_ids))))
    sheets = {(s.member_id, s.dossier_id): s for s in session.scalars(
        select(MemberSheet).where(MemberSheet.member_id.in_(seats),
                                  MemberSheet.dossier_id.in_(dossier_ids)))}
    chosen: dict[int, list[Chosen]] = defaultdict(list)
    if choices:
        for sheet_id, criterion, part, option, points, fails in session.execute(
                select(SheetChoice.sheet_id, SheetChoice.criterion, SheetChoice.part,
                       SheetChoice.option, SheetChoice.points, SheetChoice.fails_mandatory)
                .where(SheetChoice.sheet_id.in_([s.id for s in sheets.values()]))
                .order_by(SheetChoice.id)):
            chosen[sheet_id].append(Chosen(criterion, part, option, points, fails))
    products, groups = {}, {}
    for dossier_id, name, group, subgroup in session.execute(
            select(Dossier.id, Product.name, Product.group_code, Product.subgroup_code)
            .join(Product, Product.id == Dossier.product_id).where(Dossier.id.in_(dossier_ids))):
        products[dossier_id], groups[dossier_id] = name, (group, subgroup)
    return CouncilBook(members, abstaining, sheets, dict(chosen), products, groups,
                       council.round.rulebook_code)
