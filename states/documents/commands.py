"""The commands on a dossier's files, one transaction and one audit row each: record an
upload (its object already received), accept or reject a file, keep a dossier on paper."""

from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from states.db.models import DocumentFile, DocumentReceipt, Dossier, User
from states.documents.files import FileView, find_file, still_open, stored_bytes
from states.documents.kinds import checked_file_name
from states.documents.store import FileLimits, FileTooLarge, Received, megabytes
from states.dossiers.history import record_events
from states.dossiers.sheet import load_dossier
from states.errors import InvalidInput, RuleRefused
from states.permissions import authorize, sees_dossier
from states.rules.rulebooks import Rulebook, RuleRegistry
from states.runtime import Runtime
from states.territory.lookups import dossier_not_found, find_user
from states.typed_text import typed_text
from states.vocabulary import Action, FileStatus, Role


def dossier_for(session: Session, actor: str, dossier_id: int,
                action: Action | None) -> tuple[User, Dossier]:
    """The dossier, for someone who may see it ("no such dossier" otherwise, another
    producer's too) and do `action` (None: only see it)."""
    dossier = load_dossier(session, dossier_id)
    user = find_user(session, actor)
    if not sees_dossier(user, dossier.unit_id, dossier.product.producer_id):
        raise dossier_not_found(dossier_id)
    if action is not None:
        # A producer's reach is its producer (above), not a unit: the product may have moved.
        authorize(user, action, None if user.role == Role.PRODUCER else dossier.unit_id)
    return user, dossier


def rulebook_of(rules: RuleRegistry, dossier: Dossier) -> Rulebook:
    return rules.get(dossier.round.rulebook_code)


def upload_allowance(session: Session, dossier: Dossier, limits: FileLimits) -> int:
    """How many bytes the next file may hold: the file limit, or what the dossier has left."""
    left = limits.max_dossier_bytes - stored_bytes(session, dossier)
    if left <= 0:
        raise FileTooLarge(f"Hồ sơ số {dossier.id} đã dùng hết dung lượng "
                           f"{megabytes(limits.max_dossier_bytes)} cho tệp: không lưu thêm được.")
    return min(limits.max_file_bytes, left)


def check_upload(rt: Runtime, session: Session, actor: str, dossier_id: int, document: str,
                 file_name: str, limits: FileLimits) -> int:
    """Everything an upload needs before a byte is read; the bytes it may take."""
    _, dossier = dossier_for(session, actor, dossier_id, Action.UPLOAD_FILE)
    spec = rulebook_of(rt.rules, dossier).document(document)
    checked_file_name(file_name)
    still_open(dossier)
    if spec.physical:
        raise RuleRefused(f"'{spec.name}' được nộp trực tiếp cho cán bộ, không nộp bằng tệp.")
    return upload_allowance(session, dossier, limits)


def _event(rt: Runtime, dossier: Dossier, actor: str, trigger: Action, note: str | None,
           details: dict[str, Any]) -> dict[str, Any]:
    return {"dossier_id": dossier.id, "from_state": dossier.state, "to_state": dossier.state,
            "trigger": trigger, "actor": actor, "at": rt.clock.now(), "note": note,
            "details": details, "unit_id": dossier.unit_id}


def record_upload(rt: Runtime, session: Session, actor: str, dossier_id: int, document: str,
                  file_name: str, received: Received, limits: FileLimits) -> FileView:
    """The row of a file whose object was received; checked again, as things may have moved
    while the bytes came."""
    name = checked_file_name(file_name)
    allowance = check_upload(rt, session, actor, dossier_id, document, name, limits)
    if received.size > allowance:
        raise FileTooLarge(f"Tệp '{name}' vượt dung lượng còn lại của hồ sơ: không có gì được lưu.")
    dossier = load_dossier(session, dossier_id)
    version = 1 + int(session.scalar(
        select(func.coalesce(func.max(DocumentFile.version), 0)).where(
            DocumentFile.dossier_id == dossier.id, DocumentFile.cycle == dossier.cycle,
            DocumentFile.document_code == document)) or 0)
    row = DocumentFile(dossier_id=dossier.id, cycle=dossier.cycle, document_code=document,
                       version=version, file_name=name, content_type=received.content_type,
                       size_bytes=received.size, sha256=received.sha256,
                       status=FileStatus.SUBMITTED, uploaded_by=actor, uploaded_at=rt.clock.now())
    session.add(row)
    session.flush()  # the unique version: a concurrent upload of the same document fails here
    record_events(session, [_event(rt, dossier, actor, Action.UPLOAD_FILE, None, {
        "file_id": row.id, "document": document, "version": version, "file_name": name,
        "sha256": received.sha256, "size": received.size})])
    return FileView.of(row)


def check_file(rt: Runtime, session: Session, actor: str, file_id: int, *, accept: bool,
               reason: str | None = None) -> FileView:
    """The officer's verdict on one submitted file: accepted, or rejected with a reason."""
    row = find_file(session, file_id)
    _, dossier = dossier_for(session, actor, row.dossier_id, Action.CHECK_FILE)
    if not accept:
        if reason is None or not reason.strip():
            raise InvalidInput("Cần ghi lý do từ chối tệp.", fields=("reason",))
        reason = typed_text(reason, "Lý do từ chối", lines=True)
    still_open(dossier)
    # The conditional update is the only check: a file checked before matches nothing, and of
    # two officers checking it at once the second's update waits for the first's commit, then
    # matches nothing too.
    checked = session.execute(
        update(DocumentFile).where(DocumentFile.id == row.id,
                                   DocumentFile.status == FileStatus.SUBMITTED)
        .values(status=FileStatus.ACCEPTED if accept else FileStatus.REJECTED, checked_by=actor,
                checked_at=rt.clock.now(), reason=reason)
        .execution_options(synchronize_session=False))
    session.refresh(row)  # what the database holds now: the verdict, or the winner's
    if getattr(checked, "rowcount", 0) != 1:
        raise RuleRefused(f"Tệp số {row.id} đã được kiểm tra ({FileView.of(row).status_label}); "
                          "hãy nộp bản mới nếu cần.")
    record_events(session, [_event(rt, dossier, actor, Action.CHECK_FILE, reason, {
        "file_id": row.id, "document": row.document_code, "version": row.version,
        "status": row.status})])
    return FileView.of(row)


def mark_paper_originals(rt: Runtime, session: Session, actor: str, dossier_id: int,
                         paper: bool) -> list[str]:
    """Keep the dossier on paper (typed ticks), or make its files the evidence: then the ticks
    of every document but the physical ones go (the history lists them). The ticks removed."""
    _, dossier = dossier_for(session, actor, dossier_id, Action.PAPER_ORIGINALS)
    if dossier.paper_originals == paper:
        return []
    removed: list[str] = []
    if not paper:
        rulebook = rulebook_of(rt.rules, dossier)
        removed = sorted(code for code in session.scalars(
            select(DocumentReceipt.code).where(DocumentReceipt.dossier_id == dossier.id,
                                               DocumentReceipt.cycle == dossier.cycle))
            if not rulebook.document(code).physical)
        session.execute(delete(DocumentReceipt).where(
            DocumentReceipt.dossier_id == dossier.id, DocumentReceipt.cycle == dossier.cycle,
            DocumentReceipt.code.in_(removed)))
    dossier.paper_originals = paper
    record_events(session, [_event(rt, dossier, actor, Action.PAPER_ORIGINALS, None, {
        "paper_originals": paper, "removed_ticks": removed})])
    return removed


def refuse_typed_ticks(dossier: Dossier, rulebook: Rulebook, codes: list[str]) -> None:
    """A dossier of files is ticked by accepting its files; only paper and samples by hand."""
    if dossier.paper_originals:
        return
    typed = [rulebook.document(c).name for c in codes if not rulebook.document(c).physical]
    if typed:
        raise RuleRefused(
            f"Hồ sơ số {dossier.id} nộp bằng tệp: {', '.join(typed)} được đánh dấu khi cán bộ "
            "chấp nhận tệp; chỉ hồ sơ bản giấy mới đánh dấu tay ('ocop files paper').")
