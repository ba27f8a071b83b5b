"""What a dossier's files say: each file as people read it, each checklist document's status
from its files, and the required documents inspection still waits for."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from states.db.ids import storable_id
from states.db.models import DocumentFile, Dossier
from states.dossiers.checklist import typed_ticks
from states.errors import NotFound, RuleRefused
from states.rules.rulebooks import DocumentSpec, Rulebook
from states.vocabulary import DocumentStatus, FileStatus, State, label

# The dossier is in the producer's hands until the field inspection: files come and are
# checked then; afterwards the evidence is what was accepted.
OPEN_STATES = frozenset({State.REGISTERED, State.RENEWAL})


@dataclass(frozen=True)
class FileView:
    id: int
    dossier_id: int
    document_code: str
    version: int
    file_name: str
    content_type: str
    size_bytes: int
    sha256: str
    status: FileStatus
    status_label: str
    uploaded_by: str
    uploaded_at: datetime
    checked_by: str | None
    checked_at: datetime | None
    reason: str | None

    @classmethod
    def of(cls, row: DocumentFile) -> "FileView":
        status = FileStatus(row.status)
        return cls(row.id, row.dossier_id, row.document_code, row.version, row.file_name,
                   row.content_type, row.size_bytes, row.sha256, status, label(status),
                   row.uploaded_by, row.uploaded_at, row.checked_by, row.checked_at, row.reason)


@dataclass(frozen=True)
class DocumentFiles:
    code: str
    name: str
    required: bool
    physical: bool
    status: DocumentStatus
    status_label: str
    files: list[FileView]


def find_file(session: Session, file_id: int) -> DocumentFile:
    row = session.get(DocumentFile, file_id) if storable_id(file_id) else None
    if row is None:
        raise NotFound(f"Không có tệp số {file_id}.")
    return row


def files_of(session: Session, dossier: Dossier) -> list[DocumentFile]:
    return list(session.scalars(
        select(DocumentFile).where(DocumentFile.dossier_id == dossier.id,
                                   DocumentFile.cycle == dossier.cycle)
        .order_by(DocumentFile.document_code, DocumentFile.version)))


def stored_bytes(session: Session, dossier: Dossier) -> int:
    return int(session.scalar(
        select(func.coalesce(func.sum(DocumentFile.size_bytes), 0))
        .where(DocumentFile.dossier_id == dossier.id, DocumentFile.cycle == dossier.cycle)) or 0)


def _status(files: list[FileView], ticked: bool) -> DocumentStatus:
    statuses = {f.status for f in files}
    if FileStatus.ACCEPTED in statuses:
        return DocumentStatus.ACCEPTED
    if FileStatus.SUBMITTED in statuses:
        return DocumentStatus.SUBMITTED
    if FileStatus.REJECTED in statuses:
        return DocumentStatus.REJECTED
    return DocumentStatus.TICKED if ticked else DocumentStatus.MISSING


def document_files(session: Session, dossier: Dossier, rulebook: Rulebook) -> list[DocumentFiles]:
    """Every document of the checklist, in the rulebook's order, with its files."""
    rows = [FileView.of(r) for r in files_of(session, dossier)]
    ticks = typed_ticks(session, dossier.id, dossier.cycle)
    out = []
    for spec in rulebook.documents:
        files = [f for f in rows if f.document_code == spec.code]
        status = _status(files, spec.code in ticks)
        out.append(DocumentFiles(spec.code, spec.name, spec.required, spec.physical, status,
                                 label(status), files))
    return out


def unaccepted_required(session: Session, dossier: Dossier,
                        rulebook: Rulebook) -> list[DocumentSpec]:
    """A dossier of files: the required documents without an accepted file (the physical ones:
    not received). A paper dossier: none, its ticks go on as before."""
    if dossier.paper_originals:
        return []
    statuses = {d.code: d.status for d in document_files(session, dossier, rulebook)}
    return [spec for spec in rulebook.documents if spec.required
            and statuses[spec.code] != (DocumentStatus.TICKED if spec.physical
                                        else DocumentStatus.ACCEPTED)]


def still_open(dossier: Dossier) -> None:
    """Files are uploaded and checked only while the dossier is in the producer's hands."""
    if dossier.state not in OPEN_STATES:
        raise RuleRefused(
            f"Hồ sơ số {dossier.id} đã qua bước tiếp nhận ({label(State(dossier.state))}): "
            "không nộp hay kiểm tra tệp được nữa.")
