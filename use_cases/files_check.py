"""`ocop files check`: every file row against the store. A row whose object is missing, or
whose object's bytes no longer hash to the row's SHA-256, is a problem; an object no row names
is listed too (an upload interrupted between the object and the commit)."""

import hashlib
from dataclasses import dataclass

from sqlalchemy import select

from states.db.models import DocumentFile
from states.documents.store import FileDesk
from states.permissions import authorize
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.vocabulary import Action, StoreProblem, label


@dataclass(frozen=True)
class StoreFinding:
    problem: StoreProblem
    problem_label: str
    sha256: str
    file_ids: tuple[int, ...]
    dossier_ids: tuple[int, ...]


@dataclass(frozen=True)
class StoreCheck:
    store: str
    rows: int
    objects: int
    findings: list[StoreFinding]

    @property
    def broken(self) -> list[StoreFinding]:
        """What a row points at but cannot be read as stored: the exit code's business."""
        return [f for f in self.findings if f.problem != StoreProblem.ORPHAN_OBJECT]


def _hash(desk: FileDesk, sha256: str) -> str:
    digest = hashlib.sha256()
    for chunk in desk.store.read(sha256):
        digest.update(chunk)
    return digest.hexdigest()


def check_store(rt: Runtime, desk: FileDesk, actor: str, *, rehash: bool = True) -> StoreCheck:
    with rt.transaction() as session:
        authorize(find_user(session, actor), Action.FILES_CHECK)
        rows = session.execute(select(DocumentFile.sha256, DocumentFile.id,
                                      DocumentFile.dossier_id).order_by(DocumentFile.id)).all()
    by_hash: dict[str, list[tuple[int, int]]] = {}
    for sha, file_id, dossier_id in rows:
        by_hash.setdefault(sha, []).append((file_id, dossier_id))
    objects = set(desk.store.names())
    findings = []
    for sha, owners in by_hash.items():
        problem = (StoreProblem.MISSING_OBJECT if sha not in objects
                   else StoreProblem.HASH_MISMATCH if rehash and _hash(desk, sha) != sha else None)
        if problem is not None:
            findings.append(StoreFinding(problem, label(problem), sha, tuple(f for f, _ in owners),
                                         tuple(sorted({d for _, d in owners}))))
    findings += [StoreFinding(StoreProblem.ORPHAN_OBJECT, label(StoreProblem.ORPHAN_OBJECT), sha, (), ())
                 for sha in sorted(objects - by_hash.keys())]
    return StoreCheck(desk.store.describe(), len(rows), len(objects), findings)
