"""Producers' own accounts (issue 25): the invitations that let them set a password, and the
registration forms (mẫu 01 / 02) they fill in online, kept as submitted."""

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from states.db.models.base import Base


class ProducerInvitation(Base):
    """A one-time link to set a password: only the token's SHA-256 is kept, as for sessions."""

    __tablename__ = "producer_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    # Set when the password was set, or when a newer invitation replaced this one.
    used_at: Mapped[datetime | None]


class RegistrationForm(Base):
    """The registration form as the producer filled it in: a draft until submitted, then the
    record of what was submitted for the dossier (a later resubmission replaces `fields`, and
    the dossier's history keeps each submission)."""

    __tablename__ = "registration_forms"

    id: Mapped[int] = mapped_column(primary_key=True)
    producer_id: Mapped[int] = mapped_column(ForeignKey("producers.id"), index=True)
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossiers.id"), index=True)
    form: Mapped[str] = mapped_column(String(2))  # "01" new product, "02" existing product
    status: Mapped[str] = mapped_column(String(16))  # draft | submitted
    fields: Mapped[dict[str, Any]]
    created_by: Mapped[str] = mapped_column(String(100))
    updated_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime]
    submitted_at: Mapped[datetime | None]
