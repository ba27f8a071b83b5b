"""One training course as its page shows it: the units it invited (named as on its first day),
who attended and how that was recorded, and the officers of the invited units not recorded yet."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.models import TrainingAttendance, TrainingInvitation, User
from states.territory.units import names_on
from states.training.training import CourseRow
from states.training.training_commands import find_course
from states.vocabulary import AttendanceSource, Role


@dataclass(frozen=True)
class Attendee:
    user: str
    name: str  # full name when known
    unit: str | None
    source: AttendanceSource
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True)
class Officer:
    user: str
    name: str
    unit: str


@dataclass(frozen=True)
class CourseDetail:
    course: CourseRow
    invited: list[str]  # unit names on the course's first day
    attendees: list[Attendee]
    not_recorded: list[Officer]  # active officers of the invited units, not recorded yet


def course_detail(session: Session, course_id: int) -> CourseDetail:
    course = find_course(session, course_id)
    unit_ids = list(session.scalars(select(TrainingInvitation.unit_id).where(
        TrainingInvitation.course_id == course_id).order_by(TrainingInvitation.unit_id)))
    rows = session.execute(
        select(User.name, User.full_name, User.unit_id, TrainingAttendance.source,
               TrainingAttendance.recorded_by, TrainingAttendance.recorded_at)
        .join(User, TrainingAttendance.user_id == User.id)
        .where(TrainingAttendance.course_id == course_id).order_by(TrainingAttendance.id)).all()
    officers = session.execute(
        select(User.name, User.full_name, User.unit_id)
        .where(User.role == Role.DISTRICT, User.active, User.unit_id.in_(unit_ids))
        .order_by(User.unit_id, User.name)).all()
    unit_ids_named = set(unit_ids) | {r.unit_id for r in rows if r.unit_id is not None}
    names = names_on(session, unit_ids_named, course.starts_on)
    present = {r.name for r in rows}
    attendees = [Attendee(r.name, r.full_name or r.name, names.get(r.unit_id),
                          AttendanceSource(r.source), r.recorded_by, r.recorded_at) for r in rows]
    waiting = [Officer(o.name, o.full_name or o.name, names[o.unit_id])
               for o in officers if o.name not in present]
    row = CourseRow(course.id, course.title, course.organiser, course.starts_on, course.ends_on,
                    course.place, list(course.topics), len(unit_ids), len(rows))
    return CourseDetail(row, [names[u] for u in unit_ids], attendees, waiting)
