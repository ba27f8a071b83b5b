"""A council's package (issue 25, step 6): the dossier's accepted files by document for the
scoring screen, one file opened in the browser, the whole dossier as one streamed .zip with its
index. Who may read: states/evaluation/package_readers.py. Each read leaves one row in the
dossier's history under the reader's name, written before the first byte goes out (a read that
cannot start, a file missing from the store, leaves none)."""

from collections.abc import Iterator
from dataclasses import dataclass

from states.documents.files import FileView
from states.documents.store import FileDesk
from states.errors import NotFound, RuleRefused
from states.evaluation.package_readers import package_reader, record_reading
from states.runtime import Runtime
from states.vocabulary import Action
from use_cases.document_files import check_stored
from use_cases.dossier_package import accepted_entries, package_chunks, package_name


@dataclass(frozen=True)
class ReadDocument:
    code: str
    name: str
    files: list[FileView]


@dataclass(frozen=True)
class CouncilFiles:
    council_id: int
    dossier_id: int
    paper_originals: bool
    documents: list[ReadDocument]  # those with an accepted file, in the checklist's order


@dataclass(frozen=True)
class Package:
    file_name: str
    files: int
    chunks: Iterator[bytes]


def council_files(rt: Runtime, actor: str, council_id: int, dossier_id: int) -> CouncilFiles:
    """What the member may open (a list is no read: not audited)."""
    with rt.transaction() as session:
        _, _, dossier = package_reader(session, actor, council_id, dossier_id)
        documents: dict[str, ReadDocument] = {}
        for _, code, name, view in accepted_entries(rt, session, dossier):
            documents.setdefault(code, ReadDocument(code, name, [])).files.append(view)
        return CouncilFiles(council_id, dossier.id, dossier.paper_originals,
                            list(documents.values()))


def open_council_file(rt: Runtime, desk: FileDesk, actor: str, council_id: int, dossier_id: int,
                      file_id: int) -> tuple[FileView, Iterator[bytes]]:
    """One accepted file of the dossier and its bytes in chunks; a file of another dossier, one
    not accepted (waiting, rejected, an older version's) or none: NotFound."""
    with rt.transaction() as session:
        _, council, dossier = package_reader(session, actor, council_id, dossier_id)
        found = next(((name, view) for _, _, name, view in accepted_entries(rt, session, dossier)
                      if view.id == file_id), None)
        if found is None:
            raise NotFound(f"Không có tệp số {file_id}.")
        name, view = found
        check_stored(desk, view)
        record_reading(rt, session, actor, council, dossier, Action.READ_FILE,
                       f"{name}: {view.file_name} (bản {view.version})",
                       {"file_id": view.id, "sha256": view.sha256})
    return view, desk.store.read(view.sha256)


def council_package(rt: Runtime, desk: FileDesk, actor: str, council_id: int,
                    dossier_id: int) -> Package:
    """The dossier's .zip, its chunks made as they are read (nothing is held or spooled); every
    object is checked before the first byte, so that the archive does not break off."""
    with rt.transaction() as session:
        _, council, dossier = package_reader(session, actor, council_id, dossier_id)
        entries = accepted_entries(rt, session, dossier)
        if not entries:
            raise RuleRefused(f"Hồ sơ số {dossier_id} chưa có tệp nào được chấp nhận.")
        for *_, view in entries:
            check_stored(desk, view)
        record_reading(rt, session, actor, council, dossier, Action.READ_PACKAGE,
                       f"Gói hồ sơ {package_name(dossier.id)}: {len(entries)} tệp, kèm mục lục",
                       {"file_ids": [view.id for *_, view in entries]})
    return Package(package_name(dossier_id), len(entries), package_chunks(desk, entries))
