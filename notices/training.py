"""What units hear about training: the invitation when a course opens, a reminder before it to
the units with no officer trained recently, and the coverage list in Excel."""

from datetime import date

from sqlalchemy.orm import Session

from notices.queueing import QueueReport
from notices.recipients import UnitDirectory
from notices.rendering import letter
from notices.spreadsheets import workbook_bytes
from states.clock import format_date
from states.db.models import TrainingCourse
from states.runtime import Runtime
from states.training.training import Coverage, UnitCoverage, coverage, upcoming_courses


def _course_subject(course: TrainingCourse, what: str, unit_name: str) -> str:
    return (f"[OCOP] {what}: {course.title}, {format_date(course.starts_on)} tại {course.place} "
            f"({unit_name})")


def queue_invitations(rt: Runtime, session: Session, course: TrainingCourse,
                      unit_ids: list[int]) -> QueueReport:
    """One invitation per invited unit, to its OCOP contacts and officers. A course that has
    already begun (recorded afterwards, for the coverage) invites nobody."""
    report = QueueReport()
    if course.starts_on <= rt.clock.today():
        return report
    directory = UnitDirectory.load(session, rt.clock.today())
    for unit_id in unit_ids:
        unit, name = directory.unit(unit_id), directory.name(unit_id)
        report.add(session, letter(
            f"training-invitation:{course.id}:{unit.code}", directory.recipients(unit_id),
            _course_subject(course, "Mời tham dự tập huấn", name), "training_invitation",
            course=course, unit_name=name, department=directory.department),
            "training_invitation", rt.clock.now())
    return report


def current_coverage(rt: Runtime, session: Session) -> Coverage:
    return coverage(session, rt.clock.today(), rt.rules.province.training.gap_months)


def queue_training_reminders(rt: Runtime, session: Session) -> QueueReport:
    """Before each course (`[training] reminder_days_before`), each invited unit with a gap
    hears once which of its officers should attend."""
    policy = rt.rules.province.training
    report = QueueReport()
    courses = upcoming_courses(session, rt.clock.today(), policy.reminder_days_before)
    if not courses:
        return report
    gaps = {u.unit_id: u for u in current_coverage(rt, session).units if u.gap}
    directory = UnitDirectory.load(session, rt.clock.today())
    for upcoming in courses:
        course = upcoming.course
        for unit_id in upcoming.unit_ids:
            unit: UnitCoverage | None = gaps.get(unit_id)
            if unit is None:
                continue
            report.add(session, letter(
                f"training-reminder:{course.id}:{unit.unit_code}", directory.recipients(unit_id),
                _course_subject(course, "Nhắc cử cán bộ dự tập huấn", unit.unit_name),
                "training_reminder", course=course, unit=unit, gap_months=policy.gap_months,
                department=directory.department), "training_reminder", rt.clock.now())
    return report


COVERAGE_HEADERS = ("Đơn vị", "Đơn vị có cán bộ được tập huấn", "Cán bộ", "Tên đăng nhập",
                    "Tập huấn gần nhất", "Lớp gần nhất")


def coverage_workbook(report: Coverage) -> bytes:
    rows: list[tuple[object, ...]] = []
    for unit in report.units:
        status = "Chưa (thiếu)" if unit.gap else "Có"
        if not unit.officers:
            rows.append((unit.unit_name, status, "(chưa có cán bộ OCOP trong hệ thống)", "", "", ""))
        for officer in unit.officers:
            rows.append((unit.unit_name, status, officer.name, officer.user,
                         format_date(officer.last_trained_on) or "chưa tập huấn",
                         officer.last_course or ""))
    heading = (f"Cán bộ OCOP được tập huấn, tính đến ngày {format_date(report.as_of)}: "
               f"{report.units_with_gap}/{len(report.units)} đơn vị không có cán bộ được tập huấn "
               f"từ ngày {format_date(report.trained_since)} ({report.gap_months} tháng)")
    return workbook_bytes("Tập huấn", COVERAGE_HEADERS, rows, heading)


def coverage_filename(today: date) -> str:
    return f"do-phu-tap-huan-{today:%Y%m%d}.xlsx"
