"""A dossier's checklist against its rulebook: what was received, which required ones are not."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.models import DocumentReceipt
from states.rules.rulebooks import DocumentSpec, Rulebook


def present_documents(session: Session, dossier_id: int, cycle: int) -> set[str]:
    return set(session.scalars(
        select(DocumentReceipt.code).where(DocumentReceipt.dossier_id == dossier_id,
                                           DocumentReceipt.cycle == cycle)))


def missing_required(rulebook: Rulebook, present: set[str]) -> list[DocumentSpec]:
    """The rulebook's required documents not ticked, in the rulebook's order."""
    return [d for d in rulebook.documents if d.required and d.code not in present]
