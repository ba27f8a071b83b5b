"""Training in the web application (the Department's): a course opened for the units it invites,
attendance by hand and from the uploaded sheet, the coverage with its gaps and its .xlsx."""

import re
from datetime import date
from io import BytesIO
from typing import Any

from fastapi.testclient import TestClient
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from states.db.models import OutboxMessage, TrainingAttendance
from tests.conftest import at
from tests.web.conftest import Site, csrf_of
from tests.web.test_pages import new_id, post

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attendance_sheet(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [["DANH SÁCH ĐIỂM DANH"], [], ["STT", "Họ và tên", "Đơn vị", "Ký tên"], *rows]:
        sheet.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client: TestClient, course: int, data: bytes, name: str = "diem-danh.xlsx",
           **fields: str) -> Any:
    token = csrf_of(client.get(f"/training/{course}").text)
    return client.post(f"/training/{course}/sheet", data={"csrf": token, **fields},
                       files={"sheet": (name, data, XLSX)})


def opened(client: TestClient, **fields: Any) -> int:
    reply = post(client, "/training", **{
        "title": "Tập huấn nghiệp vụ OCOP 2022", "organiser": "Sở NN&PTNT Bắc Giang",
        "starts_on": "2022-03-10", "ends_on": "2022-03-11", "place": "Hội trường Sở",
        "topics": "Quy trình đánh giá\nHướng dẫn chủ thể tự làm hồ sơ",
        "unit": ["yen-the", "luc-ngan"], **fields})
    assert reply.status_code == 303, reply.text
    assert "?done=open&queued=" in reply.headers["location"]
    return new_id(reply, "training")


def test_the_department_opens_a_course_records_attendance_and_reads_the_coverage(
        any_site: Site) -> None:
    department = any_site.login("admin")
    course = opened(department)
    page = department.get(f"/training/{course}?done=open&queued=2").text
    assert "2 giấy mời vào hộp thư đi" in page
    assert "Huyện Lục Ngạn" in page and "Huyện Yên Thế" in page and "Hướng dẫn chủ thể" in page
    assert "ghi danh sách tham dự từ ngày đó" in page  # not begun: nothing to record yet
    with any_site.rt.transaction() as session:
        assert len(session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "training_invitation")).all()) == 2
    assert "Tập huấn nghiệp vụ OCOP 2022" in department.get("/training").text

    at(any_site.rt, date(2022, 3, 14))
    page = department.get(f"/training/{course}").text
    assert 'value="can-bo-yen-the"' in page and 'value="can-bo-luc-ngan"' in page
    assert post(department, f"/training/{course}/attendance",
                officer="can-bo-yen-the").status_code == 303
    page = department.get(f"/training/{course}?done=attend").text
    assert "Đã ghi danh sách tham dự" in page and "nhập tay" in page
    assert 'value="can-bo-yen-the"' not in page  # recorded: no longer offered

    sheet = attendance_sheet([[1, "can-bo-luc-ngan", "Huyện Lục Ngạn", "x"],
                              [2, "Không Có Ai", "Lục Ngạn", "x"],
                              [3, "can-bo-yen-the", "Yên Thế", "đã ký"],
                              [4, "Người Vắng", "Yên Thế", ""]])
    checked = upload(department, course, sheet, dry_run="1")
    assert checked.status_code == 200
    assert "Sẽ ghi 1 người (can-bo-luc-ngan); 1 người đã có trước" in checked.text
    assert "Huyện Lục Ngạn không có người dùng tên &#39;Không Có Ai&#39;" in checked.text
    done = upload(department, course, sheet)
    assert "Đã ghi 1 người (can-bo-luc-ngan); 1 người đã có trước; 1 dòng không ký" in done.text
    with any_site.rt.transaction() as session:
        sources = sorted(session.scalars(select(TrainingAttendance.source)))
    assert sources == ["hand", "sheet"]

    coverage = department.get("/training/coverage").text
    assert "8/10 đơn vị" in coverage
    marked = re.findall(r'<tr( class="overdue")?>\s*<th scope="row">([^<]+)</th>', coverage)
    assert len(marked) == 10
    assert {name for gap, name in marked if not gap} == {"Huyện Lục Ngạn", "Huyện Yên Thế"}
    book = department.get("/training/coverage.xlsx")
    assert book.headers["content-disposition"] == 'attachment; filename="do-phu-tap-huan-20220314.xlsx"'
    assert load_workbook(BytesIO(book.content)).active is not None


def test_training_is_the_departments_and_bad_input_is_said_in_vietnamese(site: Site) -> None:
    officer = site.login("can-bo-yen-the")
    assert officer.get("/training").status_code == 403
    assert officer.get("/training/coverage").status_code == 403
    department = site.login("admin")
    blank = post(department, "/training", title=" ", organiser="Sở", starts_on="2022-03-10",
                 place="Sở", unit="yen-the")
    assert blank.status_code == 422 and "Tên lớp tập huấn không được để trống." in blank.text
    assert 'id="invite-yen-the" name="unit" value="yen-the" checked' in blank.text  # kept
    assert department.get("/training/999").status_code == 404
    course = opened(department)
    early = post(department, f"/training/{course}/attendance", officer="can-bo-yen-the")
    assert early.status_code == 422 and "chưa ghi được danh sách tham dự" in early.text
    at(site.rt, date(2022, 3, 14))
    nobody = post(department, f"/training/{course}/attendance", others="khong-co-ai")
    assert nobody.status_code == 422 and "Không có người dùng &#39;khong-co-ai&#39;" in nobody.text
    wrong = upload(department, course, b"not a workbook", name="diem-danh.xlsx")
    assert wrong.status_code == 422 and "không phải bảng tính Excel (.xlsx) đọc được" in wrong.text
    no_file = department.post(f"/training/{course}/sheet",
                              data={"csrf": csrf_of(department.get("/training").text)})
    assert no_file.status_code == 422 and "Hãy chọn tệp danh sách điểm danh" in no_file.text
