"""Issue 9: the CLI acts for a named, active user only; the operator's commands and replayed
dates are the Department's; database passwords never reach the screen."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from ocop_cli.main import app
from states.clock import local_date
from states.db.models import (
    AdministrativeUnit,
    AuthEvent,
    Dossier,
    DossierEvent,
    OutboxMessage,
    User,
)
from tests.cli.actors import invoke
from tests.conftest import make_runtime

runner = CliRunner()
OFFICER = "can-bo-yen-the"
REGISTER = ("product", "register", "--unit", "Huyện Yên Thế", "--producer", "HTX Gà đồi",
            "--producer-type", "cooperative", "--name", "Gà đồi Yên Thế", "--group", "food")


def count(url: str, model: type) -> int:
    rt = make_runtime(url)
    with rt.transaction() as session:
        found = int(session.scalar(select(func.count()).select_from(model)) or 0)
    rt.db.dispose()
    return found


@pytest.fixture
def officer(sqlite_url: str) -> str:
    added = invoke(sqlite_url, "user", "add", OFFICER, "--role", "district", "--unit", "Yên Thế",
                   today="2022-03-01")
    assert added.exit_code == 0, added.output
    return OFFICER


@pytest.mark.parametrize("command", [REGISTER, ("dossier", "list"), ("unit", "list"),
                                     ("outbox", "list"), ("user", "add", "x", "--role", "department")])
def test_no_actor_no_command(sqlite_url: str, command: tuple[str, ...],
                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OCOP_USER", raising=False)
    result = runner.invoke(app, ["--db", sqlite_url, "--today", "2022-03-01", *command])
    assert result.exit_code == 4
    assert "--as TÊN" in result.stderr and "export OCOP_USER=" in result.stderr
    assert "Traceback" not in result.output
    assert count(sqlite_url, Dossier) == 0 and count(sqlite_url, User) == 1


def test_ocop_user_names_the_actor_and_must_be_active(sqlite_url: str, officer: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OCOP_USER", "admin")
    listed = runner.invoke(app, ["--db", sqlite_url, "--json", "dossier", "list"])
    assert listed.exit_code == 0 and json.loads(listed.stdout) == []
    ghost = runner.invoke(app, ["--db", sqlite_url, "--as", "ghost", "unit", "list"])
    assert ghost.exit_code == 4 and "'ghost' không có" in ghost.stderr
    assert invoke(sqlite_url, "user", "disable", officer, "--reason", "Nghỉ việc").exit_code == 0
    disabled = invoke(sqlite_url, *REGISTER, user=officer, today="2022-03-01")
    assert disabled.exit_code == 4 and "đã bị khoá" in disabled.stderr
    assert count(sqlite_url, Dossier) == 0


def test_help_needs_no_actor(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OCOP_USER", raising=False)
    top = runner.invoke(app, ["--help"])
    assert top.exit_code == 0 and "người quản trị máy chủ" in top.stdout
    for command in (["dossier", "--help"], ["dossier", "show", "--help"],
                    ["--db", sqlite_url, "outbox", "send", "--help"]):
        assert runner.invoke(app, command).exit_code == 0, command


@pytest.mark.parametrize("command", [
    ("run", "expire-certificates"), ("serve",), ("outbox", "send"), ("outbox", "retry", "1"),
    ("outbox", "list"),  # every letter's addresses, of every unit
    ("unit", "set-contacts", "Yên Thế", "ocop@example.invalid"),
    ("user", "add", "x", "--role", "department"), ("user", "disable", "admin", "--reason", "x"), ("init",),
])
def test_the_operators_commands_are_the_departments(sqlite_url: str, officer: str,
                                                     command: tuple[str, ...]) -> None:
    result = invoke(sqlite_url, *command, user=officer)
    assert result.exit_code == 4, result.output
    assert "chỉ dành cho người dùng của Sở" in result.stderr
    assert count(sqlite_url, User) == 2 and count(sqlite_url, OutboxMessage) == 0


def test_a_replayed_date_is_the_departments_and_history_keeps_the_real_time(
        sqlite_url: str, officer: str) -> None:
    refused = runner.invoke(app, ["--db", sqlite_url, "--as", officer, "--today", "2019-01-01",
                                  *REGISTER])
    assert refused.exit_code == 4 and "--today" in refused.stderr
    assert count(sqlite_url, Dossier) == 0
    before = datetime.now(UTC)
    registered = invoke(sqlite_url, "--json", *REGISTER, today="2022-03-01")
    assert registered.exit_code == 0, registered.output
    dossier = str(json.loads(registered.stdout)["id"])
    [event] = json.loads(invoke(sqlite_url, "--json", "dossier", "history", dossier).stdout)
    assert event["at"].startswith("2022-03-01")  # the business date, as replayed
    recorded = datetime.fromisoformat(event["recorded_at"])
    assert before - timedelta(seconds=1) <= recorded <= datetime.now(UTC)  # the real time
    rt = make_runtime(sqlite_url)
    with rt.transaction() as session:
        assert session.scalar(select(DossierEvent.recorded_at)) == recorded
    rt.db.dispose()


def test_init_on_a_new_database_needs_nobody_then_only_the_department(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OCOP_USER", raising=False)
    url = f"sqlite:///{tmp_path / 'new.db'}"
    assert runner.invoke(app, ["--db", url, "init"]).exit_code == 0
    again = runner.invoke(app, ["--db", url, "init"])
    assert again.exit_code == 4 and "--as" in again.stderr
    assert invoke(url, "init").exit_code == 0


def test_renaming_the_province_needs_its_own_option(sqlite_url: str) -> None:
    refused = invoke(sqlite_url, "init", "--province", "Tỉnh Khác")
    assert refused.exit_code == 2 and "--rename-province" in refused.stderr
    assert province_names(sqlite_url) == {"Tỉnh Bắc Ninh"}
    renamed = invoke(sqlite_url, "init", "--province", "Tỉnh Khác", "--rename-province")
    assert renamed.exit_code == 0, renamed.output
    assert province_names(sqlite_url) == {"Tỉnh Khác"}
    assert invoke(sqlite_url, "init", "--province", "Tỉnh Khác").exit_code == 0  # no change


def province_names(url: str) -> set[str]:
    rt = make_runtime(url)
    with rt.transaction() as session:
        names = set(session.scalars(select(AdministrativeUnit.name).where(
            AdministrativeUnit.level == "province", AdministrativeUnit.valid_until.is_(None))))
    rt.db.dispose()
    return names


def test_database_passwords_are_masked(pg_url: str) -> None:
    password = "S3cretDbPW"
    url = pg_url.replace("postgres@", f"postgres:{password}@", 1)  # trust auth ignores it
    shown = invoke(url, "init")
    assert shown.exit_code == 0, shown.output
    assert password not in shown.output and "postgres:***@" in shown.stdout
    as_json = json.loads(invoke(url, "--json", "init").stdout)
    assert as_json["database"].startswith("postgresql://postgres:***@")
    bad = invoke(url.replace("postgresql", "postgrexx", 1), "unit", "list")
    assert bad.exit_code == 7 and "postgres:***@" in bad.stderr and password not in bad.output
    gone = invoke(url.rsplit("/", 1)[0] + "/khong_co_csdl_nay", "unit", "list")
    assert gone.exit_code == 7 and password not in gone.output
    no_port = invoke(f"postgresql://postgres:{password}@127.0.0.1:cong/ocop", "unit", "list")
    assert no_port.exit_code == 7 and "Traceback" not in no_port.output
    assert password not in no_port.output and "postgres:***@" in no_port.stderr


def test_the_account_audit_keeps_the_real_time_too(sqlite_url: str, officer: str) -> None:
    before = datetime.now(UTC)
    locked = invoke(sqlite_url, "user", "disable", officer, "--reason", "Nghỉ việc",
                    today="2022-03-01")
    assert locked.exit_code == 0, locked.output
    rt = make_runtime(sqlite_url)
    with rt.transaction() as session:
        at, recorded = session.execute(select(AuthEvent.at, AuthEvent.recorded_at).where(
            AuthEvent.username == officer).order_by(AuthEvent.id.desc()).limit(1)).one()
    rt.db.dispose()
    assert local_date(at).isoformat() == "2022-03-01"  # the business date, as replayed
    assert before - timedelta(seconds=1) <= recorded <= datetime.now(UTC)  # the real time
