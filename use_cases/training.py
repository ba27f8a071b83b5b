"""The Department's training: courses and their invitations, attendance by hand or from the
signed sheet, and which units lack a trained officer."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from notices.spreadsheets import attachment
from notices.training import (
    coverage_filename,
    coverage_workbook,
    current_coverage,
    queue_invitations,
)
from notifiers.message import Attachment
from states.db.models import TrainingAttendance
from states.permissions import authorize
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.training import training_commands as training
from states.training.course import course_detail
from states.training.training import CourseRow, Coverage, list_courses
from states.training.training_commands import Attendance, CourseInput, UnmatchedRow
from states.vocabulary import Action, AttendanceSource
from use_cases.attendance_sheet import read_attendance_sheet
from use_cases.transaction import allowed_to, in_transaction


@dataclass(frozen=True)
class CourseOpened:
    course_id: int
    title: str
    starts_on: date
    ends_on: date
    place: str
    units_invited: int
    invitations_queued: int


def open_course(rt: Runtime, actor: str, course: CourseInput) -> CourseOpened:
    """Record the course and queue one invitation per invited unit, in one transaction."""
    with rt.transaction() as session:
        opened = training.open_course(rt, session, actor, course)
        report = queue_invitations(rt, session, opened.course, opened.unit_ids)
        row = opened.course
        return CourseOpened(row.id, row.title, row.starts_on, row.ends_on, row.place,
                            len(opened.unit_ids), report.queued)


attend = in_transaction(training.attend_by_hand)


@dataclass(frozen=True)
class SheetImport:
    course_id: int
    recorded: list[str]  # user names added
    already_recorded: list[str]
    unmatched: list[UnmatchedRow]
    unsigned: int  # lines whose signature column is empty
    dry_run: bool


def import_attendance(rt: Runtime, actor: str, course_id: int, data: bytes, filename: str,
                      dry_run: bool = False) -> SheetImport:
    """Record each signed line matched to an officer; report the lines that matched nobody.
    A file that cannot be read writes nothing; `dry_run` only reports."""
    rows = read_attendance_sheet(data, filename)
    with rt.transaction() as session:
        course = training.attended_course(rt, session, actor, course_id)
        match = training.match_sheet(session, rows, course.starts_on)
        users = list(dict.fromkeys(user for _, user in match.matched))
        if dry_run:  # what recording would do: who is new, who is there already
            present = set(session.scalars(select(TrainingAttendance.user_id).where(
                TrainingAttendance.course_id == course_id)))
            result = Attendance(course_id, [u.name for u in users if u.id not in present],
                                [u.name for u in users if u.id in present])
        else:
            result = training.record_attendance(rt, session, actor, course_id, users,
                                                AttendanceSource.SHEET)
        return SheetImport(course_id, result.recorded, result.already_recorded, match.unmatched,
                           match.unsigned, dry_run)


def courses(rt: Runtime) -> list[CourseRow]:
    with rt.transaction() as session:
        return list_courses(session)


def coverage(rt: Runtime) -> Coverage:
    """For each unit, its OCOP officers and when each was last trained (the dashboard's too)."""
    with rt.transaction() as session:
        return current_coverage(rt, session)


def coverage_spreadsheet(rt: Runtime) -> tuple[Coverage, Attachment]:
    """The coverage and the same as an .xlsx (`--out`, a download, the weekly report's)."""
    report = coverage(rt)
    return report, _spreadsheet(report)


def _spreadsheet(report: Coverage) -> Attachment:
    return attachment(coverage_filename(report.as_of), coverage_workbook(report))


# The training pages: the same views, for those who run training (the Department).
courses_for = allowed_to(Action.TRAINING, list_courses)
course_page = allowed_to(Action.TRAINING, course_detail)


def coverage_for(rt: Runtime, actor: str) -> Coverage:
    with rt.transaction() as session:
        authorize(find_user(session, actor), Action.TRAINING)
        return current_coverage(rt, session)


def coverage_download(rt: Runtime, actor: str) -> Attachment:
    return _spreadsheet(coverage_for(rt, actor))
