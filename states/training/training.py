"""Training as the Department reads it: the courses, and for each unit the officers who handle
OCOP with the date each was last trained; a unit has a gap when none was trained recently."""

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from states.db.models import (
    AdministrativeUnit,
    TrainingAttendance,
    TrainingCourse,
    TrainingInvitation,
    User,
)
from states.programme.campaigns import local_unit_ids
from states.vocabulary import Role


@dataclass(frozen=True)
class CourseRow:
    id: int
    title: str
    organiser: str
    starts_on: date
    ends_on: date
    place: str
    topics: list[str]
    units_invited: int
    attended: int


def list_courses(session: Session) -> list[CourseRow]:
    invited = (select(TrainingInvitation.course_id, func.count().label("n"))
               .group_by(TrainingInvitation.course_id).subquery())
    attended = (select(TrainingAttendance.course_id, func.count().label("n"))
                .group_by(TrainingAttendance.course_id).subquery())
    rows = session.execute(
        select(TrainingCourse, func.coalesce(invited.c.n, 0), func.coalesce(attended.c.n, 0))
        .outerjoin(invited, invited.c.course_id == TrainingCourse.id)
        .outerjoin(attended, attended.c.course_id == TrainingCourse.id)
        .order_by(TrainingCourse.starts_on.desc(), TrainingCourse.id.desc()))
    return [CourseRow(c.id, c.title, c.organiser, c.starts_on, c.ends_on, c.place,
                      list(c.topics), units, people) for c, units, people in rows]


@dataclass(frozen=True)
class OfficerTraining:
    user: str
    name: str  # full name when known
    last_trained_on: date | None
    last_course: str | None


@dataclass(frozen=True)
class UnitCoverage:
    unit_id: int
    unit_code: str
    unit_name: str
    officers: list[OfficerTraining]
    last_trained_on: date | None
    gap: bool


@dataclass(frozen=True)
class Coverage:
    as_of: date
    gap_months: int
    trained_since: date  # an officer trained on or after this day covers the unit
    units: list[UnitCoverage]
    units_with_gap: int


def _last_courses(session: Session, today: date) -> dict[int, tuple[date, str]]:
    """Each user's most recent course that has begun by `today`: (its last day, its title)."""
    last: dict[int, tuple[date, str]] = {}
    for user_id, ends_on, title in session.execute(
            select(TrainingAttendance.user_id, TrainingCourse.ends_on, TrainingCourse.title)
            .join(TrainingCourse, TrainingAttendance.course_id == TrainingCourse.id)
            .where(TrainingCourse.starts_on <= today)
            .order_by(TrainingCourse.ends_on, TrainingCourse.id)):
        last[user_id] = (ends_on, title)
    return last


def coverage(session: Session, today: date, gap_months: int) -> Coverage:
    """Every local unit with its active OCOP officers (role district) and their last training."""
    since = today - relativedelta(months=gap_months)
    last = _last_courses(session, today)
    officers: dict[int, list[OfficerTraining]] = {}
    for user in session.scalars(select(User).where(User.role == Role.DISTRICT, User.active)
                                .order_by(User.id)):
        trained = last.get(user.id)
        officers.setdefault(user.unit_id or 0, []).append(OfficerTraining(
            user.name, user.full_name or user.name, trained[0] if trained else None,
            trained[1] if trained else None))
    units = []
    # The units of the day: Bắc Giang's districts in 2022, Bắc Ninh's communes after 1/7/2025.
    for unit in session.scalars(select(AdministrativeUnit).where(
            AdministrativeUnit.id.in_(local_unit_ids(session, today)))
            .order_by(AdministrativeUnit.id)):
        staff = officers.get(unit.id, [])
        latest = max((o.last_trained_on for o in staff if o.last_trained_on), default=None)
        units.append(UnitCoverage(unit.id, unit.code, unit.name, staff, latest,
                                  gap=latest is None or latest < since))
    return Coverage(today, gap_months, since, units, sum(1 for u in units if u.gap))


@dataclass(frozen=True)
class UpcomingCourse:
    course: TrainingCourse
    unit_ids: list[int]


def upcoming_courses(session: Session, today: date, within_days: int) -> list[UpcomingCourse]:
    """Courses starting after today and at most `within_days` days from now, with the units
    each invited."""
    courses = list(session.scalars(select(TrainingCourse).where(
        TrainingCourse.starts_on > today,
        TrainingCourse.starts_on <= today + relativedelta(days=within_days))
        .order_by(TrainingCourse.starts_on, TrainingCourse.id)))
    invited: dict[int, list[int]] = {}
    for course_id, unit_id in session.execute(
            select(TrainingInvitation.course_id, TrainingInvitation.unit_id)
            .where(TrainingInvitation.course_id.in_([c.id for c in courses]))
            .order_by(TrainingInvitation.unit_id)):
        invited.setdefault(course_id, []).append(unit_id)
    return [UpcomingCourse(c, invited.get(c.id, [])) for c in courses]
