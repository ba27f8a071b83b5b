"""Passwords and tokens from the command line: shown once, only hashes stored."""

import re
from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

from states.db.models import ApiToken, User
from states.people.credentials import token_digest, verify_password
from tests.cli.actors import invoke
from tests.conftest import make_runtime

runner = CliRunner()


def ocop(url: str, *args: str) -> tuple[int, str]:
    result = invoke(url, *args, today="2022-03-01")
    return result.exit_code, result.output


def user(url: str, name: str) -> User:
    rt = make_runtime(url)
    with rt.transaction() as session:
        found = session.scalar(select(User).where(User.name == name))
        assert found is not None
        session.expunge(found)
    rt.db.dispose()
    return found


def test_init_prints_a_one_time_password_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    code, first = ocop(url, "init")
    assert code == 0
    password = re.search(r"Mật khẩu dùng một lần của 'admin'.*: (\S+)$", first, re.M)
    assert password
    admin = user(url, "admin")
    assert admin.must_change_password and verify_password(admin.password_hash, password.group(1))
    assert "Mật khẩu" not in ocop(url, "init")[1]  # rerun: the password stays, nothing printed


def test_user_add_with_a_password_file_or_a_generated_one(sqlite_url: str, tmp_path: Path) -> None:
    secret = tmp_path / "pw.txt"
    secret.write_text("mat-khau-tu-tep-123\n", encoding="utf-8")
    code, out = ocop(sqlite_url, "user", "add", "can-bo", "--role", "district", "--unit",
                     "yen-the", "--password-file", str(secret), "--full-name", "Nguyễn Văn An")
    assert code == 0 and "mat-khau-tu-tep" not in out
    added = user(sqlite_url, "can-bo")
    assert verify_password(added.password_hash, "mat-khau-tu-tep-123")
    assert not added.must_change_password and added.full_name == "Nguyễn Văn An"
    code, out = ocop(sqlite_url, "user", "add", "can-bo-2", "--role", "district", "--unit", "yen-the")
    generated = re.search(r"Mật khẩu dùng một lần của can-bo-2.*: (\S+)$", out, re.M)
    assert code == 0 and generated
    assert user(sqlite_url, "can-bo-2").must_change_password
    secret.write_text("ngan\n", encoding="utf-8")
    code, out = ocop(sqlite_url, "user", "set-password", "can-bo", "--password-file", str(secret))
    assert code == 2 and "10 ký tự" in out


def test_set_password_disable_and_tokens(sqlite_url: str) -> None:
    ocop(sqlite_url, "user", "add", "can-bo", "--role", "district", "--unit", "yen-the")
    code, out = ocop(sqlite_url, "user", "set-password", "can-bo")
    assert code == 0 and "Mật khẩu dùng một lần" in out
    code, out = ocop(sqlite_url, "token", "create", "can-bo", "--name", "tich-hop")
    token = re.search(r"\(chỉ hiện lần này\): (\S+)$", out, re.M)
    assert code == 0 and token
    rt = make_runtime(sqlite_url)
    with rt.transaction() as session:
        row = session.scalar(select(ApiToken))
        assert row is not None and row.token_hash == token_digest(token.group(1))
        assert token.group(1) not in row.token_hash
    assert ocop(sqlite_url, "token", "revoke", "1")[0] == 0
    assert ocop(sqlite_url, "token", "revoke", "9")[0] == 5
    assert ocop(sqlite_url, "user", "disable", "can-bo", "--reason", "nghỉ hưu")[0] == 0
    assert not user(sqlite_url, "can-bo").active
    assert ocop(sqlite_url, "--as", "can-bo", "user", "disable", "admin", "--reason", "x")[0] == 4
    rt.db.dispose()
