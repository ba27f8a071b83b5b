"""The default store: a local directory (OCOP_FILES_DIR), objects laid out by content hash
(objects/ab/cd/abcd…), received under tmp/ on the same file system and linked into place."""

import errno
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from states.documents.store import Received
from states.errors import ConfigurationError, NotFound
from storage.layout import object_key
from storage.staging import CHUNK_BYTES, stage

# Where link() cannot work (some network and FUSE file systems): an exclusive create instead.
NO_LINK = {errno.EPERM, errno.EXDEV, errno.ENOTSUP, errno.EMLINK}


def object_path(root: Path, sha256: str) -> Path:
    return root / object_key(sha256)


class LocalStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def describe(self) -> str:
        return f"thư mục {self.root}"

    def receive(self, chunks: Iterable[bytes], limit: int) -> Received:
        try:
            return stage(chunks, limit, self.root / "tmp")
        except PermissionError:
            raise ConfigurationError(f"Không ghi được vào kho tệp ({self.describe()}): hãy kiểm "
                                     "tra OCOP_FILES_DIR và quyền ghi.") from None

    def keep(self, received: Received) -> bool:
        final = object_path(self.root, received.sha256)
        final.parent.mkdir(parents=True, exist_ok=True)
        try:
            # link() never replaces: an object, once written, is never overwritten.
            os.link(received.staged, final)
        except FileExistsError:
            return False
        except OSError as error:
            if error.errno not in NO_LINK:
                raise
            return self._move_into_place(received.staged, final)
        _sync_folder(final.parent)
        return True

    @staticmethod
    def _move_into_place(staged: Path, final: Path) -> bool:
        """Where link() cannot work: the staged file (whole and synced) renamed into place, so a
        crash leaves either no object or a whole one, never half of one. Two uploads of the same
        bytes at once may both rename: the second replaces the object with the same bytes."""
        if final.exists():
            return False
        os.replace(staged, final)
        _sync_folder(final.parent)
        return True

    def discard(self, received: Received) -> None:
        received.staged.unlink(missing_ok=True)

    def remove(self, sha256: str) -> None:
        object_path(self.root, sha256).unlink(missing_ok=True)

    def exists(self, sha256: str) -> bool:
        return object_path(self.root, sha256).is_file()

    def read(self, sha256: str) -> Iterator[bytes]:
        try:
            source = object_path(self.root, sha256).open("rb")
        except FileNotFoundError:
            raise NotFound(f"Tệp {sha256[:12]}… không còn trong kho ({self.describe()}): hãy "
                           "chạy 'ocop files check'.") from None
        with source:
            while chunk := source.read(CHUNK_BYTES):
                yield chunk

    def names(self) -> Iterator[str]:
        for path in sorted((self.root / "objects").glob("*/*/*")):
            if path.is_file():
                yield path.name


def _sync_folder(folder: Path) -> None:
    """The new name survives a power cut once its folder is synced too."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
