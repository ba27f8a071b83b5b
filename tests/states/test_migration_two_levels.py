"""Upgrading a database that already holds 2022 dossiers: the units table is rebuilt (names are
no longer unique) without losing a row, and the history gets its unit snapshots."""

import uuid
from collections.abc import Iterator

import psycopg
import pytest
from alembic import command
from sqlalchemy import Engine, text

from states.db.database import alembic_config, make_engine
from tests.conftest import PG_ADMIN_URL, _pg_available

REVISION = "0100_two_levels"
ROWS = [
    "INSERT INTO administrative_units (id, code, name, level, contact_emails) VALUES "
    "(1, 'bac-giang', 'Tỉnh Bắc Giang', 'province', '[]')",
    "INSERT INTO administrative_units (id, code, name, level, parent_id, contact_emails) VALUES "
    "(2, 'luc-ngan', 'Huyện Lục Ngạn', 'district', 1, '[]')",
    "INSERT INTO evaluation_rounds (id, code, rulebook_code, opened_on) VALUES "
    "(1, '2022-2', 'qd1048-2019', '2022-12-01')",
    "INSERT INTO producers (id, name, kind, unit_id) VALUES (1, 'HTX Vải thiều', 'cooperative', 2)",
    "INSERT INTO products (id, name, group_code, producer_id) VALUES (1, 'Vải thiều sấy', 'food', 1)",
    "INSERT INTO dossiers (id, product_id, unit_id, round_id, cycle, state, version, "
    "entered_state_at, created_at) VALUES (1, 1, 2, 1, 1, 'certified', 5, '2022-12-20 02:00:00', "
    "'2022-12-01 02:00:00')",
    "INSERT INTO dossier_events (id, dossier_id, to_state, trigger, actor, at, details) VALUES "
    "(1, 1, 'registered', 'register', 'admin', '2022-12-01 02:00:00', '{}')",
    "INSERT INTO certificates (id, dossier_id, number, stars, points, decision_no, recognised_on, "
    "expires_on, status) VALUES (1, 1, 'OCOP-2022-000001-1', 4, 76, '2001/QĐ-UBND', '2022-12-20', "
    "'2025-12-20', 'valid')",
]


@pytest.fixture(params=["sqlite", "postgres"])
def fresh_engine(request: pytest.FixtureRequest, tmp_path) -> Iterator[Engine]:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
        yield engine
        engine.dispose()
        return
    if not _pg_available():
        pytest.skip("PostgreSQL is not reachable")
    name = f"ocop_migration_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    engine = make_engine(PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name)
    yield engine
    engine.dispose()
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_upgrade_keeps_the_rows_and_snapshots_the_history(fresh_engine: Engine) -> None:
    command.upgrade(alembic_config(fresh_engine), "0003")
    with fresh_engine.begin() as connection:
        for statement in ROWS:
            connection.execute(text(statement))
    command.upgrade(alembic_config(fresh_engine), REVISION)
    fresh_engine.dispose()
    with fresh_engine.begin() as connection:
        event = connection.execute(text("SELECT unit_id, unit_name FROM dossier_events")).one()
        certificate = connection.execute(text("SELECT issuer, unit_name FROM certificates")).one()
        assert tuple(event) == (2, "Huyện Lục Ngạn")
        assert tuple(certificate) == ("UBND tỉnh Bắc Giang", "Huyện Lục Ngạn")
        assert connection.execute(text("SELECT count(*) FROM dossiers")).scalar() == 1
        # The same name may now come back in another period.
        connection.execute(text(
            "INSERT INTO administrative_units (id, code, name, level, contact_emails, valid_from) "
            "VALUES (3, 'luc-ngan-2', 'Huyện Lục Ngạn', 'district', '[]', '2030-01-01')"))
        if fresh_engine.dialect.name == "sqlite":
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
