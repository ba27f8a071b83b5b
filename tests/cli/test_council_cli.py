"""`ocop council` end to end: a council of four scores through the command line, the province
recognises 4 stars from the members' sheets, a mandatory failure stops a 95-point product, a
reopened sheet is in the dossier's history, and each bad input is one sentence, its exit code
and no change."""

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import Result
from openpyxl import load_workbook

import bootstrap.system
from states.runtime import Runtime
from tests.builders import advance, register
from tests.cli.actors import invoke
from tests.conftest import make_runtime
from tests.states.evaluation.councils_setup import (
    EIGHTY,
    EIGHTY_FIVE,
    HUNDRED,
    MEMBERS,
    NINETY_FIVE_FAILED,
    SEVENTY,
    fixture_sheet,
    seat_people,
)
from use_cases.queries import show_dossier

MEETING = "2022-03-07"


@pytest.fixture
def db(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(bootstrap.system, "SHEET_FINDER", fixture_sheet)
    return sqlite_url


SET_UP = "2022-03-01"  # the builders' day: dossiers forwarded, the council set up


def ocop(db: str, *args: str, user: str = "admin", today: str = SET_UP) -> Result:
    return invoke(db, "--json", *args, user=user, today=today)


def plain(db: str, *args: str, user: str = "admin", today: str = SET_UP) -> Result:
    return invoke(db, *args, user=user, today=today)


def _forwarded(db: str, count: int) -> tuple[Runtime, list[int], str]:
    rt = make_runtime(db)
    rt.sheet_finder = fixture_sheet
    seat_people(rt)
    ids = [register(rt, name=f"Sản phẩm {n}", producer=f"HTX số {n}") for n in range(count)]
    for dossier in ids:
        advance(rt, dossier, "provincial_review")
    return rt, ids, show_dossier(rt, "admin", ids[0]).round


def council_in_session(db: str, count: int = 1) -> tuple[Runtime, str, list[int]]:
    rt, ids, round_code = _forwarded(db, count)
    made = ocop(db, "council", "create", "--name", "Hội đồng tỉnh", "--level", "hội đồng cấp tỉnh",
                "--round", round_code, "--unit", "bac-giang")
    assert made.exit_code == 0, made.output
    council = str(json.loads(made.stdout)["id"])
    for name, role in zip(MEMBERS, ["chair", "secretary", "member", "member"], strict=True):
        assert ocop(db, "council", "add-member", council, name, "--role", role).exit_code == 0
    assert ocop(db, "council", "add-dossier", council, *map(str, ids)).exit_code == 0
    met = ocop(db, "council", "meeting", council, "--on", MEETING)
    assert met.exit_code == 0, met.output
    assert ocop(db, "council", "package-sent", council, "--on", "2022-03-01").exit_code == 0
    opened = ocop(db, "council", "open", council, user="chu-tich", today=MEETING)
    assert opened.exit_code == 0, opened.output
    return rt, council, ids


def score(db: str, council: str, dossier: int, member: str, sheet: dict[str, str]) -> None:
    chosen = ocop(db, "council", "score", council, str(dossier),
                  *(f"{k}={v}" for k, v in sheet.items()), user=member, today=MEETING)
    assert chosen.exit_code == 0, chosen.output
    assert ocop(db, "council", "submit", council, str(dossier), user=member,
                today=MEETING).exit_code == 0


def test_a_provincial_four_star_result_follows_from_the_members_sheets(db: str,
                                                                      tmp_path: Path) -> None:
    _, council, [dossier] = council_in_session(db)
    for member, sheet in zip(MEMBERS, [EIGHTY, EIGHTY_FIVE, SEVENTY, EIGHTY], strict=True):
        score(db, council, dossier, member, sheet)
    shown = plain(db, "council", "result", council, str(dossier), user="uy-vien-1", today=MEETING)
    assert "Trung bình 78,75: 4 sao." in shown.stdout and "tạm thời" in shown.stdout
    closed = ocop(db, "council", "close", council, user="chu-tich", today=MEETING)
    assert json.loads(closed.stdout)["results"][0]["stars"] == 4
    book = tmp_path / "tong-hop.xlsx"
    assert plain(db, "council", "summary", council, "--out", str(book)).exit_code == 0
    rows = [r for r in load_workbook(book).active.iter_rows(values_only=True) if r and r[0]]
    assert "tạm thời" in str(rows[0][0])
    assert rows[2][2:7] == ("chu-tich", 25, 25, 30, 80)
    assert rows[-1][2:8] == ("Trung bình của hội đồng", None, None, None, 78.75, 4)
    early = plain(db, "dossier", "certify", str(dossier), "--decision", "5/QĐ-UBND",
                  "--on", MEETING, today=MEETING)
    assert early.exit_code == 3 and "chưa được công bố" in early.stderr
    before = ocop(db, "council", "show", council).stdout
    for day, words in [("2022-03-10", "Ngày công bố kết quả 10/03/2022 không thể ở tương lai."),
                       ("2022-03-04", "trước ngày hội đồng 'Hội đồng tỉnh' kết thúc phiên họp")]:
        refused = plain(db, "council", "publish", council, "--on", day, today="2022-03-09")
        assert refused.exit_code == 2 and words in refused.stderr, refused.output
        assert len(refused.stderr.strip().splitlines()) == 1 and "Traceback" not in refused.output
    assert ocop(db, "council", "show", council).stdout == before
    # Recorded two days later, dated the meeting day: 5 working days from Monday 07/03.
    published = plain(db, "council", "publish", council, "--on", "07/03/2022", today="2022-03-09")
    assert published.exit_code == 0, published.output
    assert ("Công bố kết quả ngày 07/03/2022; thời hạn khiếu nại 5 ngày làm việc, đến hết ngày "
            "14/03/2022 (tạm thời") in published.stdout
    waiting = plain(db, "dossier", "certify", str(dossier), "--decision", "5/QĐ-UBND",
                    "--on", "2022-03-14", today="2022-03-14")
    assert waiting.exit_code == 3 and "đến hết ngày 14/03/2022" in waiting.stderr
    assert len(waiting.stderr.strip().splitlines()) == 1 and "Traceback" not in waiting.output
    twice = plain(db, "council", "publish", council, today="2022-03-12")
    assert twice.exit_code == 3 and "đã công bố ngày 07/03/2022" in twice.stderr
    certified = ocop(db, "dossier", "certify", str(dossier), "--decision", "5/QĐ-UBND",
                     "--on", "2022-03-15", today="2022-03-15")
    assert certified.exit_code == 0, certified.output
    assert json.loads(certified.stdout)["certificate"]["stars"] == 4


def test_a_mandatory_failure_stops_a_95_point_product(db: str) -> None:
    _, council, [dossier] = council_in_session(db)
    for member in MEMBERS:
        score(db, council, dossier, member, NINETY_FIVE_FAILED)
    closed = plain(db, "council", "close", council, user="chu-tich", today=MEETING)
    assert "Hồ sơ 1: 95 điểm, không đạt tiêu chí bắt buộc A0 (4/4 thành viên)." in closed.stdout
    refused = ocop(db, "dossier", "certify", str(dossier), "--decision", "5/QĐ-UBND",
                   "--on", MEETING, today=MEETING)
    assert refused.exit_code == 3 and "không đạt tiêu chí bắt buộc: A0" in refused.stderr
    assert ocop(db, "dossier", "not-recognise", str(dossier), today=MEETING).exit_code == 0


def test_a_reopened_sheet_is_in_the_dossiers_history(db: str) -> None:
    _, council, [dossier] = council_in_session(db)
    score(db, council, dossier, "uy-vien-1", EIGHTY)
    reopened = ocop(db, "council", "reopen", council, str(dossier), "--member", "uy-vien-1",
                    "--reason", "Nhầm tiêu chí C1", user="chu-tich", today=MEETING)
    assert reopened.exit_code == 0 and json.loads(reopened.stdout)["status"] == "draft"
    history = json.loads(ocop(db, "dossier", "history", str(dossier)).stdout)
    assert [(e["trigger"], e["actor"], e["note"]) for e in history
            if e["trigger"] == "reopen_sheet"] == [("reopen_sheet", "chu-tich", "Nhầm tiêu chí C1")]


BAD = [  # (who, command, exit code, the sentence's words)
    ("uy-vien-1", ["score", "{c}", "{d}", "A1=7"], 2, "không có lựa chọn '7'"),
    ("uy-vien-1", ["score", "{c}", "{d}", "A1"], 2, "TIÊU_CHÍ=LỰA_CHỌN"),
    ("admin", ["score", "{c}", "{d}", "A1=1"], 4, "không phải thành viên"),
    ("uy-vien-2", ["score", "{c}", "{d}", "A1=1"], 3, "xung đột lợi ích"),
    ("chu-tich", ["submit", "{c}", "{d}"], 3, "đã nộp"),
    # Issue 24: a save from an older version of the sheet (another tab, another machine).
    ("uy-vien-1", ["score", "{c}", "{d}", "A1=1", "--version", "3"], 6, "vừa được lưu ở nơi khác"),
    ("uy-vien-1", ["submit", "{c}", "{d}", "--version", "1"], 6, "vừa được lưu ở nơi khác"),
    ("chu-tich", ["close", "{c}"], 3, "chưa nộp phiếu"),
    ("admin", ["publish", "{c}"], 3, "chưa kết thúc phiên họp"),
    ("admin", ["publish", "{c}", "--on", "2022-13-01"], 2, "không hợp lệ"),
    ("uy-vien-1", ["sheet", "{c}", "{d}", "--member", "chu-tich"], 4, "mọi thành viên đã nộp"),
    ("thu-ky-hd", ["reopen", "{c}", "{d}", "--member", "chu-tich", "--reason", "x"], 4,
     "Chỉ chủ tịch"),
]


@pytest.mark.parametrize(("user", "command", "code", "words"), BAD)
def test_bad_input_is_one_sentence_its_exit_code_and_no_change(
        db: str, user: str, command: list[str], code: int, words: str) -> None:
    _, council, [dossier] = council_in_session(db)
    ocop(db, "council", "conflict", council, str(dossier), "--reason", "Người nhà",
         user="uy-vien-2", today=MEETING)
    score(db, council, dossier, "chu-tich", EIGHTY)
    before = ocop(db, "council", "show", council).stdout
    args = [part.format(c=council, d=dossier) for part in command]
    done = plain(db, "council", *args, user=user, today=MEETING)
    assert done.exit_code == code, done.output
    assert words in done.stderr and "Traceback" not in done.output
    assert len(done.stderr.strip().splitlines()) == 1
    assert ocop(db, "council", "show", council).stdout == before


def test_scoring_before_the_session_opens_is_refused(db: str) -> None:
    _, ids, round_code = _forwarded(db, 1)
    made = ocop(db, "council", "create", "--name", "HĐ", "--level", "provincial", "--round",
                round_code, "--unit", "bac-giang")
    council = str(json.loads(made.stdout)["id"])
    ocop(db, "council", "add-member", council, "chu-tich", "--role", "chair")
    ocop(db, "council", "add-dossier", council, str(ids[0]))
    ocop(db, "council", "meeting", council, "--on", MEETING)
    early = plain(db, "council", "open", council, user="chu-tich", today=MEETING)
    assert early.exit_code == 3 and "Chưa ghi ngày gửi tài liệu" in early.stderr
    scored = plain(db, "council", "score", council, str(ids[0]), "A1=1", user="chu-tich",
                    today=MEETING)
    assert scored.exit_code == 3 and "chưa mở" in scored.stderr


def test_paper_sheets_need_their_reference(db: str) -> None:
    rt = make_runtime(db)
    dossier = register(rt)
    advance(rt, dossier, "district_inspected")
    missing = plain(db, "dossier", "score", str(dossier), "--members", "60,62")
    assert missing.exit_code == 2 and "--sheets-ref" in missing.output
    done = plain(db, "dossier", "score", str(dossier), "--members", "60,62", "--sheets-ref",
                  "PG-2022/07")
    assert "Điểm hội đồng đã ghi: 61 (trung bình của 60; 62), từ phiếu giấy PG-2022/07." in done.stdout
    assert json.loads(ocop(db, "dossier", "show", str(dossier)).stdout)["district_points"] == 61


def test_a_members_sheet_prints_as_pdf_saying_provisional(db: str, tmp_path: Path) -> None:
    _, council, [dossier] = council_in_session(db)
    score(db, council, dossier, "uy-vien-1", EIGHTY)
    out = tmp_path / "phieu.pdf"
    done = plain(db, "council", "sheet", council, str(dossier), "--out", str(out),
                 user="uy-vien-1", today=MEETING)
    assert done.exit_code == 0, done.output
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "TẠM THỜI" in text and "TỔNG ĐIỂM" in text and "80" in text


def test_the_minutes_name_who_abstained_and_the_results(db: str, tmp_path: Path) -> None:
    _, council, [dossier] = council_in_session(db)
    ocop(db, "council", "conflict", council, str(dossier), "--reason", "Người nhà chủ thể",
         user="uy-vien-2", today=MEETING)
    for member in MEMBERS[:3]:
        score(db, council, dossier, member, NINETY_FIVE_FAILED)
    early = plain(db, "council", "minutes", council, "--out", str(tmp_path / "x.pdf"))
    assert early.exit_code == 3 and "chưa kết thúc" in early.stderr
    assert ocop(db, "council", "close", council, user="chu-tich", today=MEETING).exit_code == 0
    out = tmp_path / "bien-ban.pdf"
    assert plain(db, "council", "minutes", council, "--out", str(out)).exit_code == 0
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Không chấm (xung đột lợi ích): uy-vien-2: Người nhà chủ thể" in text
    assert "không đạt tiêu chí bắt buộc A0 (3/3 thành viên)" in text and "TẠM THỜI" in text


def test_five_stars_go_to_the_central_council_never_a_provincial_decision(
        db: str, tmp_path: Path) -> None:
    _, council, [top, good] = council_in_session(db, 2)
    for member in MEMBERS:
        score(db, council, top, member, HUNDRED)
        score(db, council, good, member, EIGHTY)
    assert ocop(db, "council", "close", council, user="chu-tich", today=MEETING).exit_code == 0
    out = tmp_path / "de-nghi.pdf"
    assert plain(db, "council", "proposal", council, "--out", str(out)).exit_code == 0
    text = " ".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    provincial, _, upward = text.partition("TỜ TRÌNH ĐỀ NGHỊ HỘI ĐỒNG")
    assert "QUYẾT ĐỊNH CỦA UBND TỈNH" in provincial and f"Hồ sơ {good}" in provincial
    assert f"Hồ sơ {top}" not in provincial
    assert "CẤP TRUNG ƯƠNG" in upward and f"Hồ sơ {top}, Sản phẩm 0: 100 điểm, 5 sao" in upward
