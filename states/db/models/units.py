"""Administrative units and the people who use the system."""

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from states.db.models.base import Base


class AdministrativeUnit(Base):
    __tablename__ = "administrative_units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    level: Mapped[str] = mapped_column(String(16))  # province | district | commune
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("administrative_units.id"))
    contact_emails: Mapped[list[str]] = mapped_column(default=list)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(32))  # department | district | council-secretary
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("administrative_units.id"))
    email: Mapped[str | None] = mapped_column(String(254))

    unit: Mapped[AdministrativeUnit | None] = relationship()
