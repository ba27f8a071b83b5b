"""`ocop backup` and `ocop restore`: the database and the document files in one archive with a
manifest of hashes (backup_archive.py), restored only into an empty database and folder."""

import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from states.clock import real_now
from states.db.dumps import dump_database, occupied_tables, restore_database
from states.errors import ConfigurationError, InvalidInput, RuleRefused
from states.runtime import Runtime
from states.vocabulary import LOCAL_TZ
from use_cases.backup_archive import (
    CHUNK,
    DATABASE_PREFIX,
    FILES_PREFIX,
    CheckedArchive,
    DirectoryObjects,
    ObjectSource,
    ObjectTarget,
    open_checked,
    write_archive,
)
from use_cases.output_files import checked_directory, checked_output, write_streamed

REGENERATE = "ocop backup --out TỆP"


@dataclass(frozen=True)
class BackupDone:
    path: Path
    database: str  # "sqlite" or "pgdump"
    files: int
    size: int  # bytes of the archive
    created_at: datetime


def backup_name(at: datetime) -> str:
    """The nightly backup's name, by the real time in Vietnam: ocop-sao-luu-2026-03-02-013000.tar."""
    return f"ocop-sao-luu-{at.astimezone(LOCAL_TZ):%Y-%m-%d-%H%M%S}.tar"


def backup(rt: Runtime, out: Path, files_dir: Path, objects: ObjectSource | None = None
           ) -> BackupDone:
    """Write the archive to `out` (never over an existing file): the database copied while it
    stays in use, then every file of `objects` (by default the directory `files_dir`)."""
    target = checked_output(out, replaces=False, regenerate=REGENERATE)
    source = objects or DirectoryObjects(files_dir)
    created = real_now()
    manifest: dict[str, Any] = {}
    try:
        with tempfile.TemporaryDirectory(dir=out.parent, prefix=".ocop-backup-") as scratch:
            dump = Path(scratch) / "database"
            kind = dump_database(rt.db.engine, dump)
            about: dict[str, Any] = {"created_at": created.isoformat(), "files_source":
                                     source.describe()}

            def write(stream: Any) -> None:
                manifest.update(write_archive(stream, dump, kind, source, about))

            write_streamed(target, write)
    except OSError as error:  # the scratch copy beside --out: a full or read-only disk
        raise InvalidInput(f"Không ghi được bản sao lưu {out} ({_os_error(error)}); chạy lại "
                           f"`{REGENERATE}` với một đường dẫn khác; không có gì thay đổi.") from None
    files = sum(1 for name in manifest["members"] if name.startswith(FILES_PREFIX))
    return BackupDone(out, kind, files, out.stat().st_size, created)


@dataclass(frozen=True)
class RestoreDone:
    database: str
    files: int
    created_at: datetime


def _refuse_occupied(rt: Runtime, files_dir: Path, bucket: ObjectTarget | None) -> None:
    tables = occupied_tables(rt.db.engine)
    if tables:
        raise RuleRefused(f"Không khôi phục: cơ sở dữ liệu đích đã có {tables} bảng; `ocop "
                          "restore` chỉ ghi vào một cơ sở dữ liệu trống (tệp SQLite chưa có, hoặc "
                          "cơ sở dữ liệu PostgreSQL mới tạo); không có gì thay đổi.")
    if bucket is not None:
        found = bucket.first()
        if found is not None:
            raise RuleRefused(f"Không khôi phục: {bucket.describe()} (OCOP_FILES_S3_BUCKET) đã có "
                              f"tệp ({found}); `ocop restore` chỉ ghi vào một bucket trống; không "
                              "có gì thay đổi.")
    elif files_dir.exists() and (not files_dir.is_dir() or any(files_dir.iterdir())):
        raise RuleRefused(f"Không khôi phục: thư mục tệp hồ sơ {files_dir} (OCOP_FILES_DIR) không "
                          "trống; `ocop restore` chỉ ghi vào một thư mục chưa có hoặc trống; "
                          "không có gì thay đổi.")
    checked_directory(files_dir.parent)


def restore(rt: Runtime, archive: Path, files_dir: Path, bucket: ObjectTarget | None = None
            ) -> RestoreDone:
    """Check the target is empty and every member of the archive matches its manifest, then
    write the files beside their folder (or into the empty `bucket`), load the database, and
    move the files into place."""
    _refuse_occupied(rt, files_dir, bucket)
    checked = open_checked(archive)
    try:
        if bucket is None:
            _write_restored(rt, checked, files_dir)
        else:
            _write_into_bucket(rt, checked, files_dir, bucket)
    except OSError as error:
        raise ConfigurationError(f"Không khôi phục được vào {files_dir.parent} "
                                 f"({_os_error(error)}); không có gì thay đổi.") from None
    finally:
        checked.tar.close()
    return RestoreDone(checked.kind, len(checked.files), checked.created())


def _os_error(error: OSError) -> str:
    return f"lỗi hệ điều hành, mã {error.errno}" + (f": {error.strerror}" if error.strerror else "")


def _write_restored(rt: Runtime, checked: CheckedArchive, files_dir: Path) -> None:
    """Files staged beside their folder, the database loaded, then the files moved into place:
    a failure before the last step leaves the target as it was."""
    with tempfile.TemporaryDirectory(dir=files_dir.parent, prefix=".ocop-restore-") as scratch:
        staged = Path(scratch) / "files"
        staged.mkdir()
        for name in checked.files:
            _extract(checked, name, staged / name[len(FILES_PREFIX):])
        dump = Path(scratch) / "database"
        _extract(checked, DATABASE_PREFIX + checked.kind, dump)
        restore_database(rt.db.engine, checked.kind, dump)
        if files_dir.exists():
            files_dir.rmdir()  # empty, checked above
        os.replace(staged, files_dir)


def _write_into_bucket(rt: Runtime, checked: CheckedArchive, files_dir: Path,
                       bucket: ObjectTarget) -> None:
    """The objects put into the empty bucket, then the database loaded: whatever fails before
    the end, the objects put so far are taken out again."""
    put: list[str] = []
    with tempfile.TemporaryDirectory(dir=files_dir.parent, prefix=".ocop-restore-") as scratch:
        dump = Path(scratch) / "database"
        _extract(checked, DATABASE_PREFIX + checked.kind, dump)
        try:
            for name in checked.files:
                key = name[len(FILES_PREFIX):]
                with checked.member(name) as stream:
                    put.append(key)
                    bucket.put(key, stream, checked.content_type(name))
            restore_database(rt.db.engine, checked.kind, dump)
        except BaseException:
            bucket.delete(put)
            raise


def _extract(checked: CheckedArchive, name: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with checked.member(name) as source, target.open("wb") as copy:
        shutil.copyfileobj(source, copy, CHUNK)


def nightly_backup(rt: Runtime, backup_dir: Path, files_dir: Path, keep: int,
                   objects: ObjectSource | None = None) -> dict[str, Any]:
    """The schedule's backup (of `objects`, by default the directory `files_dir`): a new archive
    in `backup_dir` (made if missing) named by the real time, then only the newest `keep` of its
    archives are kept."""
    try:
        backup_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigurationError(f"Không tạo được thư mục sao lưu {backup_dir} (OCOP_BACKUP_DIR; "
                                 f"{_os_error(error)}).") from None
    done = backup(rt, backup_dir / backup_name(real_now()), files_dir, objects)
    archives = sorted(backup_dir.glob("ocop-sao-luu-*.tar"))
    for old in archives[:max(len(archives) - keep, 0)]:
        old.unlink()
    return {"archive": str(done.path), "database": done.database, "files": done.files,
            "size": done.size, "kept": min(len(archives), keep)}
