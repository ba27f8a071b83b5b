"""Messages from the libraries underneath (e-mail validation, settings, database drivers) reach
the officer as one Vietnamese sentence naming the setting or the value (issue 12)."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ocop_cli.main import app
from tests.cli.test_cli_language import english_in

runner = CliRunner()


def test_a_wrong_email_address_says_what_is_missing(sqlite_url: str) -> None:
    result = runner.invoke(app, ["--db", sqlite_url, "--as", "admin", "unit", "set-contacts",
                                 "Huyện Lục Ngạn", "ocop.lucngan.bacgiang.gov.vn"])
    assert result.exit_code == 2
    assert ("Địa chỉ email 'ocop.lucngan.bacgiang.gov.vn' không hợp lệ: thiếu dấu @"
            in result.stderr)
    assert english_in(result.stderr) == []


@pytest.mark.parametrize(("variable", "value", "sentence"), [
    ("OCOP_NOTIFIER", "smpt",
     "OCOP_NOTIFIER = 'smpt' không hợp lệ: chỉ nhận 'file', 'smtp' hoặc 'sendgrid'"),
    ("OCOP_SMTP_PORT", "abc", "OCOP_SMTP_PORT = 'abc' không hợp lệ: cần một số nguyên"),
])
def test_a_wrong_setting_is_named_with_its_value(sqlite_url: str, monkeypatch: pytest.MonkeyPatch,
                                                 variable: str, value: str, sentence: str) -> None:
    monkeypatch.setenv(variable, value)
    result = runner.invoke(app, ["--db", sqlite_url, "--as", "admin", "unit", "list"])
    assert result.exit_code == 7
    assert sentence in result.stderr
    assert english_in(result.stderr) == []


@pytest.mark.parametrize(("url", "sentence"), [
    ("postgresql://ocop:bí-mật@127.0.0.1:9/ocop",
     "Không kết nối được máy chủ cơ sở dữ liệu 127.0.0.1:9: máy chủ chưa chạy"),
    ("mysql://x/y", "'mysql://x/y' (--db / OCOP_DATABASE_URL) không dùng được"),
    ("sqlite:////khong/co/thu/muc/nay.db", "Không mở được tệp cơ sở dữ liệu SQLite"),
])
def test_a_database_that_cannot_be_reached_is_one_sentence(url: str, sentence: str) -> None:
    for call in (["init"], ["--as", "admin", "unit", "list"]):
        result = runner.invoke(app, ["--db", url, *call])
        assert result.exit_code == 7, result.output
        assert sentence in result.stderr
        assert "--db / OCOP_DATABASE_URL" in result.stderr
        assert "bí-mật" not in result.stderr
        assert english_in(result.stderr) == [], result.stderr


def test_unreadable_files_say_why_in_vietnamese(sqlite_url: str, tmp_path: Path) -> None:
    broken = tmp_path / "plan-2030.toml"
    broken.write_text("year = 2030\n[[rounds]\ncode = 1\n", encoding="utf-8")
    not_excel = tmp_path / "ke-hoach.xlsx"
    not_excel.write_text("không phải Excel", encoding="utf-8")
    for call, sentence in (
            (["plan", "load", str(broken)], "sai cú pháp TOML ở dòng 2"),
            (["plan", "load", str(tmp_path / "plan-2031.toml")], "không có tệp này"),
            (["plan", "import", str(not_excel)], "không phải tệp Excel (.xlsx) hợp lệ")):
        result = runner.invoke(app, ["--db", sqlite_url, "--as", "admin", *call])
        assert result.exit_code in (2, 7), result.output
        assert sentence in result.stderr
        assert english_in(result.stderr) == [], result.stderr


def test_the_password_prompt_speaks_vietnamese(sqlite_url: str) -> None:
    result = runner.invoke(app, ["--db", sqlite_url, "--as", "admin", "user", "add", "can-bo",
                                 "--role", "district", "--unit", "Huyện Lục Ngạn", "--prompt"],
                           input="mat-khau-dai-1\nmat-khau-khac-2\n")
    assert result.exit_code == 2
    assert "Nhập lại mật khẩu" in result.output
    assert "không khớp" in result.stderr
    assert english_in(result.output) == []
    aborted = runner.invoke(app, ["--db", sqlite_url, "--as", "admin", "user", "add", "can-bo",
                                  "--role", "district", "--unit", "Huyện Lục Ngạn", "--prompt"],
                            input="")
    assert aborted.exit_code == 1
    assert "Đã huỷ" in aborted.stderr and "Aborted" not in aborted.output
