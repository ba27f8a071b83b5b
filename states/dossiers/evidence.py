"""What a dossier's current cycle holds: the field inspection, the councils' score sheets and
the documents checklist of its rulebook."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.models import Dossier, Inspection, ScoreSheet
from states.rules.rulebooks import Rulebook
from states.vocabulary import CouncilLevel, label


@dataclass(frozen=True)
class DocumentRow:
    code: str
    name: str
    required: bool
    present: bool


def checklist(rulebook: Rulebook, present: set[str]) -> list[DocumentRow]:
    return [DocumentRow(d.code, d.name, d.required, d.code in present) for d in rulebook.documents]


@dataclass(frozen=True)
class InspectionView:
    on: date
    inspectors: list[str]
    minutes_ref: str | None


@dataclass(frozen=True)
class SheetView:
    level: CouncilLevel
    level_label: str
    members: list[float]
    average: float
    failed_mandatory: str | None


def inspections(session: Session, dossier: Dossier) -> list[InspectionView]:
    rows = session.scalars(select(Inspection).where(Inspection.dossier_id == dossier.id,
                                                    Inspection.cycle == dossier.cycle)
                           .order_by(Inspection.id))
    return [InspectionView(i.inspected_on, list(i.inspectors), i.minutes_ref) for i in rows]


def score_sheets(session: Session, dossier: Dossier) -> list[SheetView]:
    rows = session.scalars(select(ScoreSheet).where(ScoreSheet.dossier_id == dossier.id,
                                                    ScoreSheet.cycle == dossier.cycle)
                           .order_by(ScoreSheet.id))
    return [SheetView(CouncilLevel(s.level), label(CouncilLevel(s.level)), list(s.member_totals),
                      s.average, s.failed_mandatory) for s in rows]
