"""A dossier's checklist against its rulebook: what was received, which required ones are not.

Issue 25: a document is present when a file of it was accepted, or (paper originals, and the
physical samples) when an officer ticked it."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.models import DocumentFile, DocumentReceipt
from states.rules.rulebooks import DocumentSpec, Rulebook
from states.vocabulary import FileStatus


def typed_ticks(session: Session, dossier_id: int, cycle: int) -> set[str]:
    return set(session.scalars(
        select(DocumentReceipt.code).where(DocumentReceipt.dossier_id == dossier_id,
                                           DocumentReceipt.cycle == cycle)))


def present_documents(session: Session, dossier_id: int, cycle: int) -> set[str]:
    accepted = session.scalars(
        select(DocumentFile.document_code).where(DocumentFile.dossier_id == dossier_id,
                                                 DocumentFile.cycle == cycle,
                                                 DocumentFile.status == FileStatus.ACCEPTED))
    return typed_ticks(session, dossier_id, cycle) | set(accepted)


def missing_required(rulebook: Rulebook, present: set[str]) -> list[DocumentSpec]:
    """The rulebook's required documents not ticked, in the rulebook's order."""
    return [d for d in rulebook.documents if d.required and d.code not in present]
