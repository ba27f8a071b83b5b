"""Issue 9, input: every value an officer types is checked before anything is written, on
SQLite and PostgreSQL alike (one Vietnamese sentence, the README's exit code, no traceback)."""

import json

import pytest
from typer.testing import CliRunner

from ocop_cli.main import app
from states.errors import InvalidInput, NotFound

runner = CliRunner()


@pytest.fixture
def ocop(db_url: str):  # type: ignore[no-untyped-def]
    def call(*args: str, today: str = "2022-03-01"):  # type: ignore[no-untyped-def]
        return runner.invoke(app, ["--db", db_url, "--today", today, "--as", "admin", *args])
    return call


def register(ocop, **options: str) -> int:  # type: ignore[no-untyped-def]
    values = {"--unit": "Huyện Lục Ngạn", "--producer": "HTX Nông sản Lục Ngạn",
              "--producer-type": "cooperative", "--name": "Vải thiều sấy", "--group": "food",
              **options}
    result = ocop("--json", "product", "register", *[x for kv in values.items() for x in kv])
    assert result.exit_code == 0, result.output
    return int(json.loads(result.stdout)["id"])


def refused(result, code: int = InvalidInput.exit_code) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(
        result.exception, SystemExit), result.exception
    return str(result.stderr)


@pytest.mark.parametrize("number", ["99999999999999999999", "2147483648", "0", "-1"])
def test_ids_outside_the_32_bit_range_name_nothing(ocop, number: str) -> None:  # type: ignore[no-untyped-def]
    for command in (["dossier", "show"], ["dossier", "history"], ["dossier", "forward"],
                    ["campaign", "close"], ["training", "attend"], ["outbox", "retry"],
                    ["certificate", "pdf"]):
        args = [*command, "--", number] if number.startswith("-") else [*command, number]
        if command == ["training", "attend"]:
            args.append("admin")
        result = ocop(*args)
        assert result.exit_code == NotFound.exit_code, (command, result.output)
        assert number in result.stderr or command[0] == "certificate", result.stderr


@pytest.mark.parametrize("day", ["9999-12-31", "1900-01-01", "31/12/2101", "1989-12-31"])
def test_days_outside_1990_2100_are_bad_input(ocop, day: str) -> None:  # type: ignore[no-untyped-def]
    assert "1990–2100" in refused(ocop("dossier", "list", today=day))
    dossier_id = register(ocop)
    assert "1990–2100" in refused(ocop("dossier", "inspect", str(dossier_id), "--on", day,
                                       "--inspectors", "An"))
    assert "1990–2100" in refused(ocop("campaign", "open", "renewal", "--deadline", day))
    shown = json.loads(ocop("--json", "dossier", "show", str(dossier_id)).stdout)
    assert shown["state"] == "registered"


def test_ocop_today_from_the_environment_is_checked_too(sqlite_url: str) -> None:
    result = runner.invoke(app, ["--db", sqlite_url, "--as", "admin", "dossier", "list"],
                           env={"OCOP_TODAY": "9999-12-31"})
    assert result.exit_code == 7 and "1990–2100" in result.stderr, result.output
