"""Issue 22: the yearly report: the figures (per star, group and unit; renewals, expiries,
revocations; imported history by year), its .xlsx and its PDF with the stars chart, from the
CLI (`ocop report year`) and the web download."""

import json
import subprocess
from datetime import date
from io import BytesIO
from pathlib import Path

from openpyxl import load_workbook

from states.errors import InvalidInput, PermissionDenied
from states.vocabulary import RevocationReason, label
from tests.builders import advance, register
from tests.cli.actors import invoke
from tests.conftest import at, make_runtime
from use_cases import dossiers as c
from use_cases.campaigns import open_campaign
from use_cases.yearly_report import yearly_report


def certified(rt, day: date, unit: str, name: str, points: float = 75) -> int:  # type: ignore[no-untyped-def]
    dossier_id = register(at(rt, day), unit=unit, name=name)
    advance(rt, dossier_id, "certified", provincial=points)
    return dossier_id


def two_years(url: str) -> None:
    """2019: two products (4★ Lục Ngạn, 3★ Yên Thế); 2022: one renewed, one new, one revoked."""
    rt = make_runtime(url)
    renewed = certified(rt, date(2019, 10, 10), "Huyện Lục Ngạn", "Vải thiều sấy")
    revoked = certified(rt, date(2019, 11, 4), "Huyện Yên Thế", "Gà đồi", points=55)
    certified(rt, date(2022, 3, 1), "Huyện Yên Thế", "Mật ong")
    at(rt, date(2022, 9, 5))
    open_campaign(rt, "admin", "renewal", date(2022, 10, 15))
    at(rt, date(2022, 9, 12))
    advance(rt, renewed, "certified", provincial=92 - 10)
    c.revoke(rt, "admin", revoked, reason="ceased", decision="45/QĐ-UBND")
    rt.db.dispose()


def test_the_years_figures(sqlite_url: str) -> None:
    two_years(sqlite_url)
    rt = make_runtime(sqlite_url, today=date(2022, 12, 20))
    report = yearly_report(rt, "admin", 2022)
    figures = report.figures
    assert figures.by_stars == {4: 2} and figures.renewed == {4: 1}
    assert figures.by_unit == {"Huyện Lục Ngạn": {4: 1}, "Huyện Yên Thế": {4: 1}}
    assert figures.by_group == {"food": {4: 2}} and figures.revoked == {"ceased": 1}
    assert figures.history == {2019: {3: 1, 4: 1}, 2022: {4: 2}}
    titles = [s.title for s in report.sections]
    assert titles[0] == "Công nhận theo số sao" and "Công nhận theo nhóm sản phẩm" in titles
    groups = report.sections[1]
    assert groups.rows[0][0] == "Thực phẩm" and groups.rows[-1] == ("Tổng", 0, 2, 0, 2)
    endings = dict(report.sections[3].rows)
    assert endings[f"Thu hồi: {label(RevocationReason.CEASED)}"] == 1
    assert endings["Được công nhận lại sau đánh giá lại"] == 1
    assert yearly_report(rt, "admin", 2019).figures.by_stars == {3: 1, 4: 1}


def test_report_year_writes_the_pdf_and_the_workbook(sqlite_url: str, tmp_path: Path) -> None:
    two_years(sqlite_url)
    pdf, xlsx = tmp_path / "bao-cao.pdf", tmp_path / "bao-cao.xlsx"
    for out in (pdf, xlsx):
        done = invoke(sqlite_url, "report", "year", "2022", "--out", str(out), today="2022-12-20")
        assert done.exit_code == 0, done.output
        assert f"Đã ghi {out}." in done.stdout and "Công nhận theo số sao" in done.stdout
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    text = " ".join(text.split())
    assert "BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH OCOP NĂM 2022" in text
    assert "Biểu đồ: Sản phẩm được công nhận theo năm và số sao" in text
    assert "Số sản phẩm" in text and "2019" in text  # the chart's own axis and years, as text
    book = load_workbook(xlsx)
    assert book.sheetnames[:2] == ["Công nhận theo số sao", "Công nhận theo nhóm sản phẩm"]
    sheet = book["Công nhận theo đơn vị"]
    assert [c.value for c in sheet[4]] == ["Huyện Lục Ngạn", 0, 1, 0, 1]
    as_json = json.loads(invoke(sqlite_url, "--json", "report", "year", "2022").stdout)
    assert as_json["by_stars"] == {"4": 2} and as_json["year"] == 2022


def test_bad_requests_change_nothing_and_say_why(sqlite_url: str, tmp_path: Path) -> None:
    two_years(sqlite_url)
    wrong = invoke(sqlite_url, "report", "year", "2022", "--out", str(tmp_path / "x.docx"))
    assert wrong.exit_code == InvalidInput.exit_code and ".pdf hoặc .xlsx" in wrong.stderr
    assert not (tmp_path / "x.docx").exists() and "Traceback" not in wrong.output
    missing = invoke(sqlite_url, "report", "year", "2022", "--out", str(tmp_path / "no" / "x.pdf"))
    assert missing.exit_code == InvalidInput.exit_code and "không có" in missing.stderr
    assert invoke(sqlite_url, "report", "year", "3000").exit_code == InvalidInput.exit_code
    invoke(sqlite_url, "user", "add", "ln", "--role", "district", "--unit", "Lục Ngạn")
    refused = invoke(sqlite_url, "report", "year", "2022", user="ln")
    assert refused.exit_code == PermissionDenied.exit_code


def test_the_web_download_is_the_same_report(sqlite_url: str) -> None:
    from tests.web.conftest import site_for

    two_years(sqlite_url)
    for site in site_for(sqlite_url):
        client = site.login("admin")
        assert 'href="/report/2022.pdf"' in client.get("/dashboard").text
        pdf = client.get("/report/2022.pdf")
        assert pdf.headers["content-type"] == "application/pdf" and pdf.content[:5] == b"%PDF-"
        assert pdf.headers["content-disposition"] == 'attachment; filename="bao-cao-ocop-2022.pdf"'
        book = load_workbook(BytesIO(client.get("/report/2022.xlsx").content))
        assert book["Công nhận theo số sao"].cell(4, 2).value == 0  # 3★ in 2022
        assert site.login("can-bo-yen-the").get("/report/2022.pdf").status_code == 403
