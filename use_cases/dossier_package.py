"""The dossier as one .zip for its readers (issue 25): every accepted file, in the checklist's
order, and an index (muc-luc.csv) naming each with its SHA-256, so that what was read can be
proved later."""

import csv
import io
import zipfile
from collections.abc import Iterator
from typing import IO, cast

from sqlalchemy.orm import Session

from notices.sheet_cells import csv_field
from states.clock import format_local_datetime
from states.db.models import Dossier
from states.documents.commands import dossier_for, rulebook_of
from states.documents.files import FileView, document_files
from states.documents.store import FileDesk
from states.errors import RuleRefused
from states.runtime import Runtime
from states.vocabulary import FileStatus

INDEX_NAME = "muc-luc.csv"
INDEX_HEADINGS = ("STT", "Tệp trong gói", "Mã tài liệu", "Tài liệu", "Bản", "Tên tệp gốc",
                  "Loại", "Dung lượng (byte)", "SHA-256", "Người nộp", "Ngày nộp",
                  "Người chấp nhận", "Ngày chấp nhận")


def package_name(dossier_id: int) -> str:
    return f"ho-so-{dossier_id}.zip"


Entry = tuple[int, str, str, FileView]  # the checklist's position, the document's code and name


def accepted_entries(rt: Runtime, session: Session, dossier: Dossier) -> list[Entry]:
    """Every accepted file of the dossier, in the checklist's order (for a reader already
    allowed to see it)."""
    documents = document_files(session, dossier, rulebook_of(rt.rules, dossier))
    return [(n, d.code, d.name, f) for n, d in enumerate(documents, 1) for f in d.files
            if f.status == FileStatus.ACCEPTED]


def _accepted(rt: Runtime, actor: str, dossier_id: int) -> list[Entry]:
    with rt.transaction() as session:
        _, dossier = dossier_for(session, actor, dossier_id, None)
        return accepted_entries(rt, session, dossier)


class _Pipe:
    """Where zipfile writes: what it wrote is handed on, then forgotten. It cannot tell or
    seek, so zipfile writes each entry's sizes after its bytes (a data descriptor)."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self._parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        return None

    def take(self) -> bytes:
        out = b"".join(self._parts)
        self._parts.clear()
        return out


def package_chunks(desk: FileDesk, entries: list[Entry]) -> Iterator[bytes]:
    """The .zip of `entries` and its index, as it is written: one stored chunk at a time, never
    a whole file in memory (only the index, a line a file, waits for the end)."""
    pipe = _Pipe()
    index = io.StringIO()
    rows = csv.writer(index)
    rows.writerow(INDEX_HEADINGS)
    # PDFs and scans are compressed already: stored as they are, the zip costs no CPU.
    with zipfile.ZipFile(cast(IO[bytes], pipe), "w", zipfile.ZIP_STORED) as archive:
        for number, (position, code, name, view) in enumerate(entries, 1):
            inner = f"{position:02d}-{code}/v{view.version}-{view.id}-{view.file_name}"
            with archive.open(inner, "w", force_zip64=True) as out:
                for chunk in desk.store.read(view.sha256):
                    out.write(chunk)
                    yield pipe.take()
            rows.writerow([csv_field(v) for v in (
                number, inner, code, name, view.version, view.file_name, view.content_type,
                view.size_bytes, view.sha256, view.uploaded_by,
                format_local_datetime(view.uploaded_at), view.checked_by or "",
                format_local_datetime(view.checked_at))])
        # UTF-8 with its mark, so Excel reads the Vietnamese.
        archive.writestr(INDEX_NAME, "\ufeff" + index.getvalue())
    yield pipe.take()


def write_package(rt: Runtime, desk: FileDesk, actor: str, dossier_id: int,
                  target: IO[bytes]) -> int:
    """Write the .zip to `target` (a file: the archive is streamed, file by file); the number
    of files in it. A dossier without an accepted file has no package."""
    files = _accepted(rt, actor, dossier_id)
    if not files:
        raise RuleRefused(f"Hồ sơ số {dossier_id} chưa có tệp nào được chấp nhận.")
    for chunk in package_chunks(desk, files):
        target.write(chunk)
    return len(files)
