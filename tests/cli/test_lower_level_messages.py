"""Messages from the libraries underneath (e-mail validation, settings, database drivers) reach
the officer as one Vietnamese sentence naming the setting or the value (issue 12)."""

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
