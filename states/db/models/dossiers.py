"""Producers, products, rounds, and a product's dossier with its evidence and history.

Calendar dates (inspection day) are plain dates; instants are UTC.
"""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from states.clock import real_now
from states.db.models.base import Base, folded_from
from states.db.models.units import AdministrativeUnit
from states.vocabulary import TERMINAL_STATES

# Issue 25: a dossier is open until its cycle ends (returned, not recognised, expired, revoked,
# withdrawn); a certified one stays open, since its product goes round again by renewal. The
# same predicate on SQLite and PostgreSQL, both of which have partial indexes.
OPEN_DOSSIER = text("state NOT IN ({})".format(", ".join(f"'{s}'" for s in sorted(TERMINAL_STATES))))


class Producer(Base):
    __tablename__ = "producers"
    __table_args__ = (UniqueConstraint("unit_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(32))
    unit_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"))
    # Issue 13: what a province's list of recognised products says of the producer, and the
    # name folded ("htx ga doi yen the") for the public look-up and the import's matching.
    phone: Mapped[str | None] = mapped_column(String(32))
    address_commune: Mapped[str | None] = mapped_column(String(200))
    search_key: Mapped[str] = mapped_column(String(300), index=True, default=folded_from("name"))
    email: Mapped[str | None] = mapped_column(String(254))
    # The producer's address commune (xã / phường / thị trấn): when a district is divided, it
    # says which successor the producer's dossiers go to.
    commune_id: Mapped[int | None] = mapped_column(ForeignKey("administrative_units.id"))


class Product(Base):
    __tablename__ = "products"
    # Issue 25: one row per product of a producer, its name compared folded ("Gà đồi" = "ga doi"):
    # two registrations at the same moment meet here, not in a check before the insert.
    __table_args__ = (UniqueConstraint("producer_id", "search_key",
                                       name="uq_products_producer_search_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    group_code: Mapped[str] = mapped_column(String(32))
    # The sub-group (phân nhóm) of the group in its rulebook's list, if declared: councils score
    # it on the sub-group's own sheet when the rulebook has one.
    subgroup_code: Mapped[str | None] = mapped_column(String(32))
    # Issue 13: the name folded, for the public look-up and the import's matching.
    search_key: Mapped[str] = mapped_column(String(300), index=True, default=folded_from("name"))
    producer_id: Mapped[int] = mapped_column(ForeignKey("producers.id"), index=True)

    producer: Mapped[Producer] = relationship()


class EvaluationRound(Base):
    __tablename__ = "evaluation_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    rulebook_code: Mapped[str] = mapped_column(String(32))
    opened_on: Mapped[date]
    # A round of the province's yearly plan has a name and dates; an automatic half-year round
    # (no plan) has none of them.
    name: Mapped[str | None] = mapped_column(String(200))
    registration_opens: Mapped[date | None]
    registration_closes: Mapped[date | None]
    local_deadline: Mapped[date | None]
    provincial_deadline: Mapped[date | None]
    plan_source: Mapped[str | None] = mapped_column(String(200))


class Dossier(Base):
    __tablename__ = "dossiers"
    __table_args__ = (
        # The deadline sweep is one range scan over this index, whatever the table's size.
        Index("ix_dossiers_state_due_at", "state", "due_at"),
        Index("ix_dossiers_unit_state", "unit_id", "state"),
        # The worklist's order: a page is the next few entries of this index, not a sort.
        Index("ix_dossiers_due_at_id", "due_at", "id"),
        # Issue 25: one open dossier per product, held by the database whoever writes it.
        Index("uq_dossiers_one_open_per_product", "product_id", unique=True,
              sqlite_where=OPEN_DOSSIER, postgresql_where=OPEN_DOSSIER),
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
    # Issue 25: the paper originals are kept ("bản giấy"): the checklist may be ticked by hand.
    # Otherwise its ticks come from accepted files, and inspection waits for them.
    paper_originals: Mapped[bool] = mapped_column(default=True, server_default=true())

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
    # Issue 21: where the totals came from: a council that scored in the system (council_id),
    # or paper sheets typed in, with the sheets' reference. None: recorded before issue 21.
    source: Mapped[str | None] = mapped_column(String(16))
    sheets_ref: Mapped[str | None] = mapped_column(String(100))
    council_id: Mapped[int | None] = mapped_column(ForeignKey("councils.id"))


class DocumentReceipt(Base):
    __tablename__ = "document_receipts"
    __table_args__ = (UniqueConstraint("dossier_id", "cycle", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"))
    cycle: Mapped[int]
    code: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime]


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
    at: Mapped[datetime]  # the business time: a replayed day (`--today`) says 09:00 that day
    # When the row was really written, whatever date the step was recorded for (issue 9).
    recorded_at: Mapped[datetime] = mapped_column(default=real_now)
    note: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The unit as it was at that moment: a 2022 history still says "Huyện Lục Ngạn".
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("administrative_units.id"))
    unit_name: Mapped[str | None] = mapped_column(String(200))
