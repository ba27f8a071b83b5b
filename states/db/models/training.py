"""The Department's training courses, the units invited, and who attended."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from states.db.models.base import Base


class TrainingCourse(Base):
    __tablename__ = "training_courses"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    organiser: Mapped[str] = mapped_column(String(300))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    place: Mapped[str] = mapped_column(String(300))
    topics: Mapped[list[str]]
    opened_by: Mapped[str] = mapped_column(String(100))
    opened_at: Mapped[datetime]


class TrainingInvitation(Base):
    __tablename__ = "training_invitations"
    __table_args__ = (UniqueConstraint("course_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("training_courses.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"))


class TrainingAttendance(Base):
    """One officer at one course: entered by hand or from the signed attendance sheet."""

    __tablename__ = "training_attendance"
    __table_args__ = (UniqueConstraint("course_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("training_courses.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    source: Mapped[str] = mapped_column(String(16))  # hand | sheet
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime]
