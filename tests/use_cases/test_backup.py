"""`ocop backup` then `ocop restore` into an empty place gives back every row of every table and
every file, on SQLite and PostgreSQL; a damaged or altered archive, a target that is not empty
and an --out that cannot be written are one sentence, their exit code, and nothing changed."""

import hashlib
import io
import os
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine, MetaData, select

from states.db.dumps import dump_database, tool_present
from states.errors import InvalidInput, RuleRefused
from states.runtime import Runtime
from tests.builders import advance, register
from tests.cli.actors import invoke
from tests.conftest import PG_ADMIN_URL, make_runtime
from use_cases.backup import backup, restore
from use_cases.backup_archive import DirectoryObjects, write_archive


def stored(content: bytes) -> str:
    sha256 = hashlib.sha256(content).hexdigest()
    return f"objects/{sha256[:2]}/{sha256[2:4]}/{sha256}"


TEXT = "Tệp hồ sơ\n".encode()
FILES = {stored(c): c for c in (b"%PDF-1.7\n" + os.urandom(200_000), os.urandom(999), TEXT)}
# Beside the objects in the store's folder, never in a backup: an upload being received (half
# written) and a file that is not an object.
NOT_OBJECTS = {"tmp/upload-k3j4.part": b"%PDF-1.7\n" + os.urandom(5_000),
               "objects/ab/cd/notes.txt": b"not an object"}


def every_row(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every table the database holds (alembic_version too), each row, in a stable order."""
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        return {table.name: sorted((tuple(row) for row in connection.execute(select(table))),
                                   key=repr)
                for table in metadata.sorted_tables}


def every_file(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def filled(rt: Runtime, files_dir: Path) -> Runtime:
    advance(rt, register(rt), "certified")
    register(rt, unit="Huyện Yên Thế", name="Gà đồi", producer="HTX Gà đồi")
    for name, content in {**FILES, **NOT_OBJECTS}.items():
        (files_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (files_dir / name).write_bytes(content)
    return rt


@pytest.fixture
def empty_pg() -> Iterator[str]:
    if not tool_present("pg_dump") or not tool_present("pg_restore"):
        pytest.skip("pg_dump / pg_restore are not installed")
    name = f"ocop_products_restore_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def round_trip(source_url: str, target_url: str, tmp_path: Path) -> None:
    files, restored_files = tmp_path / "files", tmp_path / "restored-files"
    files.mkdir()
    source = filled(make_runtime(source_url), files)
    done = backup(source, tmp_path / "b.tar", files)
    assert done.files == len(FILES) and done.path.stat().st_size == done.size
    target = make_runtime(target_url)
    restored = restore(target, tmp_path / "b.tar", restored_files)
    assert restored.files == len(FILES)
    with tarfile.open(done.path) as tar:  # the objects only: not tmp/, nor a stray file
        assert {n for n in tar.getnames() if n.startswith("files/")} == {f"files/{n}" for n in FILES}
    assert every_row(target.db.engine) == every_row(source.db.engine)
    assert every_file(restored_files) == FILES
    # The restored database goes on: its sequences continue where the source's stopped.
    assert register(target, name="Mật ong", producer="HTX Mật ong") == 3
    source.db.dispose()
    target.db.dispose()


def test_a_sqlite_backup_restores_every_row_and_file(sqlite_url: str, tmp_path: Path) -> None:
    round_trip(sqlite_url, f"sqlite:///{tmp_path / 'restored.db'}", tmp_path)


def test_a_postgresql_backup_restores_every_row_and_file(pg_url: str, empty_pg: str,
                                                         tmp_path: Path) -> None:
    round_trip(pg_url, empty_pg, tmp_path)


@pytest.fixture
def archive(sqlite_url: str, tmp_path: Path) -> Path:
    files = tmp_path / "files"
    files.mkdir()
    rt = filled(make_runtime(sqlite_url), files)
    backup(rt, tmp_path / "b.tar", files)
    rt.db.dispose()
    return tmp_path / "b.tar"


def altered(archive: Path, target: Path) -> Path:
    """The same archive, one file's bytes changed (same size), the manifest left as it was."""
    with tarfile.open(archive) as old, tarfile.open(target, "w") as new:
        for info in old.getmembers():
            content = old.extractfile(info).read()  # type: ignore[union-attr]
            if info.name == f"files/{stored(TEXT)}":
                content = content.upper()
            new.addfile(info, io.BytesIO(content))
    return target


def nothing_restored(tmp_path: Path) -> bool:
    return (not (tmp_path / "new.db").exists() and not (tmp_path / "new-files").exists()
            and not list(tmp_path.glob(".ocop-restore-*")))


@pytest.mark.parametrize("damage", ["truncated", "not a tar", "altered"])
def test_a_damaged_or_altered_archive_writes_nothing(archive: Path, tmp_path: Path,
                                                     damage: str) -> None:
    bad = tmp_path / "bad.tar"
    if damage == "truncated":
        bad.write_bytes(archive.read_bytes()[:300_000])
    elif damage == "not a tar":
        bad.write_bytes(b"PK\x03\x04" + os.urandom(5000))
    else:
        altered(archive, bad)
    target = make_runtime(f"sqlite:///{tmp_path / 'new.db'}")
    with pytest.raises(InvalidInput) as refused:
        restore(target, bad, tmp_path / "new-files")
    assert refused.value.message.startswith(f"Tệp {bad} không dùng được để khôi phục: ")
    assert refused.value.message.endswith("; không có gì thay đổi.")
    if damage == "altered":
        assert f"files/{stored(TEXT)} không khớp mã SHA-256" in refused.value.message
    assert nothing_restored(tmp_path)


def test_a_target_that_is_not_empty_is_refused(archive: Path, sqlite_url: str,
                                               tmp_path: Path) -> None:
    occupied = make_runtime(sqlite_url)
    before = every_row(occupied.db.engine)
    with pytest.raises(RuleRefused, match=r"đã có [0-9]+ bảng"):
        restore(occupied, archive, tmp_path / "new-files")
    assert every_row(occupied.db.engine) == before and nothing_restored(tmp_path)
    (tmp_path / "new-files").mkdir()
    (tmp_path / "new-files" / "x").write_text("x")
    with pytest.raises(RuleRefused, match="không trống"):
        restore(make_runtime(f"sqlite:///{tmp_path / 'new.db'}"), archive, tmp_path / "new-files")
    assert not (tmp_path / "new.db").exists()


def test_the_cli_exit_codes(archive: Path, sqlite_url: str, tmp_path: Path,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OCOP_FILES_DIR", str(tmp_path / "new-files"))
    unwritable = invoke(sqlite_url, "backup", "--out", str(tmp_path / "no-such" / "b.tar"))
    assert unwritable.exit_code == 2 and "thư mục" in unwritable.output
    assert not (tmp_path / "no-such").exists()
    again = invoke(sqlite_url, "backup", "--out", str(archive))
    assert again.exit_code == 2 and "không ghi đè" in again.output
    assert invoke(sqlite_url, "restore", str(archive)).exit_code == 3
    damaged = tmp_path / "damaged.tar"
    damaged.write_bytes(archive.read_bytes()[:1000])
    new_db = f"sqlite:///{tmp_path / 'new.db'}"
    refused = invoke(new_db, "restore", str(damaged))
    assert refused.exit_code == 2 and "Traceback" not in refused.output and nothing_restored(tmp_path)
    done = invoke(new_db, "restore", str(archive))
    assert done.exit_code == 0, done.output
    assert every_file(tmp_path / "new-files") == FILES
    assert invoke(new_db, "--as", "admin", "doctor").exit_code == 0


class EveryFile(DirectoryObjects):
    """What an earlier version archived: every file of the folder, the uploads under tmp/ too."""

    def names(self) -> Iterator[str]:
        return (p.relative_to(self.root).as_posix() for p in sorted(self.root.rglob("*"))
                if p.is_file())


def test_an_archive_holding_unfinished_uploads_restores_only_the_objects(
        sqlite_url: str, tmp_path: Path) -> None:
    files = tmp_path / "files"
    files.mkdir()
    rt = filled(make_runtime(sqlite_url), files)
    database = tmp_path / "dump"
    with (tmp_path / "old.tar").open("wb") as out:
        manifest = write_archive(out, database, dump_database(rt.db.engine, database), EveryFile(files),
                                 {"created_at": "2026-03-02T01:30:00+07:00", "files_source": "x"})
    assert "files/tmp/upload-k3j4.part" in manifest["members"]
    target = make_runtime(f"sqlite:///{tmp_path / 'new.db'}")
    done = restore(target, tmp_path / "old.tar", tmp_path / "new-files")
    assert done.files == len(FILES) and every_file(tmp_path / "new-files") == FILES
    assert not (tmp_path / "new-files" / "tmp").exists()
    rt.db.dispose()
    target.db.dispose()


def test_without_pg_dump_one_sentence_says_where_it_was_looked_for(
        pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from states.db import dumps
    from states.errors import ConfigurationError

    monkeypatch.setattr(dumps, "TOOL_DIRS", (str(tmp_path),))
    rt = make_runtime(pg_url)
    with pytest.raises(ConfigurationError) as missing:
        backup(rt, tmp_path / "b.tar", tmp_path / "files")
    assert missing.value.message.startswith("Không tìm thấy chương trình pg_dump (đã tìm trong "
                                            "/usr/bin và /usr/lib/postgresql/*/bin)")
    assert list(tmp_path.iterdir()) == []  # no archive, no scratch folder
    rt.db.dispose()


def test_a_folder_that_refuses_the_scratch_copy_is_one_sentence(sqlite_url: str,
                                                                 tmp_path: Path) -> None:
    # /proc passes the access check for root, yet no file can be made there.
    rt = make_runtime(sqlite_url)
    with pytest.raises(InvalidInput) as refused:
        backup(rt, Path("/proc/ocop.tar"), tmp_path / "files")
    assert refused.value.message.startswith("Không ghi được ")
    assert refused.value.message.endswith("không có gì thay đổi.") or "chạy lại" in refused.value.message
    rt.db.dispose()
