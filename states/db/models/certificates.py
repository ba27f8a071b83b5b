"""Certificates and the Department's renewal and revocation campaigns."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from states.db.models.base import Base, new_token


class Certificate(Base):
    __tablename__ = "certificates"
    __table_args__ = (Index("ix_certificates_status_expires_on", "status", "expires_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    number: Mapped[str] = mapped_column(String(64), unique=True)
    stars: Mapped[int]
    points: Mapped[float]
    decision_no: Mapped[str] = mapped_column(String(100))
    recognised_on: Mapped[date]
    expires_on: Mapped[date]
    # Issue 13: the certificate's public page and QR code carry this, never the sequential id.
    public_token: Mapped[str] = mapped_column(String(32), unique=True, default=new_token)
    # valid | superseded (renewed) | expired | revoked
    status: Mapped[str] = mapped_column(String(16), default="valid")
    revoked_reason: Mapped[str | None] = mapped_column(String(32))
    revocation_decision: Mapped[str | None] = mapped_column(String(100))
    # As printed on the day of issue, whatever the units became since: "UBND tỉnh Bắc Giang",
    # "Huyện Lục Ngạn".
    issuer: Mapped[str | None] = mapped_column(String(220))
    unit_name: Mapped[str | None] = mapped_column(String(200))


class Campaign(Base):
    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # renewal | revocation
    deadline: Mapped[date]
    opened_on: Mapped[date]
    window_end: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(16), default="open")
    decision_no: Mapped[str | None] = mapped_column(String(100))
    # The yearly plan: a planned campaign waits in status `planned` with its opening day in
    # `opened_on`; the daily flows open it and close it the working day after its deadline.
    origin: Mapped[str] = mapped_column(String(16), default="manual", server_default="manual")
    # What makes loading a plan again idempotent: `renewal:2022-09-05`, `auto-renewal:2022-Q3`.
    plan_key: Mapped[str | None] = mapped_column(String(100), unique=True)
    plan_source: Mapped[str | None] = mapped_column(String(200))
    # "Certificates expiring within N months of the deadline" (window_end is then computed).
    scope_months: Mapped[int | None]
    closed_on: Mapped[date | None]
    # The day the Provincial People's Committee signed the revocation decision (issue 12).
    decided_on: Mapped[date | None]


class RevocationProposal(Base):
    __tablename__ = "revocation_proposals"
    __table_args__ = (UniqueConstraint("campaign_id", "dossier_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"))
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"))
    reason: Mapped[str] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    proposed_by: Mapped[str] = mapped_column(String(100))
    proposed_at: Mapped[datetime]
