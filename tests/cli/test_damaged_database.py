"""A damaged SQLite database is named, not dumped (issue 23): every corruption, for a read and a
write command and for `ocop doctor`, is one Vietnamese sentence naming the file, exit 7."""

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ocop_cli.main import app
from tests.cli.test_cli_language import english_in

runner = CliRunner()


def checkpointed(template: Path, path: Path) -> bytes:
    """The template's bytes with its write-ahead log folded in (a copy of one file)."""
    shutil.copy(template, path)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("PRAGMA journal_mode=DELETE")
    connection.close()
    return path.read_bytes()


def cut_short(path: Path, good: bytes) -> None:
    path.write_bytes(good[: len(good) // 3])


def zero_length(path: Path, good: bytes) -> None:
    path.write_bytes(b"")


def header_overwritten(path: Path, good: bytes) -> None:
    path.write_bytes(b"\0" * 100 + good[100:])


def random_bytes(path: Path, good: bytes) -> None:
    path.write_bytes(os.urandom(len(good)))


def a_directory(path: Path, good: bytes) -> None:
    path.mkdir()


def immutable(path: Path) -> Callable[[], None]:
    """Make `path` refuse writes, even to root (who ignores chmod): chattr +i where it works."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        return lambda: path.chmod(mode)
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
        pytest.skip("chattr +i does not work here: no way to make a file read-only for root")
    return lambda: subprocess.run(["chattr", "-i", str(path)], check=True)


def read_only_file(path: Path, good: bytes) -> Callable[[], None]:
    # A copy in rollback-journal mode, as a restored backup is: switching it to WAL is a write.
    path.write_bytes(good)
    return immutable(path)


def read_only_folder(path: Path, good: bytes) -> Callable[[], None]:
    # Without its -wal and -shm beside it, a WAL database in a folder that refuses writes
    # cannot even be read.
    path.write_bytes(good)
    return immutable(path.parent)


def locked(path: Path, good: bytes) -> Callable[[], None]:
    """Another program holds the file's lock past the busy timeout: a writer in exclusive
    locking mode (a backup, a stuck process), so that neither reads nor writes get in."""
    path.write_bytes(good)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE users SET name = name")
    return holder.close


Damage = Callable[[Path, bytes], Callable[[], None] | None]
CORRUPTIONS: dict[str, tuple[Damage, str]] = {
    "cut short": (cut_short, "bị hỏng (bị cắt ngắn hoặc ghi đè)"),
    "zero length": (zero_length, "rỗng (0 byte)"),
    "header overwritten": (header_overwritten, "không phải cơ sở dữ liệu SQLite"),
    "random bytes": (random_bytes, "không phải cơ sở dữ liệu SQLite"),
    "a directory": (a_directory, "là một thư mục, không phải tệp cơ sở dữ liệu"),
    "read-only file": (read_only_file, "chỉ đọc, không ghi được"),
    "read-only folder": (read_only_folder, "chỉ đọc, không ghi được"),
    "locked past the busy timeout": (locked, "bị một chương trình khác giữ khoá quá 10 giây"),
}
# Nothing damaged: restoring a backup would not help, so the sentence does not advise it.
NOT_RESTORED = {"a directory", "zero length", "read-only file", "read-only folder",
                "locked past the busy timeout"}
COMMANDS = {
    "read": ["--as", "admin", "unit", "list"],
    "write": ["--as", "admin", "user", "add", "moi", "--role", "department"],
    "doctor": ["doctor"],
}


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("corruption", list(CORRUPTIONS))
def test_a_damaged_database_is_one_sentence_naming_the_file(
        sqlite_template: Path, tmp_path: Path, corruption: str, command: str,
        request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    good = checkpointed(sqlite_template, tmp_path / "tot.db")
    path = tmp_path / "db" / "ocop.db"
    path.parent.mkdir()
    monkeypatch.setattr("states.db.database.BUSY_TIMEOUT_MS", 200)  # the wait, not its length
    damage, why = CORRUPTIONS[corruption]
    undo = damage(path, good)
    if undo is not None:
        request.addfinalizer(undo)
    before = path.read_bytes() if path.is_file() else None
    result = runner.invoke(app, ["--db", f"sqlite:///{path}", *COMMANDS[command]])
    assert result.exit_code == 7, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert str(path) in result.stderr and why in result.stderr, result.stderr
    assert english_in(result.stderr) == [], result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    if corruption not in NOT_RESTORED:
        assert "khôi phục từ bản sao lưu gần nhất" in result.stderr
    if before is not None:
        assert path.read_bytes() == before  # nothing written to it
    if undo is not None and command == "write":
        undo()
        assert no_user_named(path, "moi")


def no_user_named(path: Path, name: str) -> bool:
    connection = sqlite3.connect(path)
    found = connection.execute("SELECT count(*) FROM users WHERE name = ?", (name,)).fetchone()
    connection.close()
    return found == (0,)


def test_doctor_says_a_sound_database_is_sound(sqlite_url: str) -> None:
    result = runner.invoke(app, ["--db", sqlite_url, "doctor"])
    assert result.exit_code == 0, result.output
    assert "đọc được trọn vẹn, không thấy hỏng" in result.stdout


def test_doctor_on_a_refused_postgresql_connection_is_one_sentence() -> None:
    result = runner.invoke(app, ["--db", "postgresql://127.0.0.1:9/ocop", "doctor"])
    assert result.exit_code == 7
    assert "Không kết nối được máy chủ cơ sở dữ liệu 127.0.0.1:9" in result.stderr


def refused(url: str) -> tuple[str, str]:
    return "postgresql://postgres@127.0.0.1:9/ocop", "Không kết nối được máy chủ cơ sở dữ liệu"


def missing_database(url: str) -> tuple[str, str]:
    return (url.rsplit("/", 1)[0] + "/khong_co_csdl_nay",
            "Cơ sở dữ liệu 'khong_co_csdl_nay' không có trên máy chủ")


def missing_schema(url: str) -> tuple[str, str]:
    # The address names a schema that holds nothing of ours (here: none at all).
    return url + "?options=-csearch_path%3Dkhong_co_luoc_do", "chưa được khởi tạo"


POSTGRES_PROBLEMS: dict[str, Callable[[str], tuple[str, str]]] = {
    "refuses connections": refused,
    "missing database": missing_database,
    "missing schema": missing_schema,
}


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("problem", list(POSTGRES_PROBLEMS))
def test_a_postgresql_database_that_cannot_serve_is_one_sentence(
        pg_database: str, problem: str, command: str) -> None:
    url, why = POSTGRES_PROBLEMS[problem](pg_database)
    result = runner.invoke(app, ["--db", url, *COMMANDS[command]])
    assert result.exit_code == 7, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert why in result.stderr + result.stdout, result.output
    assert english_in(result.output.replace(url, "")) == [], result.output  # the address aside
    shown = [line for line in result.output.splitlines() if line.strip()]
    # doctor: its one finding, then its one-line verdict
    assert len(shown) == (2 if command == "doctor" and problem == "missing schema" else 1), shown
    assert "127.0.0.1" in result.output


def test_doctor_says_a_sound_postgresql_database_is_sound(pg_url: str) -> None:
    result = runner.invoke(app, ["--db", pg_url, "doctor"])
    assert result.exit_code == 0, result.output
    assert "đọc được trọn vẹn, không thấy hỏng" in result.stdout
    assert pg_url.rsplit("/", 1)[1] in result.stdout
    result = runner.invoke(app, ["--db", pg_url, "--json", "doctor"])
    assert result.exit_code == 0 and '"problems": []' in result.stdout, result.stdout


def test_doctor_names_a_read_only_file_that_still_reads(
        sqlite_url: str, request: pytest.FixtureRequest) -> None:
    # Already in WAL mode, with its folder writable: reads work, every write would be refused.
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    request.addfinalizer(immutable(path))
    assert runner.invoke(app, ["--db", sqlite_url, "--as", "admin", "unit", "list"]).exit_code == 0
    result = runner.invoke(app, ["--db", sqlite_url, "doctor"])
    assert result.exit_code == 7, result.output
    assert f"Tệp {path} chỉ đọc: đọc được nhưng mọi lệnh ghi sẽ bị từ chối" in result.stdout
