"""How units succeed one another, the names they bore, and the Department that serves them."""

from datetime import date

from sqlalchemy import ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from states.db.models.base import Base


class UnitSuccession(Base):
    """`predecessor` went (wholly or, when `split`, in part) into `successor` on `effective_on`."""

    __tablename__ = "unit_successions"
    __table_args__ = (UniqueConstraint("predecessor_id", "successor_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    predecessor_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"), index=True)
    successor_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"), index=True)
    effective_on: Mapped[date]
    # The predecessor was divided: which successor a producer goes to depends on their commune.
    split: Mapped[bool] = mapped_column(default=False, server_default=false())
    basis: Mapped[str] = mapped_column(String(200))  # "1658/NQ-UBTVQH15"
    # Which reorganisation (seed or `unit add`) recorded it: `unit reorganise --plan` names it.
    plan: Mapped[str] = mapped_column(String(64))


class UnitFormerName(Base):
    """A name a unit bore until `used_until` (a rename keeps the unit, its code and its dossiers)."""

    __tablename__ = "unit_former_names"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(16))
    salutation: Mapped[str | None] = mapped_column(String(220))
    used_until: Mapped[date]
    basis: Mapped[str | None] = mapped_column(String(200))


class Department(Base):
    """The Department of a province over a period: its name, letterhead and signature block."""

    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    province_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"))
    name: Mapped[str] = mapped_column(String(200))  # "Sở Nông nghiệp và Môi trường tỉnh Bắc Ninh"
    short_name: Mapped[str] = mapped_column(String(120))  # "Sở Nông nghiệp và Môi trường"
    letterhead: Mapped[list[str]]
    signature: Mapped[list[str]]
    valid_from: Mapped[date | None]
    valid_until: Mapped[date | None]
