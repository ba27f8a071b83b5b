"""SQLAlchemy 2.0 models: the whole schema of the project database.

Times are stored in UTC (naive columns on SQLite, converted at the edge by UtcDateTime);
calendar dates (inspection day, recognition day) are plain dates.
"""

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
    type_coerce,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.sql.sqltypes import NullType


class UtcDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on every database."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def raw_column(column: Any) -> Any:
    """The column as the driver returns it, without per-row conversion: for sweeps that
    read 10^5 rows and convert each distinct value once (see utc_from_raw)."""
    return type_coerce(column, NullType())


def utc_from_raw(value: object) -> datetime:
    """A UtcDateTime value as read raw: SQLite gives text, PostgreSQL a naive datetime."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if not isinstance(value, datetime):
        raise TypeError(f"not a stored datetime: {value!r}")
    return value.replace(tzinfo=UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UtcDateTime, dict[str, Any]: JSON, list[str]: JSON}


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


class Producer(Base):
    __tablename__ = "producers"
    __table_args__ = (UniqueConstraint("unit_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(32))
    unit_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"))
    email: Mapped[str | None] = mapped_column(String(254))


class Product(Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    group_code: Mapped[str] = mapped_column(String(32))
    producer_id: Mapped[int] = mapped_column(ForeignKey("producers.id"), index=True)

    producer: Mapped[Producer] = relationship()


class EvaluationRound(Base):
    __tablename__ = "evaluation_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    rulebook_code: Mapped[str] = mapped_column(String(32))
    opened_on: Mapped[date]


class Dossier(Base):
    __tablename__ = "dossiers"
    __table_args__ = (
        # The deadline sweep is one range scan over this index, whatever the table's size.
        Index("ix_dossiers_state_due_at", "state", "due_at"),
        Index("ix_dossiers_unit_state", "unit_id", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"))
    round_id: Mapped[int] = mapped_column(ForeignKey("evaluation_rounds.id"))
    # Renewal sends the same dossier through evaluation again: evidence is kept per cycle.
    cycle: Mapped[int] = mapped_column(default=1)
    state: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    entered_state_at: Mapped[datetime]
    due_at: Mapped[datetime | None]
    created_at: Mapped[datetime]

    product: Mapped[Product] = relationship()
    unit: Mapped[AdministrativeUnit] = relationship()
    round: Mapped[EvaluationRound] = relationship()

    # Optimistic lock: every UPDATE says WHERE version = <read version>.
    __mapper_args__ = {"version_id_col": version}


class Inspection(Base):
    __tablename__ = "inspections"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    cycle: Mapped[int]
    inspected_on: Mapped[date]
    inspectors: Mapped[list[str]]
    minutes_ref: Mapped[str | None] = mapped_column(String(100))
    recorded_at: Mapped[datetime]


class ScoreSheet(Base):
    """One council's result for one dossier and cycle: the average of its members' totals."""

    __tablename__ = "score_sheets"
    __table_args__ = (Index("ix_score_sheets_dossier_cycle", "dossier_id", "cycle", "level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"))
    cycle: Mapped[int]
    level: Mapped[str] = mapped_column(String(16))  # local | provincial | central
    member_totals: Mapped[list[float]] = mapped_column(JSON)
    average: Mapped[float]
    failed_mandatory: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime]


class DocumentReceipt(Base):
    __tablename__ = "document_receipts"
    __table_args__ = (UniqueConstraint("dossier_id", "cycle", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"))
    cycle: Mapped[int]
    code: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime]


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
    # valid | superseded (renewed) | expired | revoked
    status: Mapped[str] = mapped_column(String(16), default="valid")
    revoked_reason: Mapped[str | None] = mapped_column(String(32))
    revocation_decision: Mapped[str | None] = mapped_column(String(100))


class Campaign(Base):
    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # renewal | revocation
    deadline: Mapped[date]
    opened_on: Mapped[date]
    window_end: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(16), default="open")
    decision_no: Mapped[str | None] = mapped_column(String(100))


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


class DossierEvent(Base):
    """Append-only history: one row per change of a dossier."""

    __tablename__ = "dossier_events"
    __table_args__ = (Index("ix_dossier_events_dossier_at", "dossier_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"))
    from_state: Mapped[str | None] = mapped_column(String(32))
    to_state: Mapped[str] = mapped_column(String(32))
    trigger: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime]
    note: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class OutboxMessage(Base):
    """A decision to notify, written in the same transaction as the decision itself."""

    __tablename__ = "outbox_messages"
    __table_args__ = (
        Index("ix_outbox_messages_status_next_attempt_at", "status", "next_attempt_at"),
        # Sent rows pile up for good; the dispatcher's claim walks only the live ones.
        Index("ix_outbox_messages_live", "id",
              postgresql_where=text("status IN ('pending', 'sending')"),
              sqlite_where=text("status IN ('pending', 'sending')")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    recipients: Mapped[list[str]]
    subject: Mapped[str] = mapped_column(String(500))
    html_body: Mapped[str] = mapped_column(Text)
    text_body: Mapped[str] = mapped_column(Text)
    # [{"filename": ..., "content_type": ..., "content_b64": ...}]
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending|sending|sent|failed
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime]
    lease_until: Mapped[datetime | None]
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    provider_message_id: Mapped[str | None] = mapped_column(String(200))
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
