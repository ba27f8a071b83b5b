"""The Department's training courses, the units invited, and who attended; and who prepared a
dossier: the producer itself, an officer who helped, or a consultant."""

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


class Consultant(Base):
    """A consulting organisation, known by its normalised name ("Cty TNHH Tư vấn ABC" and
    "Công ty TNHH tư vấn ABC" are one row)."""

    __tablename__ = "consultants"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))  # as first written
    name_key: Mapped[str] = mapped_column(String(300), unique=True)
    created_at: Mapped[datetime]


class DossierPreparation(Base):
    """Who prepared one evaluation (cycle) of a dossier; a renewal may be prepared by another.
    `opened_event_id` is the event that began the cycle (registration or renewal): the
    consultant report looks for the first decision after it and counts the working days."""

    __tablename__ = "dossier_preparations"

    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), primary_key=True)
    cycle: Mapped[int] = mapped_column(primary_key=True)
    prepared_by: Mapped[str] = mapped_column(String(16))  # producer | officer | consultant
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    consultant_id: Mapped[int | None] = mapped_column(ForeignKey("consultants.id"), index=True)
    # Parts contracted to the consultant (ContractedPart codes); empty otherwise.
    contracted: Mapped[list[str]]
    opened_event_id: Mapped[int] = mapped_column(ForeignKey("dossier_events.id"))
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime]
