"""The letter a producer gets when the officer rejects one of its files (issue 25): which
document, which file, the officer's reason, and that a new version can be uploaded. Without
the producer's address the unit gets it to hand over."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from notices.queueing import QueueReport
from notices.recipients import UnitDirectory
from notices.rendering import letter
from states.db.models import DocumentFile, User
from states.dossiers.sheet import load_dossier
from states.runtime import Runtime
from states.vocabulary import MailKind, Role


@dataclass(frozen=True)
class Rejection:
    dossier_id: int
    product: str
    producer: str
    unit_name: str
    document: str
    file_name: str
    version: int
    reason: str
    officer: str
    officer_email: str | None
    link: str  # the producer's own page of the dossier, where the new version is uploaded


def _account_addresses(session: Session, producer_id: int) -> list[str]:
    return [e for e in session.scalars(select(User.email).where(
        User.producer_id == producer_id, User.role == Role.PRODUCER, User.active.is_(True),
        User.password_hash.is_not(None)).order_by(User.id)) if e]


def portal_link(site_url: str, dossier_id: int) -> str:
    return f"{site_url.rstrip('/')}/producer/dossiers/{dossier_id}"


def queue_rejection_letter(rt: Runtime, session: Session, row: DocumentFile,
                           officer: User, site_url: str) -> bool:
    """Queue the letter for a rejected file, once per file (`file-rejected:ID`); its link
    leads to the producer's page of the dossier under `site_url`."""
    dossier = load_dossier(session, row.dossier_id)
    rulebook = rt.rules.get(dossier.round.rulebook_code)
    producer = dossier.product.producer
    facts = Rejection(dossier.id, dossier.product.name, producer.name, dossier.unit.name,
                      rulebook.document(row.document_code).name, row.file_name, row.version,
                      row.reason or "", officer.full_name or officer.name, officer.email,
                      portal_link(site_url, dossier.id))
    directory = UnitDirectory.load(session, rt.clock.today())
    recipients, handed_over = directory.producer_or_unit(producer.email, dossier.unit_id)
    accounts = _account_addresses(session, producer.id)
    if accounts:
        # The producer's own accounts read it too: they are the ones who upload the new version.
        known = {r.lower() for r in recipients} if not handed_over else set()
        recipients = (*(() if handed_over else recipients),
                      *(a for a in accounts if a.lower() not in known))
        handed_over = False
    subject = (f"[OCOP] Hồ sơ số {dossier.id} - {dossier.product.name}: tài liệu "
               f"'{facts.document}' cần nộp lại")
    report = QueueReport()
    report.add(session, letter(f"file-rejected:{row.id}", recipients, subject, "file_rejected",
                               facts=facts, handed_over=handed_over,
                               department=directory.department),
               MailKind.FILE_REJECTED, rt.clock.now())
    return report.queued == 1
