"""The letter a producer completing its own dossier gets when the dossier is registered and
again when it is returned: the required documents still missing, the next step and by when,
which officer to ask. Without the producer's address the unit gets it to hand over."""

from dataclasses import dataclass

from sqlalchemy.orm import Session

from notices.queueing import QueueReport
from notices.recipients import UnitDirectory
from notices.rendering import letter
from states.dossiers.missing_documents import MissingDocuments, missing_documents
from states.runtime import Runtime
from states.vocabulary import State

KIND = "missing_documents"


@dataclass(frozen=True)
class LetterQueued:
    """What became of the letter: to whom, and whether the unit hands it over."""

    key: str
    recipients: tuple[str, ...]
    handed_over: bool
    queued: bool
    missing: list[str]


def _subject(facts: MissingDocuments) -> str:
    head = f"[OCOP] Hồ sơ số {facts.dossier_id} - {facts.product}"
    if facts.state == State.RETURNED:
        return f"{head}: hồ sơ được trả lại, những gì cần bổ sung"
    if not facts.missing:
        return f"{head}: đã đủ tài liệu bắt buộc, bước tiếp theo"
    return f"{head}: còn thiếu {len(facts.missing)} tài liệu bắt buộc"


def queue_missing_documents_letter(rt: Runtime, session: Session,
                                   dossier_id: int) -> LetterQueued:
    """Queue the letter for the dossier as it stands (registered or returned), once per
    evaluation and occasion."""
    facts = missing_documents(session, rt.rules, dossier_id, rt.clock.today())
    occasion = "returned" if facts.state == State.RETURNED else "registered"
    key = f"missing-documents:{facts.dossier_id}:{facts.cycle}:{occasion}"
    directory = UnitDirectory.load(session, rt.clock.today())
    recipients, handed_over = directory.producer_or_unit(facts.producer_email, facts.unit_id)
    report = QueueReport()
    report.add(session, letter(key, recipients, _subject(facts), "missing_documents",
                               facts=facts, handed_over=handed_over,
                               department=directory.department), KIND, rt.clock.now())
    return LetterQueued(key, recipients, handed_over, report.queued == 1, facts.missing)
