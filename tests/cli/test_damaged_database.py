"""A damaged SQLite database is named, not dumped (issue 23): every corruption, for a read and a
write command and for `ocop doctor`, is one Vietnamese sentence naming the file, exit 7."""

import os
import shutil
import sqlite3
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


CORRUPTIONS: dict[str, tuple[Callable[[Path, bytes], None], str]] = {
    "cut short": (cut_short, "bị hỏng (bị cắt ngắn hoặc ghi đè)"),
    "zero length": (zero_length, "rỗng (0 byte)"),
    "header overwritten": (header_overwritten, "không phải cơ sở dữ liệu SQLite"),
    "random bytes": (random_bytes, "không phải cơ sở dữ liệu SQLite"),
    "a directory": (a_directory, "là một thư mục, không phải tệp cơ sở dữ liệu"),
}
COMMANDS = {
    "read": ["--as", "admin", "unit", "list"],
    "write": ["--as", "admin", "user", "add", "moi", "--role", "department"],
    "doctor": ["doctor"],
}


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("corruption", list(CORRUPTIONS))
def test_a_damaged_database_is_one_sentence_naming_the_file(
        sqlite_template: Path, tmp_path: Path, corruption: str, command: str) -> None:
    good = checkpointed(sqlite_template, tmp_path / "tot.db")
    path = tmp_path / "ocop.db"
    damage, why = CORRUPTIONS[corruption]
    damage(path, good)
    before = path.read_bytes() if path.is_file() else None
    result = runner.invoke(app, ["--db", f"sqlite:///{path}", *COMMANDS[command]])
    assert result.exit_code == 7, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert str(path) in result.stderr and why in result.stderr, result.stderr
    assert english_in(result.stderr) == [], result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    if corruption not in ("a directory", "zero length"):
        assert "khôi phục từ bản sao lưu gần nhất" in result.stderr
    if before is not None:
        assert path.read_bytes() == before  # nothing written to it


def test_doctor_says_a_sound_database_is_sound(sqlite_url: str) -> None:
    result = runner.invoke(app, ["--db", sqlite_url, "doctor"])
    assert result.exit_code == 0, result.output
    assert "đọc được trọn vẹn, không thấy hỏng" in result.stdout


def test_doctor_on_a_refused_postgresql_connection_is_one_sentence() -> None:
    result = runner.invoke(app, ["--db", "postgresql://127.0.0.1:9/ocop", "doctor"])
    assert result.exit_code == 7
    assert "Không kết nối được máy chủ cơ sở dữ liệu 127.0.0.1:9" in result.stderr
