"""Issue 21: `ocop sheet show` prints a sheet in Vietnamese (group and rulebook by name, the
provisional banner), `--json` with codes; `ocop sheet import` checks every row of a province's
.xlsx, lists every problem with its row and writes nothing unless all is right; `ocop sheet
template` gives the blank template or the sheet in use to edit."""

import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from states.rules.rulebooks import load_rules
from states.rules.sheet_book import load_sheets
from tests.cli.actors import invoke

HEADINGS = ("Phần", "Mã tiêu chí", "Tiêu chí", "Bắt buộc", "Mã lựa chọn", "Lựa chọn", "Điểm")


@pytest.fixture
def rules_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    monkeypatch.setenv("OCOP_RULES_DIR", str(folder))
    return folder


@pytest.fixture
def ocop(sqlite_url: str):  # type: ignore[no-untyped-def]
    def call(*args: str, user: str = "admin"):  # type: ignore[no-untyped-def]
        return invoke(sqlite_url, *args, user=user)
    return call


def shipped_rows(rulebook: str = "qd148-2023", group: str = "food") -> list[list[object]]:
    sheet = load_sheets(load_rules()).sheet_for(rulebook, group)
    return [[part.code, criterion.code, criterion.text if i == 0 else None,
             ("có" if criterion.mandatory else None) if i == 0 else None, option.code,
             option.text, option.points]
            for part in sheet.parts for criterion in part.criteria
            for i, option in enumerate(criterion.options)]


def workbook(path: Path, rows: list[list[object]], title: str | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    if title:
        sheet.append([title])  # a title above the headings, as provinces write them
    sheet.append(list(HEADINGS))
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_show_speaks_vietnamese_and_says_provisional(ocop) -> None:  # type: ignore[no-untyped-def]
    result = ocop("sheet", "show", "qd148-2023", "thủ công")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Thủ công mỹ nghệ" in out and "QĐ 148/QĐ-TTg (2023)" in out
    assert "TẠM THỜI / chưa đối chiếu văn bản gốc" in out
    assert "Phần A. Sản phẩm và sức mạnh cộng đồng (tối đa 40 điểm)" in out
    assert "Phần C. Chất lượng sản phẩm (tối đa 35 điểm)" in out
    assert "Tiêu chí bắt buộc: A5, C3, C4" in out
    assert "handicraft" not in out and "qd148-2023" not in out


def test_a_sub_group_without_its_own_sheet_is_told_so(ocop) -> None:  # type: ignore[no-untyped-def]
    own = ocop("sheet", "show", "qd1048-2019", "food", "--subgroup", "che")
    assert "phân nhóm Chè tươi, chế biến" in own.stdout and "không có phiếu riêng" not in own.stdout
    other = ocop("sheet", "show", "qd1048-2019", "food", "--subgroup", "tuong-nuoc-mam")
    assert "Phân nhóm 'tuong-nuoc-mam' không có phiếu riêng" in other.stdout


def test_show_json_has_the_codes(ocop) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(ocop("--json", "sheet", "show", "qd1048-2019", "souvenir").stdout)
    sheet = data["sheet"]
    assert (sheet["rulebook"], sheet["group"], sheet["provisional"]) == ("qd1048-2019", "souvenir",
                                                                         True)
    assert [p["maximum"] for p in sheet["parts"]] == [35, 25, 40]
    assert data["shipped"] is True and len(data["fingerprint"]) == 16


@pytest.mark.parametrize(("args", "said"), [
    (("qd2030", "food"), "Không có bộ quy định 'qd2030'"),
    (("qd148-2023", "textile"), "Nhóm sản phẩm 'textile' không có trong QĐ 148/QĐ-TTg (2023)"),
])
def test_show_refuses_an_unknown_rulebook_or_group(ocop, args, said) -> None:  # type: ignore[no-untyped-def]
    result = ocop("sheet", "show", *args)
    assert result.exit_code == 2 and said in result.stderr, result.output


def test_list_names_every_sheet(ocop) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(ocop("--json", "sheet", "list").stdout)
    assert len(data) == 40 and all(row["sheet"]["provisional"] for row in data)
    assert sum(1 for row in data if row["sheet"]["subgroup"]) == 22
    shown = ocop("sheet", "list").stdout
    assert "Đồ uống" in shown and "1048/QĐ-TTg" in shown and "handicraft" not in shown


def test_import_writes_the_province_sheet_and_show_uses_it(ocop, rules_dir: Path,  # type: ignore[no-untyped-def]
                                                           tmp_path: Path) -> None:
    rows = shipped_rows()
    rows[0][5] = "Mua ngoài toàn bộ"
    path = workbook(tmp_path / "phieu.xlsx", rows, title="PHIẾU ĐÁNH GIÁ NHÓM THỰC PHẨM")
    result = ocop("sheet", "import", str(path), "--rulebook", "qd148-2023", "--group", "thực phẩm",
                  "--source", "QĐ 12/QĐ-UBND tỉnh Bắc Giang")
    assert result.exit_code == 0, result.output
    assert "thay phiếu có sẵn của hệ thống cho nhóm này" in result.stdout
    written = rules_dir / "sheets" / "qd148-2023-food-tinh.toml"
    assert written.is_file()
    shown = ocop("sheet", "show", "qd148-2023", "food").stdout
    assert "Mua ngoài toàn bộ" in shown and "QĐ 12/QĐ-UBND tỉnh Bắc Giang" in shown
    assert "TẠM THỜI" not in shown  # the province vouches for its own sheet
    # Again without --replace: refused, the file unchanged; with it: replaced.
    before = written.read_bytes()
    again = ocop("sheet", "import", str(path), "--rulebook", "qd148-2023", "--group", "food")
    assert again.exit_code == 2 and "--replace" in again.stderr
    assert written.read_bytes() == before
    replaced = ocop("sheet", "import", str(path), "--rulebook", "qd148-2023", "--group", "food",
                    "--replace", "--provisional")
    assert replaced.exit_code == 0 and "thay phiếu tỉnh đã nhập trước" in replaced.stdout
    assert "TẠM THỜI" in ocop("sheet", "show", "qd148-2023", "food").stdout


def test_every_bad_row_is_listed_and_nothing_is_written(ocop, rules_dir: Path,  # type: ignore[no-untyped-def]
                                                        tmp_path: Path) -> None:
    rows = shipped_rows()
    rows[1][0] = "D"             # row 3: no part D
    rows[2][6] = "nhiều"         # row 4: points not a number
    rows[5][4] = "a"             # row 7: option a of A2 twice (row 6 has it)
    rows[6][3] = "có"            # row 8: A2 marked mandatory, unlike its first row
    rows[40][4] = None           # row 42: an option code left blank
    path = workbook(tmp_path / "hong.xlsx", rows)
    result = ocop("sheet", "import", str(path), "--rulebook", "qd148-2023", "--group", "food")
    assert result.exit_code == 2, result.output
    assert "Tệp hong.xlsx: 5 lỗi; không ghi gì." in result.stdout
    assert not (rules_dir / "sheets").exists()
    data = ocop("--json", "sheet", "import", str(path), "--rulebook", "qd148-2023", "--group",
                "food")
    assert data.exit_code == 2
    problems = json.loads(data.stdout)["problems"]
    assert [p["row"] for p in problems] == [3, 4, 7, 8, 42]
    out = " ".join(p["reason"] for p in problems)
    for said in ("'D' không phải phần A, B hoặc C", "'nhiều' không phải là số",
                 "mã lựa chọn 'a' của tiêu chí A2 trùng với dòng 6",
                 "tiêu chí A2: cột bắt buộc khác với dòng 6", "cột 'Mã lựa chọn' bỏ trống"):
        assert said in out, said


def test_parts_that_do_not_sum_are_refused_with_their_rows(ocop, rules_dir: Path,  # type: ignore[no-untyped-def]
                                                           tmp_path: Path) -> None:
    rows = shipped_rows()
    rows[3][6] = 3  # A1's best option: 4 → 3
    mandatory = next(i for i, r in enumerate(rows) if r[1] == "C3" and r[6] == 0)
    rows[mandatory][6] = 1  # C3 mandatory, but no option fails it any more
    path = workbook(tmp_path / "tong.xlsx", rows)
    data = ocop("--json", "sheet", "import", str(path), "--rulebook", "qd148-2023", "--group",
                "food")
    assert data.exit_code == 2
    problems = json.loads(data.stdout)["problems"]
    assert {"row": None, "reason": "phần A (dòng 2–49): các tiêu chí cộng tối đa được 39 điểm, "
                                   "QĐ 148/QĐ-TTg (2023) quy định 40"} in problems
    assert any(p["reason"].startswith("tiêu chí bắt buộc C3 cần một lựa chọn 0 điểm")
               for p in problems)
    assert not (rules_dir / "sheets").exists()


def test_a_1048_sheet_under_148_is_refused(ocop, rules_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = workbook(tmp_path / "cu.xlsx", shipped_rows("qd1048-2019", "food"))
    result = ocop("--json", "sheet", "import", str(path), "--rulebook", "qd148-2023", "--group",
                  "food")
    reasons = [p["reason"] for p in json.loads(result.stdout)["problems"]]
    assert result.exit_code == 2 and len(reasons) == 2
    assert "được 35 điểm, QĐ 148/QĐ-TTg (2023) quy định 40" in reasons[0]
    assert "được 40 điểm, QĐ 148/QĐ-TTg (2023) quy định 35" in reasons[1]


def test_import_needs_the_rules_dir_and_the_department(ocop, sqlite_url: str,  # type: ignore[no-untyped-def]
                                                       tmp_path: Path) -> None:
    path = workbook(tmp_path / "phieu.xlsx", shipped_rows())
    args = ("sheet", "import", str(path), "--rulebook", "qd148-2023", "--group", "food")
    no_dir = ocop(*args)
    assert no_dir.exit_code == 7 and "Chưa đặt OCOP_RULES_DIR" in no_dir.stderr
    assert ocop("user", "add", "can-bo", "--role", "district", "--unit",
                "Huyện Yên Thế").exit_code == 0
    assert ocop(*args, user="can-bo").exit_code == 4
    assert ocop("sheet", "show", "qd148-2023", "food", user="can-bo").exit_code == 0


def test_not_a_workbook_is_one_sentence(ocop, rules_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "phieu.xlsx"
    path.write_text("không phải Excel", encoding="utf-8")
    result = ocop("sheet", "import", str(path), "--rulebook", "qd148-2023", "--group", "food")
    assert result.exit_code == 2 and "không phải bảng tính Excel" in result.stderr
    assert "Traceback" not in result.output


def test_a_workbook_without_the_headings_says_which_and_where_the_template_is(  # type: ignore[no-untyped-def]
        ocop, rules_dir: Path, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Phần", "Tiêu chí", "Điểm"])
    book.save(tmp_path / "thieu.xlsx")
    result = ocop("sheet", "import", str(tmp_path / "thieu.xlsx"), "--rulebook", "qd148-2023",
                  "--group", "food")
    said = " ".join(result.stderr.split())
    assert result.exit_code == 2 and "thiếu cột 'Mã tiêu chí', 'Mã lựa chọn', 'Lựa chọn'" in said
    assert "Lấy mẫu bằng: ocop sheet template." in said


def test_the_sheet_in_use_round_trips_through_its_template(ocop, rules_dir: Path,  # type: ignore[no-untyped-def]
                                                           tmp_path: Path) -> None:
    out = tmp_path / "phieu-du-lich.xlsx"
    made = ocop("sheet", "template", "--rulebook", "qd1489-2025", "--group", "tourism", "--out",
                str(out))
    assert made.exit_code == 0, made.output
    guide = [row[0] for row in load_workbook(out)["Hướng dẫn"].iter_rows(values_only=True)]
    assert any("TẠM THỜI" in str(line) for line in guide)
    imported = ocop("sheet", "import", str(out), "--rulebook", "qd1489-2025", "--group", "tourism")
    assert imported.exit_code == 0, imported.output
    book = load_sheets(load_rules(rules_dir), rules_dir)
    mine, shipped = book.sheet_for("qd1489-2025", "tourism"), load_sheets(load_rules()).sheet_for(
        "qd1489-2025", "tourism")
    assert mine.parts == shipped.parts and mine.code == "qd1489-2025-tourism-tinh"


def test_the_blank_template(ocop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "mau.xlsx"
    assert ocop("sheet", "template", "--out", str(out)).exit_code == 0
    first = next(load_workbook(out).worksheets[0].iter_rows(values_only=True))
    assert tuple(first) == HEADINGS
    half = ocop("sheet", "template", "--rulebook", "qd148-2023")
    assert half.exit_code == 2 and "--group" in half.stderr
