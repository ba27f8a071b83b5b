"""The registry through the `ocop` command: the template filled with a province's list imports
in one command, a second run changes nothing, one bad row writes nothing and is named on screen;
the look-up, the open data and the printed certificate."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.cli.actors import invoke
from tests.conftest import make_runtime
from tests.registry.lists import BAC_GIANG, filled_template

runner = CliRunner()


@pytest.fixture
def ocop(sqlite_url: str):  # type: ignore[no-untyped-def]
    def call(*args: str):  # type: ignore[no-untyped-def]
        return invoke(sqlite_url, *args, today="2023-01-10")
    return call


def test_template_import_reimport_and_a_bad_row(ocop, sqlite_url: str, tmp_path: Path,  # type: ignore[no-untyped-def]
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert ocop("import", "template").exit_code == 0
    assert (tmp_path / "mau-nhap-san-pham-ocop.xlsx").exists()
    rt = make_runtime(sqlite_url)
    path = filled_template(rt, BAC_GIANG, tmp_path / "ds-ocop.xlsx")
    first = ocop("import", "products", str(path))
    assert first.exit_code == 0, first.output
    assert "7 dòng; 7 mới, 0 đã có, 0 dòng lỗi" in first.stdout
    assert "Đã ghi 7 sản phẩm OCOP đã công nhận mới." in first.stdout
    second = ocop("--json", "import", "products", str(path))
    assert json.loads(second.stdout)["written"] == 0 and json.loads(second.stdout)["existing"] == 7

    rows = list(BAC_GIANG)
    rows[2] = (*rows[2][:11], "31/02/2022", *rows[2][12:])
    bad = filled_template(rt, rows, tmp_path / "ds-loi.xlsx")
    refused = ocop("import", "products", str(bad))
    assert refused.exit_code == 2
    assert "Không ghi gì vì có dòng lỗi" in refused.stdout
    assert "│ 4    │ Ngày quyết định │ ngày '31/02/2022' không hợp lệ" in refused.stdout
    assert (tmp_path / "ds-loi-kiem-tra.xlsx").exists()
    rt.db.dispose()


def test_lookup_open_data_and_the_certificate(ocop, sqlite_url: str, tmp_path: Path,  # type: ignore[no-untyped-def]
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("OCOP_PUBLIC_URL", "https://ocop.bacgiang.gov.vn")
    rt = make_runtime(sqlite_url)
    assert ocop("import", "products", str(filled_template(rt, BAC_GIANG, tmp_path / "ds.xlsx"))
                ).exit_code == 0
    found = json.loads(ocop("--json", "registry", "search", "banh da ke").stdout)
    assert [(f["product"], f["validity"]) for f in found] == [("Bánh đa Kế", "expired")]
    shown = ocop("registry", "show", found[0]["token"])
    assert "Hết hiệu lực từ ngày 21/12/2022" in shown.stdout
    assert ocop("registry", "export", "--format", "json").exit_code == 0
    assert json.loads((tmp_path / "so-dang-ky-ocop-2023-01-10.json").read_text())["count"] == 7
    printed = ocop("certificate", "pdf", "BG-2021-001", "--out", "mychu.pdf")
    assert printed.exit_code == 0, printed.output
    assert (tmp_path / "mychu.pdf").read_bytes().startswith(b"%PDF")
    assert ocop("certificate", "pdf", "999").exit_code == 5
    assert ocop("registry", "export", "--format", "xml").exit_code == 2
    rt.db.dispose()
