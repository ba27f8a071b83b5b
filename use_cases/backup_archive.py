"""A backup as one tar archive: the database's dump, every stored object (objects/ab/cd/<sha256>,
never the uploads being received beside them), and last a manifest with each member's SHA-256
and size (and an object's content type, where the store keeps one); read back only once every
member matches it."""

import hashlib
import json
import tarfile
import time
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager as ContextManager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any, BinaryIO, Protocol

from states.errors import InvalidInput, NotFound
from storage.layout import stored_object

FORMAT = "ocop-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE_PREFIX = "database/ocop."
FILES_PREFIX = "files/"
CHUNK = 1024 * 1024


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class ObjectSource(Protocol):
    """Where a backup reads the document files from: a local directory (DirectoryObjects) or
    the S3 store's bucket (storage.s3_objects.BucketObjects: its object list, each object's
    streamed body)."""

    def names(self) -> Iterator[str]:
        """Every object's name, as a relative path with '/'."""
        ...

    def size(self, name: str) -> int: ...

    def open(self, name: str) -> ContextManager[Readable]:
        """The object's bytes; NotFound when it went since it was listed (an upload undone)."""
        ...

    def content_type(self, name: str) -> str | None:
        """The content type the store keeps for the object just opened, or None if it keeps
        none (a directory)."""
        ...

    def describe(self) -> str: ...


class ObjectTarget(Protocol):
    """Where a restore puts the document files when they are not a local directory: an empty
    S3 bucket (storage.s3_objects.BucketObjects)."""

    def first(self) -> str | None:
        """Any object already there (the target must be empty), or None."""
        ...

    def put(self, name: str, stream: IO[bytes], content_type: str | None) -> None:
        """One object; `content_type` as the backup recorded it (None: not recorded)."""
        ...

    def delete(self, names: Iterable[str]) -> None: ...

    def describe(self) -> str: ...


@dataclass(frozen=True)
class DirectoryObjects:
    """The local store's objects under `root` (OCOP_FILES_DIR): not its tmp/ folder, where
    uploads are received and may be half-written; none if absent."""

    root: Path

    def names(self) -> Iterator[str]:
        for path in sorted((self.root / "objects").glob("*/*/*")):
            name = path.relative_to(self.root).as_posix()
            if stored_object(name) and path.is_file() and not path.is_symlink():
                yield name

    def size(self, name: str) -> int:
        return (self.root / name).stat().st_size

    def open(self, name: str) -> BinaryIO:
        try:
            return (self.root / name).open("rb")
        except FileNotFoundError:  # a refused upload's temporary file, gone since listed
            raise NotFound(f"Tệp {name} không còn trong {self.describe()}.") from None

    def content_type(self, name: str) -> str | None:
        return None  # a file on disk has none; its rows in the database say it

    def describe(self) -> str:
        return f"thư mục {self.root}"


class _Hashing:
    """A reader that hashes what tar copies through it, so each file is read once."""

    def __init__(self, stream: Readable) -> None:
        self.stream, self.digest, self.size = stream, hashlib.sha256(), 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


def _add(tar: tarfile.TarFile, name: str, stream: Readable, size: int,
         members: dict[str, dict[str, Any]]) -> dict[str, Any]:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = size, 0o600, int(time.time())
    hashing = _Hashing(stream)
    tar.addfile(info, hashing)
    members[name] = {"sha256": hashing.digest.hexdigest(), "size": hashing.size}
    return members[name]


def write_archive(stream: BinaryIO, dump: Path, kind: str, objects: ObjectSource,
                  about: dict[str, Any]) -> dict[str, Any]:
    """Write the archive into `stream`; returns its manifest."""
    members: dict[str, dict[str, Any]] = {}
    with tarfile.open(fileobj=stream, mode="w|", format=tarfile.PAX_FORMAT) as tar:
        with dump.open("rb") as database:
            _add(tar, DATABASE_PREFIX + kind, database, dump.stat().st_size, members)
        for name in objects.names():
            try:
                opened = objects.open(name)
            except NotFound:
                continue  # removed since listed: an upload whose row never committed
            with opened as content:
                added = _add(tar, FILES_PREFIX + name, content, objects.size(name), members)
            content_type = objects.content_type(name)
            if content_type is not None:  # restored as it was, not guessed again from its bytes
                added["content_type"] = content_type
        manifest = {"format": FORMAT, "version": VERSION, **about, "database": kind,
                    "members": members}
        body = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mode = len(body), 0o600
        tar.addfile(info, _Hashing(_Bytes(body)))
    return manifest


class _Bytes:
    def __init__(self, body: bytes) -> None:
        self.body, self.at = body, 0

    def read(self, size: int = -1) -> bytes:
        end = len(self.body) if size < 0 else self.at + size
        data, self.at = self.body[self.at:end], min(end, len(self.body))
        return data


@dataclass
class CheckedArchive:
    """An archive whose every member matched its manifest (read with `member`)."""

    path: Path
    tar: tarfile.TarFile
    manifest: dict[str, Any]

    @property
    def kind(self) -> str:
        return str(self.manifest["database"])

    @property
    def files(self) -> list[str]:
        """The stored objects to restore: an archive of an earlier version may also hold the
        uploads that were being received (files/tmp/*.part); those are never put back."""
        return [name for name in self.manifest["members"]
                if name.startswith(FILES_PREFIX) and stored_object(name[len(FILES_PREFIX):])]

    def content_type(self, name: str) -> str | None:
        kind = self.manifest["members"][name].get("content_type")
        return kind if isinstance(kind, str) else None

    def member(self, name: str) -> IO[bytes]:
        found = self.tar.extractfile(name)
        assert found is not None  # checked to be a regular file
        return found

    def created(self) -> datetime:
        return datetime.fromisoformat(str(self.manifest["created_at"]))


def _damaged(path: Path, why: str) -> InvalidInput:
    return InvalidInput(f"Tệp {path} không dùng được để khôi phục: {why}; không có gì thay đổi.")


def _safe(name: str) -> bool:
    pure = PurePosixPath(name)
    return not pure.is_absolute() and ".." not in pure.parts and name == pure.as_posix()


def open_checked(path: Path) -> CheckedArchive:
    """The archive at `path`, once every member's hash and size match the manifest and the
    manifest lists every member; else one sentence (bad input), before anything is written."""
    try:
        tar = tarfile.open(path, mode="r:")  # noqa: SIM115  (closed by the caller, via CheckedArchive)
        infos = tar.getmembers()
    except FileNotFoundError:
        raise _damaged(path, "không có tệp này") from None
    except (tarfile.TarError, EOFError, OSError) as error:
        raise _damaged(path, f"không phải bản sao lưu tar còn nguyên ({error})") from None
    try:
        manifest = _manifest(path, tar, infos)
        for name, expected in manifest["members"].items():
            _verify(path, tar, name, expected)
    except BaseException:
        tar.close()
        raise
    return CheckedArchive(path, tar, manifest)


def _manifest(path: Path, tar: tarfile.TarFile, infos: list[tarfile.TarInfo]) -> dict[str, Any]:
    names = [info.name for info in infos]
    if len(set(names)) != len(names) or any(not i.isfile() or not _safe(i.name) for i in infos):
        raise _damaged(path, "có thành phần trùng tên, không phải tệp thường, hoặc đường dẫn ra "
                             "ngoài thư mục")
    if MANIFEST not in names:
        raise _damaged(path, f"thiếu {MANIFEST} (không phải bản sao lưu của ocop backup)")
    try:
        manifest = json.loads(tar.extractfile(MANIFEST).read())  # type: ignore[union-attr]
        members = manifest["members"]
        ok = (manifest["format"] == FORMAT and manifest["version"] == VERSION
              and isinstance(members, dict) and DATABASE_PREFIX + manifest["database"] in members)
    except (ValueError, KeyError, TypeError, tarfile.TarError, EOFError, OSError):
        ok = False
    if not ok:
        raise _damaged(path, f"{MANIFEST} không đọc được hoặc không đúng định dạng {FORMAT} "
                             f"phiên bản {VERSION}")
    listed, present = set(manifest["members"]), set(names) - {MANIFEST}
    if listed != present:
        odd = sorted(listed ^ present)[0]
        raise _damaged(path, f"danh sách trong {MANIFEST} không khớp các thành phần ({odd})")
    return dict(manifest)


def _verify(path: Path, tar: tarfile.TarFile, name: str, expected: dict[str, Any]) -> None:
    digest, size = hashlib.sha256(), 0
    try:
        stream = tar.extractfile(name)
        assert stream is not None
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    except (tarfile.TarError, EOFError, OSError) as error:
        raise _damaged(path, f"thành phần {name} bị cắt hoặc hỏng ({error})") from None
    if digest.hexdigest() != expected.get("sha256") or size != expected.get("size"):
        raise _damaged(path, f"thành phần {name} không khớp mã SHA-256 trong {MANIFEST} "
                             "(tệp đã bị sửa hoặc hỏng)")
