"""Who is logged in: web sessions, personal API tokens, and the audit of logins."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from states.clock import real_now
from states.db.models.base import Base


class WebSession(Base):
    """A browser's login. The cookie holds a random token; only its SHA-256 is stored, so a
    copy of the database opens no session."""

    __tablename__ = "web_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the cookie token
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    address: Mapped[str] = mapped_column(String(64))


class ApiToken(Base):
    """A personal token for /api/v1: shown once when created, only its hash kept."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class AuthEvent(Base):
    """Append-only: every login, logout, failure and lockout, with the time and the address."""

    __tablename__ = "auth_events"
    __table_args__ = (
        # The lockout counts recent failures per user and per address.
        Index("ix_auth_events_username_at", "username", "at"),
        Index("ix_auth_events_address_at", "address", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    # The real time the row was written: `at` follows a replayed date (--today).
    recorded_at: Mapped[datetime] = mapped_column(default=real_now)
    kind: Mapped[str] = mapped_column(String(32))
    username: Mapped[str] = mapped_column(String(100))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    address: Mapped[str] = mapped_column(String(64))
    detail: Mapped[str | None] = mapped_column(Text)
    # Issue 12: a change to an account (disabled, role or unit set) names who made it, and
    # keeps {"before": …, "after": …, "reason": …}.
    actor: Mapped[str | None] = mapped_column(String(100))
    changes: Mapped[dict[str, Any] | None] = mapped_column(JSON)
