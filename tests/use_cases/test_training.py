"""Training: a course invites its units once, attendance comes by hand or from the signed
sheet, coverage shows the units without a recently trained officer, and those units are
reminded before the next course."""

from dataclasses import replace
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from notices.training import queue_invitations
from states.db.models import (
    OutboxMessage,
    TrainingAttendance,
    TrainingCourse,
    TrainingInvitation,
    User,
)
from states.errors import InvalidInput, NotFound, PermissionDenied
from states.runtime import Runtime
from states.training.training_commands import CourseInput
from tests.conftest import at, make_runtime
from use_cases import admin, schedules, training

COURSE = CourseInput("Tập huấn OCOP 2022", "Sở Nông nghiệp và PTNT", date(2022, 6, 20),
                     date(2022, 6, 21), "Hội trường Sở, TP Bắc Giang",
                     ["Quy trình đánh giá", "Hướng dẫn chủ thể tự làm hồ sơ"],
                     ["Lục Ngạn", "yen-the", "Huyện Sơn Động"])


def officers(rt: Runtime) -> None:
    """Two officers in Lục Ngạn, one in Yên Thế, none in Sơn Động."""
    for name, unit, full in (("ln-1", "Lục Ngạn", "Nguyễn Văn An"), ("ln-2", "Lục Ngạn", "Trần Thị Bình"),
                             ("yt-1", "Yên Thế", "Lê Văn Cường")):
        admin.add_user(rt, "admin", name, "district", unit, f"{name}@bacgiang.gov.vn")
        with rt.transaction() as session:  # no use case sets a full name yet
            user = session.scalar(select(User).where(User.name == name))
            assert user is not None
            user.full_name = full


def keys(rt: Runtime, kind: str) -> list[str]:
    with rt.transaction() as session:
        return sorted(session.scalars(select(OutboxMessage.dedupe_key)
                                      .where(OutboxMessage.kind == kind)))


def count(rt: Runtime, model: type) -> int:
    with rt.transaction() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_opening_a_course_invites_each_unit_exactly_once(any_rt: Runtime) -> None:
    officers(any_rt)
    at(any_rt, date(2022, 6, 1))
    opened = training.open_course(any_rt, "admin", COURSE)
    assert (opened.units_invited, opened.invitations_queued) == (3, 3)
    assert keys(any_rt, "training_invitation") == [
        f"training-invitation:{opened.course_id}:{u}" for u in ("luc-ngan", "son-dong", "yen-the")]
    with any_rt.transaction() as session:
        course = session.get(TrainingCourse, opened.course_id)
        assert course is not None
        invited = list(session.scalars(select(TrainingInvitation.unit_id)))
        again = queue_invitations(any_rt, session, course, invited)
        invitation = session.scalar(select(OutboxMessage).where(
            OutboxMessage.dedupe_key.like("%:luc-ngan")))
    assert (again.queued, again.already_queued) == (0, 3)
    assert invitation is not None
    assert invitation.recipients == ["ocop.lucngan@example.invalid", "ln-1@bacgiang.gov.vn",
                                     "ln-2@bacgiang.gov.vn"]
    assert "20/06/2022 đến 21/06/2022" in invitation.text_body
    assert "Hội trường Sở, TP Bắc Giang" in invitation.subject
    assert "- Hướng dẫn chủ thể tự làm hồ sơ" in invitation.text_body


def test_a_course_for_every_unit_and_one_recorded_afterwards(rt: Runtime) -> None:
    at(rt, date(2022, 6, 1))
    every = training.open_course(rt, "admin", replace(COURSE, units=[]))
    assert (every.units_invited, every.invitations_queued) == (10, 10)
    past = replace(COURSE, starts_on=date(2021, 5, 20), ends_on=date(2021, 5, 20))
    assert training.open_course(rt, "admin", past).invitations_queued == 0


@pytest.mark.parametrize(("change", "error"), [
    ({"ends_on": date(2022, 6, 19)}, InvalidInput),
    ({"title": "  "}, InvalidInput),
    ({"units": ["Lục Ngạn", "Atlantis"]}, NotFound),
])
def test_a_bad_course_writes_nothing(rt: Runtime, change: dict[str, Any],
                                     error: type[Exception]) -> None:
    with pytest.raises(error):
        training.open_course(rt, "admin", replace(COURSE, **change))
    assert (count(rt, TrainingCourse), count(rt, OutboxMessage)) == (0, 0)


def test_courses_are_the_departments(rt: Runtime) -> None:
    officers(rt)
    with pytest.raises(PermissionDenied):
        training.open_course(rt, "ln-1", COURSE)


def sheet(*lines: tuple[object, ...], heading: tuple[str, ...] = (
        "STT", "Họ và tên", "Đơn vị công tác", "Chức vụ", "Ký tên")) -> bytes:
    book = Workbook()
    page = book.active
    assert page is not None
    page.append(["DANH SÁCH ĐẠI BIỂU THAM DỰ LỚP TẬP HUẤN OCOP"])
    page.append([])
    page.append(list(heading))
    for line in lines:
        page.append(list(line))
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def opened_and_held(rt: Runtime) -> int:
    officers(rt)
    at(rt, date(2022, 6, 1))
    course_id = training.open_course(rt, "admin", COURSE).course_id
    at(rt, date(2022, 6, 21))
    return course_id


def test_the_sheet_matches_officers_whatever_the_case_and_diacritics(any_rt: Runtime) -> None:
    course_id = opened_and_held(any_rt)
    data = sheet((1, "NGUYEN VAN AN", "Huyện Lục Ngạn", "Chuyên viên", "x"),
                 (2, "trần thị  bình", "luc-ngan", "", None),  # did not sign
                 (3, "Lê Văn Cường", "Lục Ngạn", "", "đã ký"),  # not in that unit
                 (4, "Lê Văn Cường", "Yên Thế", "", True),
                 (5, "Phạm Văn Dũng", "Yên Thế", "", "x"),
                 (6, "Hoàng Văn Em", "", "", "x"),
                 (7, "Đỗ Văn Giang", "Huyện Atlantis", "", "x"))
    dry = training.import_attendance(any_rt, "admin", course_id, data, "diem-danh.xlsx", True)
    assert (dry.recorded, count(any_rt, TrainingAttendance)) == (["ln-1", "yt-1"], 0)
    result = training.import_attendance(any_rt, "admin", course_id, data, "diem-danh.xlsx")
    assert (result.recorded, result.already_recorded, result.unsigned) == (["ln-1", "yt-1"], [], 1)
    assert [(u.line, u.reason) for u in result.unmatched] == [
        (6, "Huyện Lục Ngạn không có người dùng tên 'Lê Văn Cường'"),
        (8, "Huyện Yên Thế không có người dùng tên 'Phạm Văn Dũng'"),
        (9, "thiếu tên đơn vị"),
        (10, "không có đơn vị 'Huyện Atlantis'")]
    again = training.import_attendance(any_rt, "admin", course_id, data, "diem-danh.xlsx")
    assert (again.recorded, again.already_recorded) == ([], ["ln-1", "yt-1"])
    assert count(any_rt, TrainingAttendance) == 2


@pytest.mark.parametrize(("data", "message"), [
    (b"not a spreadsheet", "không phải bảng tính Excel"),
    (sheet((1, "Nguyễn Văn An", "Lục Ngạn", "x"), heading=("STT", "Họ và tên", "Đơn vị", "Ghi chú")),
     "Không tìm thấy dòng tiêu đề"),
    (sheet(), "không có dòng nào"),
])
def test_a_bad_sheet_writes_nothing(rt: Runtime, data: bytes, message: str) -> None:
    course_id = opened_and_held(rt)
    with pytest.raises(InvalidInput, match=message):
        training.import_attendance(rt, "admin", course_id, data, "sheet.xlsx")
    assert count(rt, TrainingAttendance) == 0


def test_attendance_by_hand_only_once_the_course_has_begun(rt: Runtime) -> None:
    course_id = opened_and_held(rt)
    at(rt, date(2022, 6, 19))
    with pytest.raises(InvalidInput, match="chưa ghi được"):
        training.attend(rt, "admin", course_id, ["ln-1"])
    at(rt, date(2022, 6, 20))
    assert training.attend(rt, "admin", course_id, ["ln-1", "ln-1"]).recorded == ["ln-1"]
    with pytest.raises(NotFound):
        training.attend(rt, "admin", course_id + 1, ["ln-1"])


def test_coverage_and_the_gap_months_setting(tmp_path: Path, sqlite_url: str) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "province.toml").write_text("[training]\ngap_months = 6\n", encoding="utf-8")
    default, six = make_runtime(sqlite_url), make_runtime(sqlite_url, rules_dir=folder)
    course_id = opened_and_held(default)
    training.attend(default, "admin", course_id, ["ln-2"])  # the course ended 21/06/2022
    at(default, date(2023, 6, 21))
    report = training.coverage(default)
    by_unit = {u.unit_code: u for u in report.units}
    assert (report.trained_since, report.units_with_gap) == (date(2022, 6, 21), 9)
    assert not by_unit["luc-ngan"].gap and by_unit["luc-ngan"].last_trained_on == date(2022, 6, 21)
    assert [(o.name, o.last_trained_on) for o in by_unit["luc-ngan"].officers] == [
        ("Nguyễn Văn An", None), ("Trần Thị Bình", date(2022, 6, 21))]
    assert by_unit["yen-the"].gap and by_unit["son-dong"].officers == []
    at(default, date(2023, 6, 22))
    assert training.coverage(default).units_with_gap == 10
    at(six, date(2022, 12, 21))
    assert training.coverage(six).units_with_gap == 9
    at(six, date(2022, 12, 22))
    assert training.coverage(six).units_with_gap == 10


def test_units_with_a_gap_are_reminded_once_before_the_course(any_rt: Runtime) -> None:
    officers(any_rt)
    at(any_rt, date(2021, 9, 1))
    earlier = training.open_course(any_rt, "admin", replace(
        COURSE, starts_on=date(2021, 9, 8), ends_on=date(2021, 9, 8)))
    at(any_rt, date(2021, 9, 8))
    training.attend(any_rt, "admin", earlier.course_id, ["ln-1"])  # Lục Ngạn is covered
    at(any_rt, date(2022, 6, 1))
    course_id = training.open_course(any_rt, "admin", COURSE).course_id  # starts 20/06
    at(any_rt, date(2022, 6, 12))  # 8 days before: not yet ([training] reminder_days_before = 7)
    assert schedules.training_reminders(any_rt).queued == 0
    at(any_rt, date(2022, 6, 13))
    assert schedules.training_reminders(any_rt).queued == 2
    at(any_rt, date(2022, 6, 14))
    assert schedules.training_reminders(any_rt).already_queued == 2
    assert keys(any_rt, "training_reminder") == [f"training-reminder:{course_id}:son-dong",
                                                 f"training-reminder:{course_id}:yen-the"]
    with any_rt.transaction() as session:
        text = session.scalar(select(OutboxMessage.text_body).where(
            OutboxMessage.dedupe_key.like("%:yen-the"), OutboxMessage.kind == "training_reminder"))
    assert text is not None and "Lê Văn Cường: chưa tập huấn" in text
