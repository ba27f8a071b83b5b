"""Administrative units and the people who use the system."""

from datetime import date

from sqlalchemy import ForeignKey, String, false, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from states.db.models.base import Base


class AdministrativeUnit(Base):
    __tablename__ = "administrative_units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    # Not unique: the same name comes back in another period ("Phường Chũ" before and after
    # 1/7/2025); a name is looked up among the units valid on a date.
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(16))  # province | district | commune | ward | town
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("administrative_units.id"))
    contact_emails: Mapped[list[str]] = mapped_column(default=list)
    # The unit's life span, both days included; None: since before / until after our records.
    valid_from: Mapped[date | None]
    valid_until: Mapped[date | None]
    # How a letter addresses its People's Committee: "UBND xã Nam Dương".
    salutation: Mapped[str | None] = mapped_column(String(220))

    def valid_on(self, day: date) -> bool:
        return ((self.valid_from is None or self.valid_from <= day)
                and (self.valid_until is None or day <= self.valid_until))


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(32))  # department | district | council-secretary
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("administrative_units.id"))
    email: Mapped[str | None] = mapped_column(String(254))
    # Shown wherever a login name would be cryptic ("Nguyễn Văn An", not "can-bo-yen-the").
    full_name: Mapped[str | None] = mapped_column(String(200))
    # A disabled user keeps their history but can no longer act or log in.
    active: Mapped[bool] = mapped_column(default=True, server_default=true())
    password_hash: Mapped[str | None] = mapped_column(String(255))
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Issue 25: a producer's own account (role producer) belongs to one producer, whose
    # dossiers are the only ones it sees.
    producer_id: Mapped[int | None] = mapped_column(ForeignKey("producers.id"), index=True)

    unit: Mapped[AdministrativeUnit | None] = relationship()
