"""Issue 22: the tables the checking and moving commands print fit an 80- and a 120-column
terminal with long Vietnamese names: a reorganisation's plan and switch (`unit reorganise`),
the dossiers it could not place (`dossier unassigned`), a training sheet's unmatched rows, a
refused scoring sheet's errors, the file store's findings (`files check`) and a revocation
campaign's proposals. `--wide` shows every column, `--json` is the same with it."""

import json
import sqlite3
from pathlib import Path

import pytest

from tests.cli.test_sheet_cli import shipped_rows, workbook
from tests.cli.test_tables_fit import (
    FULL_NAME,
    PRODUCER,
    PRODUCT,
    UNIT,
    Ocop,
    caller,
    database,
    fits,
    succeeded,
    wide_and_json_hold,
)
from tests.storage.stores import PDF
from tests.use_cases.test_training import sheet

__all__ = ["database"]  # the fixture, shared with the commands' own tables

COLUMNS = pytest.mark.parametrize("columns", [80, 120], ids=lambda c: f"{c}-columns")
OLD = "Huyện Đồng Tâm Hương Gián Quang Tiến Kiên Thành"
WARD = "Phường Hoàng Văn Thụ, thành phố Bắc Giang"
COMMUNE = "Xã Quang Tiến Kiên Thành Phượng Sơn Đồng Tâm"
PLAN = ("unit", "reorganise", "--plan", "thu-nghiem-2025", "--on", "2025-07-01")
UNSETTLED = f"chưa xác định xã của chủ thể; {OLD} chia cho 2 đơn vị"


@pytest.fixture(scope="module")
def divided(database: str) -> str:
    """`OLD` divided on 01/07/2025 between `WARD` and `COMMUNE`: three of its dossiers, two
    with the producer's commune known, one without."""
    setup = caller(database)
    succeeded(setup("unit", "add", OLD, "--code", "dong-tam", "--level", "district", "--parent",
                    "Tỉnh Bắc Giang", "--from", "2019-01-01"))
    for code, name in (("hoang-van-thu", "Xã Hoàng Văn Thụ Đồng Tâm Hương Gián"),
                       ("quang-tien", "Xã Quang Tiến Kiên Thành Phượng Sơn")):
        succeeded(setup("unit", "add", name, "--code", f"dong-tam.{code}", "--level", "commune",
                        "--parent", "dong-tam", "--from", "2019-01-01"))
    for number, commune in ((1, "hoang-van-thu"), (2, "quang-tien"), (3, None)):
        registered = succeeded(setup("--json", "product", "register", "--unit", "dong-tam",
                                     "--producer", f"{PRODUCER} {number}", "--producer-type",
                                     "cooperative", "--name", f"{PRODUCT} số {number}",
                                     "--group", "food", today="2022-09-10"))
        if commune:
            dossier = str(json.loads(registered.stdout)["id"])
            succeeded(setup("producer", "set-commune", dossier, "--commune", f"dong-tam.{commune}",
                            today="2022-09-10"))
    for code, name, level, commune in (("bac-giang.phuong-hoang-van-thu", WARD, "ward",
                                        "hoang-van-thu"),
                                       ("quang-tien-kien-thanh", COMMUNE, "commune", "quang-tien")):
        succeeded(setup("unit", "add", name, "--code", code, "--level", level, "--parent",
                        "Tỉnh Bắc Ninh", "--from", "2025-07-01", "--succeeds", "dong-tam",
                        "--succeeds", f"dong-tam.{commune}", "--split", "--basis",
                        "Nghị quyết 1/2025", "--plan", "thu-nghiem-2025", today="2025-06-20"))
    return database


def copied(url: str, folder: Path) -> str:
    """A copy of the module's database, for a test that writes (SQLite's own backup: what is
    still in the write-ahead log comes along)."""
    path = folder / "ocop.db"
    with sqlite3.connect(url.removeprefix("sqlite:///")) as source, sqlite3.connect(path) as copy:
        source.backup(copy)
    return f"sqlite:///{path}"


@COLUMNS
def test_a_reorganisations_plan_switch_and_unplaced_dossiers_fit(
        divided: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, columns: int) -> None:
    ocop = caller(copied(divided, tmp_path), monkeypatch, columns)
    plan = succeeded(ocop(*PLAN, "--dry-run", today="2025-06-20")).stdout
    assert "Kế hoạch: 2 hồ sơ sang 2 đơn vị kế thừa" in plan and "Chạy thử" in plan
    fits(columns, plan, (WARD, COMMUNE, "bac-giang.phuong-hoang-van-thu"))
    switched = succeeded(ocop(*PLAN, today="2025-07-02")).stdout
    assert "Đã chuyển: 2 hồ sơ" in switched
    fits(columns, switched, (WARD, COMMUNE))
    unplaced = succeeded(ocop("dossier", "unassigned", today="2025-07-02")).stdout
    fits(columns, unplaced, (OLD, f"{PRODUCT} số 3", f"{PRODUCER} 3", UNSETTLED))
    fits(columns, unplaced, (WARD, COMMUNE))
    # Run again, nothing is left to move: a sentence, not an empty frame.
    again = succeeded(ocop(*PLAN, today="2025-07-02")).stdout
    assert "┏" not in again and "không có hồ sơ nào cần chuyển" in again


def test_a_reorganisations_tables_wide_and_json(divided: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    ocop = caller(divided, monkeypatch, 80)
    wide_and_json_hold(ocop, (*PLAN, "--dry-run"), (WARD, COMMUNE))
    wide_and_json_hold(lambda *args, **_: ocop(*args, today="2025-07-02"),
                       ("dossier", "unassigned"), (OLD, f"{PRODUCER} 3", UNSETTLED))


STRANGER = "Trần Văn Hùng Cường Thịnh Vượng Phát Đạt"
ELSEWHERE = "Phường Trần Nguyên Hãn, thành phố Bắc Giang"
UNMATCHED = (f"{UNIT} không có người dùng tên '{FULL_NAME}'", f"không có đơn vị '{ELSEWHERE}'")


@COLUMNS
def test_a_training_sheets_unmatched_rows_fit(database: str, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch, columns: int) -> None:
    path = tmp_path / "diem-danh.xlsx"
    path.write_bytes(sheet((1, FULL_NAME, UNIT, "Cán bộ", "x"), (2, STRANGER, ELSEWHERE, "", "x"),
                           (3, FULL_NAME, "Lục Ngạn", "", "x")))
    ocop = caller(database, monkeypatch, columns)
    command = ("training", "import", "1", str(path), "--dry-run")
    done = succeeded(ocop(*command, today="2022-03-15")).stdout
    assert "Sẽ ghi 1 người" in done and "2 dòng không khớp" in done
    fits(columns, done, (FULL_NAME, STRANGER, ELSEWHERE, *UNMATCHED))
    wide_and_json_hold(lambda *args, **_: ocop(*args, today="2022-03-15"), command, UNMATCHED)


LONG_PART = "Phần D – Sản xuất và phát triển sản phẩm cộng đồng"


@COLUMNS
@pytest.mark.parametrize("broken", ["rows", "sums"])
def test_a_refused_sheets_errors_fit(database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     columns: int, broken: str) -> None:
    (tmp_path / "rules").mkdir()
    monkeypatch.setenv("OCOP_RULES_DIR", str(tmp_path / "rules"))
    rows = shipped_rows()
    if broken == "rows":
        rows[1][0], rows[2][6] = LONG_PART, "nhiều điểm"
        reasons: tuple[str, ...] = (f"'{LONG_PART}' không phải phần A, B hoặc C",
                                    "'nhiều điểm' không phải là số")
    else:  # the rows are right, the parts do not sum: the whole sheet's errors
        rows[3][6] = 3  # A1's best option: 4 → 3
        reasons = ("cả phiếu", "phần A (dòng 2–49): các tiêu chí cộng tối đa được 39 điểm, "
                               "QĐ 148/QĐ-TTg (2023) quy định 40")
    path = workbook(tmp_path / "phieu-danh-gia-tinh-bac-giang.xlsx", rows)
    ocop = caller(database, monkeypatch, columns)
    command = ("sheet", "import", str(path), "--rulebook", "qd148-2023", "--group", "food")
    done = ocop(*command)
    assert done.exit_code == 2, done.output
    fits(columns, done.stdout, reasons)
    wide_and_json_hold(ocop, command, reasons, exit_code=2)
    assert not (tmp_path / "rules" / "sheets").exists()


@COLUMNS
def test_the_file_stores_findings_fit(database: str, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch, columns: int) -> None:
    store = tmp_path / "Kho tệp hồ sơ OCOP tỉnh Bắc Giang"
    monkeypatch.setenv("OCOP_FILES_DIR", str(store))
    ocop = caller(copied(database, tmp_path), monkeypatch, columns)
    succeeded(ocop("files", "paper", "2", "--off"))
    plan = tmp_path / f"Phương án kinh doanh {PRODUCER}.pdf"
    plan.write_bytes(PDF)
    succeeded(ocop("files", "upload", "2", "--document", "business-plan", str(plan)))
    [stored] = [p for p in (store / "objects").rglob("*") if p.is_file()]
    stored.rename(stored.with_name("f" * 64))  # the upload gone, a stranger in its place
    done = ocop("files", "check")
    assert done.exit_code == 7, done.output
    findings = ("mất tệp trong kho lưu trữ", "tệp trong kho không thuộc hồ sơ nào", stored.name,
                "f" * 64)
    fits(columns, done.stdout, findings)
    wide_and_json_hold(ocop, ("files", "check"), findings, exit_code=7)


NOTE = f"Chủ thể đã chuyển cơ sở sản xuất sang {WARD}"


@COLUMNS
def test_a_revocation_campaigns_proposals_fit(database: str, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch, columns: int) -> None:
    ocop: Ocop = caller(copied(database, tmp_path), monkeypatch, columns)
    succeeded(ocop("campaign", "open", "revocation", "--deadline", "2022-10-15"))
    succeeded(ocop("campaign", "propose-revocation", "2", "1", "--reason", "other", "--note", NOTE,
                   user="can-bo-thuong-lan"))
    shown = succeeded(ocop("campaign", "show", "2")).stdout
    assert "1 đề nghị thu hồi của 1 đơn vị" in shown
    fits(columns, shown, (PRODUCT, "Huyện Lục Ngạn", f"Lý do khác ({NOTE})"))
    wide_and_json_hold(ocop, ("campaign", "show", "2"), (PRODUCT, PRODUCER, NOTE))
