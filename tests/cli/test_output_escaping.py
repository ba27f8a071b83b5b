"""What a user typed is shown as typed: never read as Rich markup, never sent to the terminal as
a control sequence (issue 9, "Output"), in every table and message of the CLI."""

import json

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from ocop_cli import output
from ocop_cli.main import app

runner = CliRunner()
MARKUP_PRODUCT = "Gà [/] đồi [bold]"
# Names as they may already sit in a database (imported lists, rows older than the input
# checks): an ESC colour sequence, an OSC title sequence ending in BEL, a carriage return that
# would overwrite the line, a one-byte CSI (C1), a bidi override.
HOSTILE = {
    "producers": "HTX \x1b[31mĐỏ\x1b[0m [red] \x9b1m",
    "administrative_units": "Huyện \x1b]0;pwned\x07Lục Ngạn",
    "dossier_events": "ghi chú\rĐÃ DUYỆT \x9b2J",
    "outbox_messages": "Tiêu đề \u202eđảo\u202c [/]",
    "campaigns": "QĐ [bold]9\x1b[2J",
}


@pytest.fixture
def ocop(sqlite_url: str, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    # Wide enough that no name is wrapped across two lines of a table.
    monkeypatch.setattr(output.console, "width", 400)

    def call(*args: str, today: str = "2022-09-05"):  # type: ignore[no-untyped-def]
        return runner.invoke(app, ["--db", sqlite_url, "--today", today, "--as", "admin", *args])
    return call


def _poison(url: str) -> None:
    """Put the hostile texts where the list commands read them."""
    engine = create_engine(url)
    columns = {"producers": "name", "administrative_units": "name", "dossier_events": "note",
               "outbox_messages": "subject", "campaigns": "decision_no"}
    with engine.begin() as connection:
        for table, column in columns.items():
            where = " WHERE name = 'Huyện Lục Ngạn'" if table == "administrative_units" else ""
            connection.execute(text(f"UPDATE {table} SET {column} = :v{where}"),
                               {"v": HOSTILE[table]})
    engine.dispose()


def _assert_inert(result_output: str) -> None:
    assert "\x1b" not in result_output and "\r" not in result_output
    assert "\x07" not in result_output and "\x9b" not in result_output
    assert "\u202e" not in result_output


def test_markup_in_a_product_name_is_shown_as_typed(ocop) -> None:  # type: ignore[no-untyped-def]
    registered = ocop("product", "register", "--unit", "Huyện Lục Ngạn", "--producer",
                      "HTX [b]Lục Ngạn[/b]", "--producer-type", "cooperative",
                      "--name", MARKUP_PRODUCT, "--group", "food")
    assert registered.exit_code == 0, registered.output
    assert MARKUP_PRODUCT in registered.stdout
    dossier_id = "1"
    for command in (["dossier", "list"], ["dossier", "show", dossier_id],
                    ["dossier", "history", dossier_id]):
        result = ocop(*command)
        assert result.exit_code == 0, (command, result.output)
        assert result.exception is None
        if command[1] != "history":
            assert MARKUP_PRODUCT in result.stdout and "HTX [b]Lục Ngạn[/b]" in result.stdout


def test_control_sequences_never_reach_the_terminal(ocop, sqlite_url: str) -> None:  # type: ignore[no-untyped-def]
    registered = ocop("--json", "product", "register", "--unit", "Huyện Lục Ngạn", "--producer",
                      "HTX Lục Ngạn", "--producer-type", "cooperative", "--name", "Vải",
                      "--group", "food")
    dossier_id = str(json.loads(registered.stdout)["id"])
    assert ocop("campaign", "open", "revocation", "--deadline", "2022-10-15").exit_code == 0
    _poison(sqlite_url)
    commands = [["dossier", "list"], ["dossier", "show", dossier_id],
                ["dossier", "history", dossier_id], ["unit", "list"], ["stuck"],
                ["outbox", "list"], ["campaign", "list"]]
    seen = ""
    for command in commands:
        result = ocop(*command, today="2022-12-30")
        assert result.exit_code == 0, (command, result.output)
        _assert_inert(result.output)
        seen += result.stdout
    # Shown, as visible marks, rather than dropped: an officer can still tell what is there.
    assert "HTX ␛[31mĐỏ␛[0m [red] �1m" in seen
    assert "Huyện ␛]0;pwned␇Lục Ngạn" in seen
    assert "ghi chú␍ĐÃ DUYỆT �2J" in seen
    assert "Tiêu đề �đảo� [/]" in seen
    assert "QĐ [bold]9␛[2J" in seen


def test_json_keeps_the_value_but_escapes_what_a_terminal_would_act_on(ocop, sqlite_url: str) -> None:  # type: ignore[no-untyped-def]
    ocop("product", "register", "--unit", "Huyện Lục Ngạn", "--producer", "HTX Lục Ngạn",
         "--producer-type", "cooperative", "--name", "Vải", "--group", "food")
    _poison(sqlite_url)
    result = ocop("--json", "dossier", "list")
    assert result.exit_code == 0, result.output
    _assert_inert(result.stdout)
    assert json.loads(result.stdout)[0]["producer"] == HOSTILE["producers"]


def test_an_error_quoting_the_input_is_text(ocop) -> None:  # type: ignore[no-untyped-def]
    result = ocop("dossier", "show", "1", "--bogus")
    assert result.exit_code == 2
    result = ocop("unit", "list", "--on", "[bold]\x1b[31m")
    assert result.exit_code == 2, result.output
    _assert_inert(result.output)
