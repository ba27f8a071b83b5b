"""Evaluation councils (issue 21): members, the dossiers they score, conflicts of interest, each
member's sheet as rows (one per criterion) and the result the chair closes."""

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from states.db.models.base import Base
from states.db.models.dossiers import EvaluationRound
from states.db.models.units import AdministrativeUnit, User


class Council(Base):
    __tablename__ = "councils"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(16))  # local | provincial
    # The unit whose People's Committee set the council up (a district or commune for a local
    # council, the province for the provincial one).
    unit_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"))
    round_id: Mapped[int] = mapped_column(ForeignKey("evaluation_rounds.id"), index=True)
    # Read from the round's rulebook when the council is set up ("cấp huyện", "cấp xã").
    level_name: Mapped[str] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(16))  # forming | in_session | closed
    meeting_on: Mapped[date | None]
    package_sent_on: Mapped[date | None]
    opened_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime]
    # Publishing the closed results opens the complaint window; its last day is fixed then
    # (`[councils] complaint_days` working days as they stood), and recognition from this
    # council waits for it. `published_at` is the day said (`--on`), at 09:00 if a day gone by.
    published_at: Mapped[datetime | None]
    published_by: Mapped[str | None] = mapped_column(String(100))
    complaint_ends_on: Mapped[date | None]

    unit: Mapped[AdministrativeUnit] = relationship()
    round: Mapped[EvaluationRound] = relationship()


class CouncilMember(Base):
    __tablename__ = "council_members"
    __table_args__ = (UniqueConstraint("council_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    role: Mapped[str] = mapped_column(String(16))  # chair | secretary | member
    # Set when the session opens: only members present score.
    present: Mapped[bool] = mapped_column(default=False)

    user: Mapped[User] = relationship()


class CouncilDossier(Base):
    """A dossier on a council's agenda and, once the chair closes, its result as computed then
    (a later change of the sheet's data cannot rewrite it)."""

    __tablename__ = "council_dossiers"
    __table_args__ = (UniqueConstraint("council_id", "dossier_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id"))
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    cycle: Mapped[int]
    sheet_code: Mapped[str] = mapped_column(String(60))
    sheet_provisional: Mapped[bool]
    discrepancy_acknowledged_by: Mapped[str | None] = mapped_column(String(100))
    average: Mapped[float | None]
    stars: Mapped[int | None]
    failed_mandatory: Mapped[str | None] = mapped_column(Text)
    member_totals: Mapped[list[float] | None] = mapped_column(JSON)  # in member order
    closed_at: Mapped[datetime | None]


class CouncilConflict(Base):
    __tablename__ = "council_conflicts"
    __table_args__ = (UniqueConstraint("member_id", "dossier_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("council_members.id"))
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"))
    reason: Mapped[str] = mapped_column(Text)
    declared_by: Mapped[str] = mapped_column(String(100))
    declared_at: Mapped[datetime]


class MemberSheet(Base):
    """One member's sheet for one dossier: draft while they work, locked when submitted."""

    __tablename__ = "member_sheets"
    __table_args__ = (UniqueConstraint("member_id", "dossier_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("council_members.id"))
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))  # draft | submitted
    submitted_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(nullable=False)

    # Two saves from two tabs: the second one, from an older version, writes nothing.
    __mapper_args__ = {"version_id_col": version}


class SheetChoice(Base):
    """The option a member chose for one criterion, with its points as they were then."""

    __tablename__ = "sheet_choices"
    __table_args__ = (UniqueConstraint("sheet_id", "criterion"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("member_sheets.id"))
    criterion: Mapped[str] = mapped_column(String(20))
    part: Mapped[str] = mapped_column(String(1))
    option: Mapped[str] = mapped_column(String(20))
    points: Mapped[float]
    # A mandatory criterion answered with an option worth nothing.
    fails_mandatory: Mapped[bool]
    saved_at: Mapped[datetime]


class SheetReopening(Base):
    __tablename__ = "sheet_reopenings"
    __table_args__ = (Index("ix_sheet_reopenings_sheet_id", "sheet_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("member_sheets.id"))
    reason: Mapped[str] = mapped_column(Text)
    reopened_by: Mapped[str] = mapped_column(String(100))
    reopened_at: Mapped[datetime]
