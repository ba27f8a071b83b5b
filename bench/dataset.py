"""Deterministic synthetic data at national scale: provinces, units, producers, products,
dossiers in every state with realistic deadlines and certificate expiries."""

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, func, insert, select, text

from demo.synthetic import PLACES, sample_product
from states.clock import end_of_local_day
from states.db.database import upgrade_schema
from states.db.models import (
    AdministrativeUnit,
    Base,
    Certificate,
    Dossier,
    EvaluationRound,
    Producer,
    Product,
    User,
)
from states.rules.certificates import expiry_date

TODAY = date(2025, 3, 3)  # a Monday: the day every benchmark sweeps
SEED = 20221015
# Share of dossiers per state: most are recognised products; a few percent are in evaluation.
STATE_SHARES: dict[str, float] = {
    "certified": 0.55, "expired": 0.08, "revoked": 0.02, "returned": 0.06,
    "not_recognised": 0.02, "withdrawn": 0.01, "renewal": 0.03, "registered": 0.07,
    "district_inspected": 0.05, "district_scored": 0.04, "provincial_review": 0.065,
    "central_review": 0.005,
}
LIMIT_DAYS = {"registered": 21, "renewal": 21, "district_inspected": 14, "district_scored": 7,
              "provincial_review": 42, "central_review": 84}
CHUNK = 20_000


@dataclass(frozen=True)
class Dataset:
    url: str
    size: int
    provinces: int


def _ts(value: datetime) -> datetime:
    return value.astimezone(UTC)


def _chunks(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    return [rows[i:i + CHUNK] for i in range(0, len(rows), CHUNK)]


def reset(engine: Engine) -> None:
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        else:
            Base.metadata.drop_all(connection)
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    upgrade_schema(engine)


def existing_size(engine: Engine) -> int | None:
    try:
        with engine.connect() as connection:
            return int(connection.scalar(select(func.count()).select_from(Dossier)) or 0)
    except Exception:
        return None


def national_units(provinces: int) -> list[dict[str, Any]]:
    """63 provinces × 10 district-level units, each with a contact address."""
    units: list[dict[str, Any]] = []
    for p in range(provinces):
        units.append({"id": len(units) + 1, "code": f"p{p:02d}", "name": f"Tỉnh số {p + 1}",
                      "level": "province", "parent_id": None,
                      "contact_emails": [f"ocop@snn-p{p:02d}.gov.vn"]})
        parent = len(units)
        for d in range(10):
            place = PLACES[(p * 10 + d) % len(PLACES)]
            units.append({"id": len(units) + 1, "code": f"p{p:02d}-d{d}",
                          "name": f"Huyện {place} ({p + 1}-{d})", "level": "district",
                          "parent_id": parent,
                          "contact_emails": [f"ocop.d{d}@p{p:02d}.gov.vn"]})
    return units


def certificate_row(rng: random.Random, n: int, state: str) -> dict[str, Any]:
    recognised = date(2019, 9, 1) + timedelta(days=rng.randrange(0, 5 * 365))
    if state == "certified" and expiry_date(recognised, 36) < TODAY:
        recognised = TODAY - timedelta(days=rng.randrange(1, 1000))
    status = {"certified": "valid", "renewal": "valid", "expired": "expired",
              "revoked": "revoked"}[state]
    return {"dossier_id": n, "number": f"OCOP-{recognised.year}-{n:07d}-1",
            "stars": rng.choice((3, 3, 4, 4, 5)), "points": 50 + rng.random() * 45,
            "decision_no": f"{n}/QĐ-UBND", "recognised_on": recognised,
            "expires_on": expiry_date(recognised, 36), "status": status}


@dataclass
class Rows:
    producers: list[dict[str, Any]] = field(default_factory=list)
    products: list[dict[str, Any]] = field(default_factory=list)
    dossiers: list[dict[str, Any]] = field(default_factory=list)
    certificates: list[dict[str, Any]] = field(default_factory=list)


def dossier_rows(rng: random.Random, size: int, local_ids: list[int]) -> Rows:
    now = datetime.combine(TODAY, datetime.min.time(), UTC)
    states, weights = list(STATE_SHARES), list(STATE_SHARES.values())
    rows = Rows()
    for n in range(1, size + 1):
        sample = sample_product(rng, n)
        unit_id = local_ids[n % len(local_ids)]
        rows.producers.append({"id": n, "name": f"{sample.producer} ({n})",
                               "kind": sample.producer_type, "unit_id": unit_id,
                               "email": sample.email})
        rows.products.append({"id": n, "name": sample.product, "group_code": sample.group,
                              "producer_id": n})
        state = rng.choices(states, weights)[0]
        # Dossiers in evaluation entered their state recently: about one in five is late.
        span = int(LIMIT_DAYS.get(state, 60) * 1.25) + 1
        entered = now - timedelta(days=rng.randrange(0, span), hours=rng.randrange(0, 24))
        due_at: datetime | None = None
        if state in LIMIT_DAYS:
            due_at = end_of_local_day((entered + timedelta(days=LIMIT_DAYS[state])).date())
        if state in ("certified", "renewal", "expired", "revoked"):
            rows.certificates.append(certificate_row(rng, n, state))
            if state == "certified":
                due_at = end_of_local_day(rows.certificates[-1]["expires_on"])
        rows.dossiers.append({"id": n, "product_id": n, "unit_id": unit_id, "round_id": 1,
                              "cycle": 1, "state": state, "version": 1,
                              "entered_state_at": _ts(entered), "due_at": due_at,
                              "created_at": _ts(entered)})
    return rows


def generate(engine: Engine, size: int, provinces: int = 63, seed: int = SEED) -> None:
    """Fill an empty schema; the same arguments always give the same rows."""
    rng = random.Random(seed)
    reset(engine)
    units = national_units(provinces)
    generated = dossier_rows(rng, size, [u["id"] for u in units if u["level"] == "district"])
    producers, products = generated.producers, generated.products
    dossiers, certificates = generated.dossiers, generated.certificates
    with engine.begin() as connection:
        connection.execute(insert(AdministrativeUnit), units)
        connection.execute(insert(User), [{"name": "admin", "role": "department", "unit_id": 1}])
        connection.execute(insert(EvaluationRound), [{"id": 1, "code": "2025-1",
                                                      "rulebook_code": "qd1048-2019",
                                                      "opened_on": date(2025, 1, 2)}])
        for table, rows in ((Producer, producers), (Product, products), (Dossier, dossiers),
                            (Certificate, certificates)):
            for chunk in _chunks(rows):
                connection.execute(insert(table), chunk)
        if engine.dialect.name == "postgresql":
            for name in ("administrative_units", "producers", "products", "dossiers",
                          "evaluation_rounds", "users", "certificates"):
                connection.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                    f"(SELECT coalesce(max(id), 1) FROM {name}))"))
    if engine.dialect.name == "postgresql":
        # A live database is vacuumed by autovacuum; this server runs with it off, and a table
        # never vacuumed has no visibility map: the worklist's capped counts then visit the heap
        # (late count at 1M: 4.7 ms instead of 0.2 ms as an index-only scan).
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM (ANALYZE)"))
        return
    with engine.begin() as connection:
        connection.execute(text("ANALYZE"))
