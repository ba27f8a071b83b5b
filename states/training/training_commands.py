"""The Department's training courses: opening one for the units it invites, and recording who
attended, by hand or from the signed attendance sheet."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.ids import storable_id
from states.db.inserts import insert_unless_taken
from states.db.models import (
    TrainingAttendance,
    TrainingCourse,
    TrainingInvitation,
    User,
)
from states.errors import InvalidInput, NotFound
from states.folding import fold
from states.permissions import authorize
from states.programme.campaigns import local_unit_ids
from states.runtime import Runtime
from states.territory.lookups import find_unit, find_user
from states.vocabulary import Action, AttendanceSource


@dataclass(frozen=True)
class CourseInput:
    title: str
    organiser: str
    starts_on: date
    ends_on: date
    place: str
    topics: list[str]
    units: list[str]  # as people name them; empty: every local unit


@dataclass(frozen=True)
class OpenedCourse:
    course: TrainingCourse
    unit_ids: list[int]


def _required(text: str, what: str) -> str:
    if not text.strip():
        raise InvalidInput(f"{what} không được để trống.")
    return " ".join(text.split())


def _invited(session: Session, refs: list[str], day: date) -> list[int]:
    """The units named, or all of them, as they are on the course's first day."""
    if not refs:
        return local_unit_ids(session, day)
    return list(dict.fromkeys(find_unit(session, ref, day).id for ref in refs))


def open_course(rt: Runtime, session: Session, actor: str, course: CourseInput) -> OpenedCourse:
    """Record the course and the units it invites (the caller queues the invitations)."""
    if course.ends_on < course.starts_on:
        raise InvalidInput(f"Ngày kết thúc {course.ends_on:%d/%m/%Y} trước ngày bắt đầu "
                           f"{course.starts_on:%d/%m/%Y}.")
    row = TrainingCourse(
        title=_required(course.title, "Tên lớp tập huấn"),
        organiser=_required(course.organiser, "Đơn vị tổ chức"),
        place=_required(course.place, "Địa điểm"), starts_on=course.starts_on,
        ends_on=course.ends_on, topics=[t.strip() for t in course.topics if t.strip()],
        opened_by=actor, opened_at=rt.clock.now())
    authorize(find_user(session, actor), Action.TRAINING)
    unit_ids = _invited(session, course.units, course.starts_on)
    session.add(row)
    session.flush()
    session.add_all(TrainingInvitation(course_id=row.id, unit_id=u) for u in unit_ids)
    session.flush()
    return OpenedCourse(row, unit_ids)


def find_course(session: Session, course_id: int) -> TrainingCourse:
    course = session.get(TrainingCourse, course_id) if storable_id(course_id) else None
    if course is None:
        raise NotFound(f"Không có lớp tập huấn số {course_id}. Xem danh sách: ocop training list")
    return course


@dataclass
class Attendance:
    """What recording attendance did: who was added, who was there already."""

    course_id: int
    recorded: list[str] = field(default_factory=list)
    already_recorded: list[str] = field(default_factory=list)


def attended_course(rt: Runtime, session: Session, actor: str, course_id: int) -> TrainingCourse:
    """The course, once the actor may record its attendance and it has begun."""
    authorize(find_user(session, actor), Action.TRAINING)
    course = find_course(session, course_id)
    if course.starts_on > rt.clock.today():
        raise InvalidInput(f"Lớp tập huấn số {course_id} bắt đầu ngày "
                           f"{course.starts_on:%d/%m/%Y}: chưa ghi được danh sách tham dự.")
    return course


def record_attendance(rt: Runtime, session: Session, actor: str, course_id: int,
                      users: Sequence[User], source: AttendanceSource) -> Attendance:
    result = Attendance(course_id)
    now = rt.clock.now()
    for user in users:
        added = insert_unless_taken(session, TrainingAttendance, {
            "course_id": course_id, "user_id": user.id, "source": source,
            "recorded_by": actor, "recorded_at": now}, ("course_id", "user_id"))
        (result.recorded if added else result.already_recorded).append(user.name)
    return result


def attend_by_hand(rt: Runtime, session: Session, actor: str, course_id: int,
                   officers: list[str]) -> Attendance:
    if not officers:
        raise InvalidInput("Cần ít nhất một người dùng đã tham dự.")
    attended_course(rt, session, actor, course_id)
    users = [find_user(session, name) for name in dict.fromkeys(officers)]
    return record_attendance(rt, session, actor, course_id, users, AttendanceSource.HAND)


@dataclass(frozen=True)
class SheetRow:
    """One line of an attendance sheet (its row number in the spreadsheet)."""

    line: int
    name: str
    unit: str
    signed: bool


@dataclass(frozen=True)
class UnmatchedRow:
    line: int
    name: str
    unit: str
    reason: str


@dataclass
class SheetMatch:
    matched: list[tuple[SheetRow, User]] = field(default_factory=list)
    unmatched: list[UnmatchedRow] = field(default_factory=list)
    unsigned: int = 0


def _officers_by_unit(session: Session) -> dict[int, dict[str, list[User]]]:
    """Every user of a unit, by folded full name and by folded user name."""
    found: dict[int, dict[str, list[User]]] = {}
    for user in session.scalars(select(User).where(User.unit_id.is_not(None), User.active)):
        names = found.setdefault(user.unit_id or 0, {})
        for name in {fold(user.name), fold(user.full_name or "")} - {""}:
            names.setdefault(name, []).append(user)
    return found


def match_sheet(session: Session, rows: list[SheetRow], day: date | None = None) -> SheetMatch:
    """Each signed line to the one officer of its unit with that name (case and diacritics
    aside); the others with the reason they could not be matched."""
    officers = _officers_by_unit(session)
    result = SheetMatch()
    for row in rows:
        if not row.signed:
            result.unsigned += 1
            continue
        try:
            unit = find_unit(session, row.unit, day) if row.unit.strip() else None
        except (NotFound, InvalidInput):  # no such unit, or two of that name
            unit = None
        if unit is None:
            reason = f"không có đơn vị '{row.unit}'" if row.unit.strip() else "thiếu tên đơn vị"
            result.unmatched.append(UnmatchedRow(row.line, row.name, row.unit, reason))
            continue
        candidates = officers.get(unit.id, {}).get(fold(row.name), [])
        if len(candidates) == 1:
            result.matched.append((row, candidates[0]))
        else:
            reason = (f"{unit.name} có {len(candidates)} người cùng tên" if candidates
                      else f"{unit.name} không có người dùng tên '{row.name}'")
            result.unmatched.append(UnmatchedRow(row.line, row.name, row.unit, reason))
    return result
