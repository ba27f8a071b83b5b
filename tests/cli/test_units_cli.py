"""Units over time through the `ocop` command: lists by date, a 2026 round in a commune under
QĐ 1489, adding, renaming and importing units, and the switch's dry run."""

import json
from collections import Counter
from pathlib import Path

from openpyxl import Workbook

from states.errors import InvalidInput, RuleRefused
from tests.cli.test_cli import ocop  # noqa: F401  (the fixture)

DOCS = ["--add", "registration-form", "--add", "business-plan", "--add", "organisation",
        "--add", "business-registration", "--add", "samples"]


def test_unit_list_on_a_day(ocop) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    today = json.loads(ocop("--json", "unit", "list", today="2026-03-01").stdout)
    assert today[0]["name"] == "Tỉnh Bắc Ninh" and len(today) == 100
    assert Counter(u["level"] for u in today[1:]) == {"commune": 66, "ward": 33}
    then = json.loads(ocop("--json", "unit", "list", today="2022-09-01").stdout)
    assert [u["name"] for u in then][:2] == ["Tỉnh Bắc Giang", "Thành phố Bắc Giang"]
    assert len(then) == 11
    same = json.loads(ocop("--json", "unit", "list", "--on", "01/09/2022", today="2026-03-01").stdout)
    assert same == then
    wards = json.loads(ocop("--json", "unit", "list", "--level", "ward", today="2026-03-01").stdout)
    assert len(wards) == 33
    assert "Đơn vị ngày 01/03/2026 (100)" in ocop("unit", "list", today="2026-03-01").stdout


def test_a_2026_round_in_a_commune_follows_qd1489(ocop) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    day = "2026-03-02"
    assert ocop("user", "add", "can-bo-nam-duong", "--role", "district", "--unit", "Nam Dương",
                today=day).exit_code == 0
    gone = ocop("product", "register", "--unit", "Huyện Lục Ngạn", "--producer", "HTX A",
                "--producer-type", "cooperative", "--name", "Vải", "--group", "food", today=day)
    assert gone.exit_code == RuleRefused.exit_code
    assert "không còn từ ngày 01/07/2025" in gone.stderr and "Xã Nam Dương" in gone.stderr
    registered = ocop("--json", "product", "register", "--unit", "Nam Dương", "--producer",
                      "HTX Vải thiều Nam Dương", "--producer-type", "cooperative",
                      "--name", "Vải thiều sấy", "--group", "food", today=day,
                      user="can-bo-nam-duong")
    assert registered.exit_code == 0, registered.output
    dossier = str(json.loads(registered.stdout)["id"])
    shown = json.loads(ocop("--json", "dossier", "show", dossier, today=day).stdout)
    assert (shown["unit"], shown["round"], shown["rulebook"]) == ("Xã Nam Dương", "2026-1",
                                                                  "qd1489-2025")
    officer = {"today": day, "user": "can-bo-nam-duong"}
    assert ocop("dossier", "inspect", dossier, "--on", day, "--inspectors", "An", **officer).exit_code == 0
    assert ocop("dossier", "score", dossier, "--sheets-ref", "P1", "--points", "45", **officer).exit_code == 0
    low = ocop("dossier", "forward", dossier, **officer)
    assert "điểm cấp xã 45 < 50" in low.stderr
    ocop("dossier", "return", dossier, "--reason", "Chưa đạt", **officer)
    second = json.loads(ocop("--json", "product", "register", "--unit", "07603", "--producer",
                             "HTX Vải thiều Nam Dương", "--producer-type", "cooperative",
                             "--name", "Nước cốt vải", "--group", "beverage", **officer).stdout)
    dossier = str(second["id"])
    ocop("dossier", "inspect", dossier, "--on", day, "--inspectors", "An", **officer)
    ocop("dossier", "score", dossier, "--sheets-ref", "P1", "--points", "72", **officer)
    ocop("dossier", "documents", dossier, *DOCS, **officer)
    # The commune proposes; under QĐ 1489 only the province recognises.
    refused = ocop("dossier", "certify", dossier, "--points", "72", "--decision", "1/QĐ-UBND",
                   "--on", day, **officer)
    assert refused.exit_code == RuleRefused.exit_code and "cấp xã không công nhận" in refused.stderr
    assert ocop("dossier", "forward", dossier, **officer).exit_code == 0
    certified = ocop("--json", "dossier", "certify", dossier, "--points", "78", "--decision",
                     "456/QĐ-UBND", "--on", day, today=day)
    assert certified.exit_code == 0, certified.output
    certificate = json.loads(ocop("--json", "dossier", "show", dossier, today=day).stdout)["certificate"]
    assert (certificate["issuer"], certificate["unit"]) == ("UBND tỉnh Bắc Ninh", "Xã Nam Dương")
    assert certificate["expires_on"] == "2029-03-02"


def test_a_2022_round_is_registered_in_a_district_not_a_commune(ocop) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    result = ocop("product", "register", "--unit", "Xã Tân Mộc", "--producer", "HTX A",
                  "--producer-type", "cooperative", "--name", "Vải", "--group", "food")
    assert result.exit_code == RuleRefused.exit_code
    assert "tại cấp huyện; Xã Tân Mộc là đơn vị cấp xã" in result.stderr


def test_add_and_rename_units(ocop) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    added = ocop("--json", "unit", "add", "Xã Bích Sơn", "--code", "viet-yen.xa-bich-son",
                 "--level", "commune", "--parent", "Việt Yên", "--until", "2019-12-31")
    assert added.exit_code == 0, added.output
    assert json.loads(added.stdout)["parent"] == "Huyện Việt Yên"
    again = ocop("unit", "add", "Xã Bích Sơn", "--code", "viet-yen.xa-bich-son", "--level",
                 "commune", "--parent", "Việt Yên")
    assert again.exit_code == InvalidInput.exit_code and "đã có" in again.stderr
    renamed = ocop("--json", "unit", "rename", "Sơn Động", "Thị xã Sơn Động", "--on", "2023-01-01",
                   "--basis", "thử", today="2023-02-01")
    assert renamed.exit_code == 0, renamed.output
    names = {d: {u["code"]: u["name"] for u in json.loads(
        ocop("--json", "unit", "list", "--on", d, today="2023-02-01").stdout)}
        for d in ("2022-12-31", "2023-01-01")}
    assert (names["2022-12-31"]["son-dong"], names["2023-01-01"]["son-dong"]) == (
        "Huyện Sơn Động", "Thị xã Sơn Động")


def test_import_units_from_xlsx_and_refuse_a_bad_csv(ocop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["code", "name", "level", "parent", "valid_from", "contacts"])
    sheet.append(["son-dong.xa-an-chau", "Xã An Châu", "xã", "son-dong", None,
                  "ocop.anchau@bacgiang.gov.vn"])
    sheet.append(["son-dong.tt-an-chau", "Thị trấn An Châu", "thị trấn", "Sơn Động", "2019-12-01",
                  None])
    book.save(tmp_path / "don-vi.xlsx")
    result = ocop("--json", "unit", "import", str(tmp_path / "don-vi.xlsx"))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["added"] == 2
    communes = json.loads(ocop("--json", "unit", "list", "--level", "commune").stdout)
    assert "Xã An Châu" in [u["name"] for u in communes]
    bad = tmp_path / "sai.csv"
    bad.write_text("code,name,level,parent\nx1,Xã Một,xã,son-dong\nx2,Xã Hai,làng,son-dong\n"
                   "x3,,xã,son-dong\nx4,Xã Bốn,xã,Huyện Không Có\n", encoding="utf-8")
    refused = ocop("unit", "import", str(bad))
    assert refused.exit_code == InvalidInput.exit_code
    assert "3 dòng lỗi, không ghi gì" in refused.stderr
    assert "dòng 3: cấp 'làng' không rõ" in refused.stderr and "dòng 5:" in refused.stderr
    codes = [u["code"] for u in json.loads(ocop("--json", "unit", "list", "--level", "commune").stdout)]
    assert "x1" not in codes


def test_producer_communes_from_a_file_then_the_switch(ocop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    ids = []
    for name in ("Vải thiều", "Mỳ Chũ"):
        out = ocop("--json", "product", "register", "--unit", "Lục Ngạn", "--producer",
                   f"HTX {name}", "--producer-type", "cooperative", "--name", name,
                   "--group", "food")
        ids.append(json.loads(out.stdout)["id"])
    sheet = tmp_path / "xa.csv"
    sheet.write_text(f"dossier,commune\n{ids[0]},Tân Mộc\n{ids[1]},Không Có\n", encoding="utf-8")
    refused = ocop("producer", "import-communes", str(sheet), today="2025-06-20")
    assert refused.exit_code == InvalidInput.exit_code and "dòng 3" in refused.stderr
    sheet.write_text(f"dossier,commune\n{ids[0]},Tân Mộc\n{ids[1]},Quý Sơn\n", encoding="utf-8")
    assert ocop("producer", "import-communes", str(sheet), today="2025-06-20").exit_code == 0
    plan = ocop("unit", "reorganise", "--plan", "bac-ninh-2025", "--on", "2025-07-01",
                "--dry-run", today="2025-06-20")
    assert plan.exit_code == 0, plan.output
    assert "Xã Nam Dương" in plan.stdout and "Phường Phượng Sơn" in plan.stdout
    assert "Chạy thử: không ghi gì" in plan.stdout
    unknown = ocop("unit", "reorganise", "--plan", "khong-co", "--on", "2025-07-01", "--dry-run")
    assert unknown.exit_code == 5 and "bac-ninh-2025" in unknown.stderr
