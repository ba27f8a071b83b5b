"""A council's printouts from its page (issue 21): each member's sheet (PDF), and once closed
the summary (.xlsx), minutes and draft proposal (PDF), with the CLI's permission checks. The PDF
text is read back with pdftotext and names the council."""

import io
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import at
from tests.states.evaluation.councils_setup import (
    EIGHTY,
    EIGHTY_FIVE,
    MEETING,
    MEMBERS,
    SEVENTY,
    provincial_council,
    score_all,
)
from tests.web.conftest import PASSWORD, Site
from use_cases import councils as uc
from use_cases.identity import set_password

NAME = "Hội đồng OCOP tỉnh đợt 1"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEETS = {"chu-tich": EIGHTY, "thu-ky-hd": EIGHTY_FIVE, "uy-vien-1": SEVENTY, "uy-vien-2": EIGHTY}


@pytest.fixture
def council(site: Site) -> Iterator[tuple[Site, int, int]]:
    council_id, (dossier,) = provincial_council(site.rt)
    for name in MEMBERS:
        set_password(site.rt, "admin", name, PASSWORD, must_change=False)
    uc.open_session(at(site.rt, MEETING), "chu-tich", council_id)
    yield site, council_id, dossier


def pdf_text(content: bytes, tmp_path: Path) -> str:
    path = tmp_path / "printout.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_a_member_prints_their_own_sheet_and_others_only_once_all_have_submitted(
        council: tuple[Site, int, int], tmp_path: Path) -> None:
    site, council_id, dossier = council
    score_all(site.rt, council_id, dossier, {"uy-vien-1": SEVENTY}, submit=False)
    member = site.login("uy-vien-1")
    page = member.get(f"/councils/{council_id}").text
    mine = f"/councils/{council_id}/dossiers/{dossier}/sheet.pdf?member=uy-vien-1"
    assert f'href="{mine}"' in page and "sheet.pdf?member=chu-tich" not in page
    assert "có sau khi chủ tịch kết thúc phiên họp" in page and "TẠM THỜI" in page
    reply = member.get(mine)
    assert reply.status_code == 200 and reply.headers["content-type"] == "application/pdf"
    assert "attachment" in reply.headers["content-disposition"]
    text = pdf_text(reply.content, tmp_path)
    assert f"Hội đồng: {NAME}" in text and "TẠM THỜI" in text and "chưa nộp (nháp)" in text
    own = member.get(f"/councils/{council_id}/dossiers/{dossier}/sheet.pdf")  # no member: mine
    assert own.status_code == 200 and own.content[:4] == b"%PDF"
    other = member.get(f"/councils/{council_id}/dossiers/{dossier}/sheet.pdf?member=chu-tich")
    assert other.status_code == 403 and "mọi thành viên đã nộp" in other.text
    score_all(site.rt, council_id, dossier, SHEETS)
    page = member.get(f"/councils/{council_id}").text
    assert "sheet.pdf?member=chu-tich" in page and page.count("sheet.pdf?member=") == 4
    assert member.get(f"/councils/{council_id}/dossiers/{dossier}/sheet.pdf?member=chu-tich"
                      ).status_code == 200


def test_the_closed_councils_summary_minutes_and_proposal_download(
        council: tuple[Site, int, int], tmp_path: Path) -> None:
    site, council_id, dossier = council
    department = site.login("admin")
    early = department.get(f"/councils/{council_id}/summary.xlsx")
    assert early.status_code == 409 and "chưa kết thúc phiên họp" in early.text
    score_all(site.rt, council_id, dossier, SHEETS)
    uc.close(site.rt, "chu-tich", council_id)
    page = department.get(f"/councils/{council_id}").text
    for link in ("summary.xlsx", "minutes.pdf", "proposal.pdf"):
        assert f'href="/councils/{council_id}/{link}"' in page
    summary = department.get(f"/councils/{council_id}/summary.xlsx")
    assert summary.status_code == 200 and summary.headers["content-type"] == XLSX
    sheet = load_workbook(io.BytesIO(summary.content)).active
    assert sheet is not None
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert any(NAME in c for c in cells) and "Trung bình của hội đồng" in cells
    minutes = department.get(f"/councils/{council_id}/minutes.pdf")
    assert minutes.headers["content-type"] == "application/pdf"
    text = pdf_text(minutes.content, tmp_path)
    assert "BIÊN BẢN HỌP" in text and NAME in text and "cấp tỉnh" in text
    proposal = department.get(f"/councils/{council_id}/proposal.pdf")
    text = " ".join(pdf_text(proposal.content, tmp_path).split())
    assert proposal.headers["content-type"] == "application/pdf" and NAME in text
    assert "QĐ 1048/QĐ-TTg" in text and "4 sao" in text
    assert "attachment" in proposal.headers["content-disposition"]


def test_outsiders_get_403_and_missing_councils_404(council: tuple[Site, int, int]) -> None:
    site, council_id, dossier = council
    score_all(site.rt, council_id, dossier, SHEETS)
    uc.close(site.rt, "chu-tich", council_id)
    outsider = site.login("can-bo-luc-ngan")  # another unit's officer, on no seat
    department = site.login("admin")
    for path in ("summary.xlsx", "minutes.pdf", "proposal.pdf",
                 f"dossiers/{dossier}/sheet.pdf?member=uy-vien-1"):
        reply = outsider.get(f"/councils/{council_id}/{path}")
        assert reply.status_code == 403 and "không được xem phiếu" in reply.text, path
        assert department.get(f"/councils/999/{path}").status_code == 404
    missing = department.get(f"/councils/{council_id}/dossiers/{dossier}/sheet.pdf?member=ai")
    assert missing.status_code == 404
    assert department.get(f"/councils/{council_id}/dossiers/{dossier}/sheet.pdf?member="
                          + "x" * 101).status_code == 404
