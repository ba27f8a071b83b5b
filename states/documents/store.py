"""The storage port: what the use cases ask of a file store (a local directory, an
S3-compatible bucket: `storage/`), and the limits they apply."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from states.errors import InvalidInput

MEGABYTE = 1024 * 1024


class FileTooLarge(InvalidInput):
    """Over a size limit: bad input (exit 2); the web answers 413."""


def megabytes(size: int) -> str:
    """A size as people read it: "20 MB", "1,5 MB", "5 kB"."""
    if size < 1024:
        return f"{size} byte"
    if size < MEGABYTE:
        return f"{round(size / 1024)} kB"
    return f"{size / MEGABYTE:.1f}".rstrip("0").rstrip(".").replace(".", ",") + " MB"


@dataclass(frozen=True)
class FileLimits:
    max_file_bytes: int = 20 * MEGABYTE
    max_dossier_bytes: int = 300 * MEGABYTE


@dataclass(frozen=True)
class Received:
    """A file read to its end into a temporary place, its hash known; not yet kept."""

    staged: Path
    sha256: str
    size: int
    content_type: str


class FileStore(Protocol):
    """Objects named by their SHA-256: written once, never overwritten."""

    def receive(self, chunks: Iterable[bytes], limit: int) -> Received:
        """Stream `chunks` into a temporary file, hashing as it goes; refuse (InvalidInput)
        an empty file, a file over `limit` bytes or one that is not PDF/JPEG/PNG, leaving
        nothing behind."""
        ...

    def keep(self, received: Received) -> bool:
        """Make the object final under its hash; False when it was there already."""
        ...

    def discard(self, received: Received) -> None:
        """Remove the temporary file (kept or not)."""
        ...

    def remove(self, sha256: str) -> None:
        """Undo a `keep` whose row was never committed."""
        ...

    def exists(self, sha256: str) -> bool: ...

    def read(self, sha256: str) -> Iterator[bytes]:
        """The object in chunks (NotFound when missing)."""
        ...

    def names(self) -> Iterator[str]:
        """Every object's hash, for the consistency check."""
        ...

    def describe(self) -> str:
        """Where the store is, for people ("thư mục /srv/ocop/files")."""
        ...


class Scanner(Protocol):
    """The antivirus hook: None when the file may be kept, else the reason in Vietnamese."""

    def __call__(self, path: Path) -> str | None: ...


@dataclass(frozen=True)
class FileDesk:
    """What the composition root hands the file use cases: the store, the limits, and the
    antivirus hook (None: no scanner here, see the README)."""

    store: FileStore
    limits: FileLimits = FileLimits()
    scanner: Scanner | None = None
