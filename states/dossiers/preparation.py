"""Who prepared a dossier, as `dossier show` and the dossier page read it: which parts the
producer did itself and which a consultant did."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.models import Consultant, DossierPreparation, User
from states.vocabulary import ContractedPart, PreparedBy, label

# The parts a dossier is made of (the whole dossier is all of them).
PARTS = tuple(p for p in ContractedPart if p != ContractedPart.WHOLE_DOSSIER)


@dataclass(frozen=True)
class PreparationView:
    prepared_by: PreparedBy
    prepared_by_label: str
    officer: str | None  # user name of the officer who helped
    officer_name: str | None  # their full name when known
    consultant: str | None
    contracted: list[ContractedPart]
    by_consultant: list[str]  # labels of the parts the consultant did
    by_producer: list[str]  # labels of the parts the producer (or the officer with it) did


def parts_split(contracted: list[ContractedPart]) -> tuple[list[str], list[str]]:
    """(by the consultant, by the producer), as labels in the order of the part list."""
    if ContractedPart.WHOLE_DOSSIER in contracted:
        return [label(ContractedPart.WHOLE_DOSSIER)], []
    return ([label(p) for p in PARTS if p in contracted],
            [label(p) for p in PARTS if p not in contracted])


def preparation_view(session: Session, dossier_id: int, cycle: int) -> PreparationView | None:
    row = session.execute(
        select(DossierPreparation, User.name, User.full_name, Consultant.name)
        .outerjoin(User, DossierPreparation.officer_id == User.id)
        .outerjoin(Consultant, DossierPreparation.consultant_id == Consultant.id)
        .where(DossierPreparation.dossier_id == dossier_id, DossierPreparation.cycle == cycle)
    ).first()
    if row is None:
        return None
    preparation, officer, officer_name, consultant = row
    kind = PreparedBy(preparation.prepared_by)
    contracted = [ContractedPart(p) for p in preparation.contracted]
    by_consultant, by_producer = parts_split(contracted)
    return PreparationView(kind, label(kind), officer, officer_name or officer, consultant,
                           contracted, by_consultant, by_producer)
