"""The CLI contract, through Typer's runner: outputs, JSON, and every error class."""

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from ocop_cli.main import app
from states.errors import (
    ConfigurationError,
    Conflict,
    InvalidInput,
    NotFound,
    PermissionDenied,
    RuleRefused,
)
from tests.cli.actors import DEPARTMENT_USER, invoke

runner = CliRunner()


@pytest.fixture
def ocop(sqlite_url: str):  # type: ignore[no-untyped-def]
    def call(*args: str, today: str = "2022-03-01", user: str = DEPARTMENT_USER):  # type: ignore[no-untyped-def]
        return invoke(sqlite_url, *args, user=user, today=today)
    return call


def register(ocop) -> int:  # type: ignore[no-untyped-def]
    result = ocop("--json", "product", "register", "--unit", "Huyện Lục Ngạn",
                  "--producer", "HTX Nông sản Lục Ngạn", "--producer-type", "cooperative",
                  "--name", "Vải thiều sấy", "--group", "food")
    assert result.exit_code == 0, result.output
    return int(json.loads(result.stdout)["id"])


def test_happy_path_with_json(ocop) -> None:  # type: ignore[no-untyped-def]
    dossier_id = register(ocop)
    assert ocop("dossier", "inspect", str(dossier_id), "--on", "2022-03-01",
                "--inspectors", "Nguyễn Văn An, Trần Thị Bình", "--minutes", "BB-12").exit_code == 0
    assert ocop("dossier", "score", str(dossier_id), "--sheets-ref", "P1",
                "--members", "60,64,62").exit_code == 0
    docs = ocop("--json", "dossier", "documents", str(dossier_id), "--add", "registration-form",
                "--add", "business-plan", "--add", "organisation", "--add", "business-registration",
                "--add", "samples")
    rows = json.loads(docs.stdout)
    assert {"code", "name", "required", "present"} <= set(rows[0])
    assert all(r["present"] for r in rows if r["required"])
    assert ocop("dossier", "forward", str(dossier_id)).exit_code == 0
    result = ocop("dossier", "certify", str(dossier_id), "--points", "78", "--decision",
                  "1234/QĐ-UBND", "--on", "01/03/2022")
    assert result.exit_code == 0, result.output
    shown = json.loads(ocop("--json", "dossier", "show", str(dossier_id)).stdout)
    assert shown["state"] == "certified"
    assert shown["unit"] == "Huyện Lục Ngạn"
    assert shown["certificate"]["stars"] == 4
    assert shown["certificate"]["expires_on"] == "2025-03-01"
    human = ocop("dossier", "show", str(dossier_id)).stdout
    assert "01/03/2025" in human and "Đã công nhận" in human
    history = json.loads(ocop("--json", "dossier", "history", str(dossier_id)).stdout)
    assert [e["trigger"] for e in history][-1] == "certify"
    listed = json.loads(ocop("--json", "dossier", "list", "--state", "certified").stdout)
    assert [r["id"] for r in listed] == [dossier_id]


def test_unit_list_json_shape(ocop) -> None:  # type: ignore[no-untyped-def]
    units = json.loads(ocop("--json", "unit", "list").stdout)
    assert len(units) == 11
    assert set(units[0]) == {"code", "name", "level", "contacts", "parent", "valid_from",
                             "valid_until"}
    assert "Huyện Yên Thế" in [u["name"] for u in units]


def test_rule_refusal_exit_code_and_reason(ocop) -> None:  # type: ignore[no-untyped-def]
    dossier_id = register(ocop)
    ocop("dossier", "inspect", str(dossier_id), "--on", "2022-03-01", "--inspectors", "An")
    ocop("dossier", "score", str(dossier_id), "--sheets-ref", "P1", "--points", "45")
    result = ocop("dossier", "forward", str(dossier_id))
    assert result.exit_code == RuleRefused.exit_code
    assert "điểm cấp huyện 45 < 50" in result.stderr
    assert "Traceback" not in result.output


def test_bad_input_exit_code(ocop) -> None:  # type: ignore[no-untyped-def]
    dossier_id = register(ocop)
    result = ocop("dossier", "inspect", str(dossier_id), "--on", "31-02-2022", "--inspectors", "An")
    assert result.exit_code == InvalidInput.exit_code
    assert "không hợp lệ" in result.stderr
    both = ocop("dossier", "score", str(dossier_id), "--sheets-ref", "P1", "--points", "50",
                "--members", "50")
    assert both.exit_code == InvalidInput.exit_code
    bad_type = ocop("product", "register", "--unit", "Lục Ngạn", "--producer", "X",
                    "--producer-type", "company", "--name", "Y", "--group", "food")
    assert bad_type.exit_code == InvalidInput.exit_code
    assert "cooperative" in bad_type.stderr
    bad_today = runner.invoke(app, ["--today", "hôm qua", "unit", "list"])
    assert bad_today.exit_code == InvalidInput.exit_code


def test_permission_exit_code(ocop) -> None:  # type: ignore[no-untyped-def]
    assert ocop("user", "add", "can-bo-yen-the", "--role", "district", "--unit",
                "Huyện Yên Thế").exit_code == 0
    dossier_id = register(ocop)
    result = ocop("dossier", "inspect", str(dossier_id), "--on", "2022-03-01",
                  "--inspectors", "An", user="can-bo-yen-the")
    assert result.exit_code == PermissionDenied.exit_code
    assert "đơn vị mình" in result.stderr


def test_not_found_exit_code_json_error(ocop) -> None:  # type: ignore[no-untyped-def]
    result = ocop("--json", "dossier", "show", "4242")
    assert result.exit_code == NotFound.exit_code
    error = json.loads(result.stderr)
    assert error["exit_code"] == NotFound.exit_code and "4242" in error["message"]


def test_configuration_error_on_missing_schema(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = invoke(f"sqlite:///{tmp_path}/empty.db", "dossier", "show", "1")
    assert result.exit_code == ConfigurationError.exit_code
    assert "ocop init" in result.stderr


def test_conflict_exit_code(ocop, sqlite_url, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from states.lifecycle import change
    from tests.conftest import make_runtime
    from use_cases import dossiers

    dossier_id = register(ocop)
    original = change.fire
    other = make_runtime(sqlite_url)

    def someone_else_moves_first(dossier, trigger, ctx):  # type: ignore[no-untyped-def]
        # The other officer's command commits between our read and our write.
        monkeypatch.setattr(change, "fire", original)
        dossiers.withdraw(other, "admin", dossier_id)
        return original(dossier, trigger, ctx)

    monkeypatch.setattr(change, "fire", someone_else_moves_first)
    result = ocop("dossier", "inspect", str(dossier_id), "--on", "2022-03-01", "--inspectors", "An")
    assert result.exit_code == Conflict.exit_code, result.output
    assert "người khác" in result.stderr
    shown = json.loads(ocop("--json", "dossier", "show", str(dossier_id)).stdout)
    assert shown["state"] == "withdrawn"
    other.db.dispose()


def test_help_lists_exit_codes_and_diagram_prints_mermaid(ocop) -> None:  # type: ignore[no-untyped-def]
    help_text = runner.invoke(app, ["--help"]).stdout
    for code in (2, 3, 4, 5, 6, 7):
        assert f"{code} = " in help_text
    diagram = runner.invoke(app, ["diagram"]).stdout
    assert diagram.startswith("stateDiagram-v2")
    assert "district_scored --> provincial_review: forward" in diagram


@pytest.mark.parametrize("heavy", ["prefect", "sqlalchemy"])
def test_cli_start_does_not_import_the_engine_or_the_orm(heavy: str) -> None:
    """`ocop --help` stays quick: neither Prefect (~2 s) nor the ORM (~0.25 s) is loaded."""
    code = ("import sys, ocop_cli.main; "
            "from typer.testing import CliRunner; CliRunner().invoke(ocop_cli.main.app, ['--help']); "
            f"sys.exit(1 if any(m == {heavy!r} or m.startswith({heavy!r} + '.') "
            "for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
