"""The dossier as one .zip for its readers (issue 25): every accepted file, in the checklist's
order, and an index (muc-luc.csv) naming each with its SHA-256, so that what was read can be
proved later."""

import csv
import io
import zipfile
from typing import IO

from notices.sheet_cells import csv_field
from states.clock import format_local_datetime
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


def _accepted(rt: Runtime, actor: str, dossier_id: int) -> list[tuple[int, str, str, FileView]]:
    with rt.transaction() as session:
        _, dossier = dossier_for(session, actor, dossier_id, None)
        documents = document_files(session, dossier, rulebook_of(rt.rules, dossier))
    return [(n, d.code, d.name, f) for n, d in enumerate(documents, 1) for f in d.files
            if f.status == FileStatus.ACCEPTED]


def write_package(rt: Runtime, desk: FileDesk, actor: str, dossier_id: int,
                  target: IO[bytes]) -> int:
    """Write the .zip to `target` (a file: the archive is streamed, file by file); the number
    of files in it. A dossier without an accepted file has no package."""
    files = _accepted(rt, actor, dossier_id)
    if not files:
        raise RuleRefused(f"Hồ sơ số {dossier_id} chưa có tệp nào được chấp nhận.")
    index = io.StringIO()
    rows = csv.writer(index)
    rows.writerow(INDEX_HEADINGS)
    # PDFs and scans are compressed already: stored as they are, the zip costs no CPU.
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as archive:
        for number, (position, code, name, view) in enumerate(files, 1):
            inner = f"{position:02d}-{code}/v{view.version}-{view.id}-{view.file_name}"
            with archive.open(inner, "w", force_zip64=True) as out:
                for chunk in desk.store.read(view.sha256):
                    out.write(chunk)
            rows.writerow([csv_field(v) for v in (
                number, inner, code, name, view.version, view.file_name, view.content_type,
                view.size_bytes, view.sha256, view.uploaded_by,
                format_local_datetime(view.uploaded_at), view.checked_by or "",
                format_local_datetime(view.checked_at))])
        # UTF-8 with its mark, so Excel reads the Vietnamese.
        archive.writestr(INDEX_NAME, "\ufeff" + index.getvalue())
    return len(files)
