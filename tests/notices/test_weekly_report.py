"""The Department's weekly report carries the training coverage and the consultant report,
each in the body and as its own .xlsx."""

import base64
from datetime import date
from io import BytesIO

from openpyxl import load_workbook
from sqlalchemy import select

from states.db.models import OutboxMessage
from states.runtime import Runtime
from states.training.preparation_commands import parse_preparation
from tests.conftest import at
from use_cases import admin, schedules
from use_cases import dossiers as c


def sheet_rows(attachment: dict[str, str]) -> list[tuple[object, ...]]:
    book = load_workbook(BytesIO(base64.b64decode(attachment["content_b64"])), read_only=True)
    return [tuple(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def test_weekly_report_adds_coverage_and_consultants(rt: Runtime) -> None:
    admin.add_user(rt, "admin", "can-bo-yen-the", "district", "Yên Thế", "canbo@yenthe.vn")
    at(rt, date(2022, 3, 1))
    dossier_id = c.register_product(
        rt, "admin", unit="Yên Thế", producer="HTX Gà đồi", producer_type="cooperative",
        product="Gà đồi", group="food", preparation=parse_preparation(
            None, None, "Cty TNHH Tư vấn ABC", ["whole-dossier"])).id
    c.inspect(rt, "admin", dossier_id, on=date(2022, 3, 1), inspectors=["Nguyễn Văn An"])
    c.score(rt, "admin", dossier_id, totals=[44])
    c.return_dossier(rt, "admin", dossier_id, reason="Dưới 50 điểm")
    at(rt, date(2022, 3, 7))
    assert schedules.stuck_report(rt).queued == 1
    with rt.transaction() as session:
        report = session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "stuck_report"))
    assert report is not None
    assert [a["filename"] for a in report.attachments] == [
        "ho-so-ton-dong-20220307.xlsx", "do-phu-tap-huan-20220307.xlsx", "bao-cao-tu-van-2022.xlsx"]
    assert "10/10 đơn vị không có cán bộ OCOP nào được tập huấn từ ngày 07/03/2021" in report.text_body
    assert "- Cty TNHH Tư vấn ABC: 1 hồ sơ, 1 trả lại, 0 không công nhận, không đạt 100.0%" \
        in report.text_body
    assert "<td>Cty TNHH Tư vấn ABC</td>" in report.html_body
    coverage = sheet_rows(report.attachments[1])
    assert ("Huyện Yên Thế", "Chưa (thiếu)", "can-bo-yen-the", "can-bo-yen-the", "chưa tập huấn",
            None) in coverage
    consultants = sheet_rows(report.attachments[2])
    assert consultants[2][:3] == ("Người chuẩn bị hồ sơ", "Hình thức", "Số hồ sơ")
    # Returned below 50 points and with every required document missing: both counts.
    assert ("Cty TNHH Tư vấn ABC", "Thuê tư vấn", 1, 1, 0, 1, 1, 1, 0, 100, 44, None, 0) in consultants
