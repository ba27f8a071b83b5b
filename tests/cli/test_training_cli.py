"""The CLI of issue 14: who prepared a dossier, training, the consultant report."""

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from ocop_cli.main import app
from states.errors import InvalidInput, PermissionDenied
from tests.cli.actors import DEPARTMENT_USER, invoke
from tests.use_cases.test_training import sheet

runner = CliRunner()


@pytest.fixture
def ocop(sqlite_url: str):  # type: ignore[no-untyped-def]
    def call(*args: str, today: str = "2022-03-01", user: str = DEPARTMENT_USER):  # type: ignore[no-untyped-def]
        return invoke(sqlite_url, *args, user=user, today=today)
    return call


def test_register_with_a_consultant_then_edit_and_show(ocop) -> None:  # type: ignore[no-untyped-def]
    result = ocop("--json", "product", "register", "--unit", "Lục Ngạn", "--producer", "HTX Vải",
                  "--producer-type", "cooperative", "--name", "Vải sấy", "--group", "food",
                  "--consultant", "Cty TNHH Tư vấn ABC", "--contracted", "business-plan",
                  "--contracted", "label-packaging")
    assert result.exit_code == 0, result.output
    dossier_id = str(json.loads(result.stdout)["id"])
    human = ocop("dossier", "show", dossier_id).stdout
    assert "Thuê tư vấn: Cty TNHH Tư vấn ABC" in human
    assert "Phương án kinh doanh, Nhãn và bao bì" in human and "Câu chuyện sản phẩm," in human
    edited = ocop("dossier", "preparation", dossier_id, "--prepared-by", "producer")
    assert edited.exit_code == 0, edited.output
    assert edited.stdout.startswith(f"Hồ sơ {dossier_id}: chủ thể tự làm.")
    shown = json.loads(ocop("--json", "dossier", "show", dossier_id).stdout)
    assert shown["preparation"]["prepared_by"] == "producer"
    bad = ocop("dossier", "preparation", dossier_id, "--contracted", "logo", "--consultant", "X")
    assert bad.exit_code == InvalidInput.exit_code and "whole-dossier" in bad.stderr
    assert "Traceback" not in bad.output
    nothing = ocop("dossier", "preparation", dossier_id)
    assert nothing.exit_code == InvalidInput.exit_code and "--prepared-by" in nothing.stderr


def test_training_open_import_and_coverage(ocop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert ocop("user", "add", "ln-1", "--role", "district", "--unit", "Lục Ngạn").exit_code == 0
    opened = ocop("training", "open", "--title", "Tập huấn OCOP", "--organiser", "Sở NN&PTNT",
                  "--from", "2022-03-15", "--place", "Hội trường Sở", "--unit", "Lục Ngạn")
    assert opened.exit_code == 0, opened.output
    assert "mời 1 đơn vị, 1 giấy mời vào hộp thư đi" in opened.stdout
    refused = ocop("training", "open", "--title", "T", "--organiser", "O", "--from", "2022-03-15",
                   "--place", "P", user="ln-1")
    assert refused.exit_code == PermissionDenied.exit_code
    path = tmp_path / "diem-danh.xlsx"
    path.write_bytes(sheet((1, "LN-1", "Lục Ngạn", "", "x"), (2, "Ai Đó", "Lục Ngạn", "", "x")))
    imported = ocop("training", "import", "1", str(path), today="2022-03-15")
    assert imported.exit_code == 0, imported.output
    assert "Đã ghi 1 người" in imported.stdout and "Ai Đó" in imported.stdout
    missing = ocop("training", "import", "1", str(tmp_path / "khong-co.xlsx"), today="2022-03-15")
    assert missing.exit_code == InvalidInput.exit_code and "Không có tệp" in missing.stderr
    out = tmp_path / "do-phu.xlsx"
    covered = ocop("training", "coverage", "--out", str(out), today="2022-03-16")
    assert covered.exit_code == 0, covered.output
    assert "9/10 đơn vị" in covered.stdout
    rows = list(load_workbook(out).worksheets[0].iter_rows(values_only=True))
    assert ("Huyện Lục Ngạn", "Có", "ln-1", "ln-1", "15/03/2022", "Tập huấn OCOP") in rows
    listed = json.loads(ocop("--json", "training", "list").stdout)
    assert [(c["title"], c["units_invited"], c["attended"]) for c in listed] == [
        ("Tập huấn OCOP", 1, 1)]


def test_consultant_report_and_list(ocop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for spelling in ("Cty TNHH Tư vấn ABC", "Công ty TNHH tư vấn ABC"):
        assert ocop("product", "register", "--unit", "Lục Ngạn", "--producer", "HTX", "--producer-type",
                    "cooperative", "--name", spelling, "--group", "food", "--consultant", spelling,
                    "--contracted", "testing").exit_code == 0
    listed = json.loads(ocop("--json", "consultant", "list").stdout)
    assert [(c["name"], c["dossiers"]) for c in listed] == [("Cty TNHH Tư vấn ABC", 2)]
    out = tmp_path / "tu-van.xlsx"
    human = ocop("consultant", "report", "--year", "2022", "--out", str(out))
    assert human.exit_code == 0, human.output
    assert "năm 2022" in human.stdout and "ABC" in human.stdout  # the table wraps the name
    rows = list(load_workbook(out).worksheets[0].iter_rows(values_only=True))
    assert rows[-1][:4] == ("Cty TNHH Tư vấn ABC", "Thuê tư vấn", 2, 0)
    report = json.loads(ocop("--json", "consultant", "report").stdout)
    assert report["year"] is None
    assert [(r["prepared_by"], r["prepared"]) for r in report["rows"]] == [
        ("producer", 0), ("officer", 0), ("consultant", 2)]


def test_help_of_the_new_commands() -> None:
    for command in (["training", "--help"], ["consultant", "report", "--help"],
                    ["dossier", "preparation", "--help"], ["product", "register", "--help"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, result.output
    assert "--contracted" in runner.invoke(app, ["product", "register", "--help"]).stdout
