"""A dossier's document files: upload one (streamed, checked, stored, then its row), list them
by document, the officer's accept / reject (a rejection mails the producer), paper originals,
and reading a file back."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from notices.file_rejections import queue_rejection_letter
from states.documents.commands import (
    check_file,
    check_upload,
    dossier_for,
    mark_paper_originals,
    record_upload,
    rulebook_of,
)
from states.documents.files import OPEN_STATES, DocumentFiles, FileView, document_files, find_file
from states.documents.kinds import checked_file_name
from states.documents.store import FileDesk, Received
from states.errors import InvalidInput, NotFound
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.vocabulary import FileStatus, State


def upload_file(rt: Runtime, desk: FileDesk, actor: str, dossier_id: int, document: str,
                file_name: str, chunks: Iterable[bytes]) -> FileView:
    """Store one file of `document` (a code of the dossier's checklist) for `actor`.

    `chunks` is read once, as it comes (a request body, a file on disk): never the whole file
    in memory. Everything that can be refused before a byte is read is; then the bytes are
    hashed into a temporary file, sniffed (PDF, JPEG, PNG) and measured against the limits; the
    row is written and the object made final in one transaction, so a failure anywhere leaves
    neither. Raises InvalidInput (FileTooLarge for a limit), RuleRefused, PermissionDenied,
    NotFound (another unit's dossier), Conflict; whatever `chunks` raises (a client that
    went away) passes through, with nothing left behind."""
    with rt.transaction() as session:
        limit = check_upload(rt, session, actor, dossier_id, document, file_name, desk.limits)
    name = checked_file_name(file_name)
    received = desk.store.receive(chunks, limit)
    try:
        if desk.scanner is not None:
            refused = desk.scanner(received.staged)
            if refused:
                raise InvalidInput(f"Tệp '{name}' bị từ chối: {refused}; không có gì được lưu.")
        return _keep(rt, desk, actor, dossier_id, document, name, received)
    finally:
        desk.store.discard(received)


def _keep(rt: Runtime, desk: FileDesk, actor: str, dossier_id: int, document: str, name: str,
          received: Received) -> FileView:
    created = False
    try:
        with rt.transaction() as session:
            view = record_upload(rt, session, actor, dossier_id, document, name, received,
                                 desk.limits)
            # Final before the commit: a store that fails leaves no row.
            created = desk.store.keep(received)
    except BaseException:
        # The row did not commit: an object this upload created goes too (one that was there
        # before belongs to another row).
        if created:
            desk.store.remove(received.sha256)
        raise
    return view


@dataclass(frozen=True)
class DossierFiles:
    dossier_id: int
    state: State
    paper_originals: bool
    open_for_files: bool
    documents: list[DocumentFiles]
    stored_bytes: int
    max_file_bytes: int
    max_dossier_bytes: int


def list_files(rt: Runtime, desk: FileDesk, actor: str, dossier_id: int) -> DossierFiles:
    with rt.transaction() as session:
        _, dossier = dossier_for(session, actor, dossier_id, None)
        documents = document_files(session, dossier, rulebook_of(rt.rules, dossier))
        return DossierFiles(
            dossier.id, State(dossier.state), dossier.paper_originals, dossier.state in OPEN_STATES,
            documents, sum(f.size_bytes for d in documents for f in d.files),
            desk.limits.max_file_bytes, desk.limits.max_dossier_bytes)


def accept_file(rt: Runtime, actor: str, file_id: int) -> FileView:
    with rt.transaction() as session:
        return check_file(rt, session, actor, file_id, accept=True)


def reject_file(rt: Runtime, actor: str, file_id: int, reason: str, *, site_url: str) -> FileView:
    """Reject with a reason; the producer is mailed it in the same transaction, with a link to
    its page of the dossier under `site_url` (the settings' public_url)."""
    with rt.transaction() as session:
        view = check_file(rt, session, actor, file_id, accept=False, reason=reason)
        queue_rejection_letter(rt, session, find_file(session, file_id), find_user(session, actor),
                               site_url)
        return view


def mark_paper(rt: Runtime, actor: str, dossier_id: int, paper: bool) -> list[str]:
    """Paper originals kept (typed ticks) or not (accepted files); the ticks that went."""
    with rt.transaction() as session:
        return mark_paper_originals(rt, session, actor, dossier_id, paper)


def open_file(rt: Runtime, desk: FileDesk, actor: str, file_id: int, *,
              accepted_only: bool = False) -> tuple[FileView, Iterator[bytes]]:
    """A file and its bytes in chunks, for whoever may see its dossier (`accepted_only`: the
    readers who see only what the officer accepted)."""
    with rt.transaction() as session:
        row = find_file(session, file_id)
        dossier_for(session, actor, row.dossier_id, None)
        view = FileView.of(row)
    if accepted_only and view.status != FileStatus.ACCEPTED:
        raise NotFound(f"Không có tệp số {file_id}.")
    check_stored(desk, view)
    return view, desk.store.read(view.sha256)


def check_stored(desk: FileDesk, view: FileView) -> None:
    """Said before the first byte is sent; `ocop files check` lists every such row."""
    if not desk.store.exists(view.sha256):
        raise NotFound(f"Tệp số {view.id} ({view.file_name}) không còn trong kho lưu trữ; hãy báo "
                       "quản trị hệ thống chạy 'ocop files check'.")
