"""0100_registry on a database that already holds products and certificates: every name gets
its folded search key and every certificate its own random token, on both databases."""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from alembic import command
from sqlalchemy import text

from states.db.database import alembic_config, make_engine
from tests.conftest import PG_ADMIN_URL

BEFORE = "0100_two_levels"
ROWS = [
    "INSERT INTO administrative_units (id, code, name, level, contact_emails) "
    "VALUES (1, 'luc-ngan', 'Huyện Lục Ngạn', 'district', '[]')",
    "INSERT INTO evaluation_rounds (id, code, rulebook_code, opened_on) "
    "VALUES (1, '2022-1', 'qd1048-2019', '2022-01-01')",
    "INSERT INTO producers (id, name, kind, unit_id) VALUES (1, 'HTX Vải thiều Phượng Sơn', "
    "'cooperative', 1)",
    "INSERT INTO products (id, name, group_code, producer_id) VALUES (1, 'Vải thiều SẤY KHÔ', "
    "'food', 1), (2, 'Mỳ Chũ', 'food', 1)",
    "INSERT INTO dossiers (id, product_id, unit_id, round_id, cycle, state, version, "
    "entered_state_at, created_at) VALUES (1, 1, 1, 1, 1, 'certified', 1, '2022-01-01 00:00:00', "
    "'2022-01-01 00:00:00'), (2, 2, 1, 1, 1, 'certified', 1, '2022-01-01 00:00:00', "
    "'2022-01-01 00:00:00')",
    "INSERT INTO certificates (id, dossier_id, number, stars, points, decision_no, recognised_on, "
    "expires_on, status) VALUES (1, 1, 'A', 4, 75, '1/QĐ', '2022-01-01', '2025-01-01', 'valid'), "
    "(2, 2, 'B', 3, 60, '1/QĐ', '2022-01-01', '2025-01-01', 'valid')",
]


@pytest.fixture(params=["sqlite", "postgres"])
def blank_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    name = f"ocop_migration_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError:
        if os.environ.get("CI"):
            raise
        pytest.skip("PostgreSQL is not reachable")
    yield PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_existing_rows_get_their_search_keys_and_tokens(blank_url: str) -> None:
    engine = make_engine(blank_url)
    command.upgrade(alembic_config(engine), BEFORE)
    with engine.begin() as connection:
        for statement in ROWS:
            connection.execute(text(statement))
    command.upgrade(alembic_config(engine), "head")
    with engine.connect() as connection:
        products = connection.execute(text("SELECT search_key FROM products ORDER BY id")).scalars()
        producer = connection.execute(text("SELECT search_key FROM producers")).scalar()
        tokens = connection.execute(text("SELECT public_token FROM certificates")).scalars().all()
    assert list(products) == ["vai thieu say kho", "my chu"]
    assert producer == "htx vai thieu phuong son"
    assert len(set(tokens)) == 2 and all(len(t) == 22 for t in tokens)
    command.downgrade(alembic_config(engine), BEFORE)
    engine.dispose()
