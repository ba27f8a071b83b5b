"""0103_one_open_dossier on a database that already holds duplicates: products of one producer
whose names fold alike become the oldest, a product's extra open dossiers are withdrawn with an
audit event naming the one kept (a certified one first), and then the database refuses both
kinds of duplicate; on both databases."""

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from states.db.database import alembic_config, make_engine
from tests.states.test_migration_registry import blank_url  # noqa: F401  (the fixture)

BEFORE = "0101_outbox_retry_window"
AT = "'2022-01-01 00:00:00'"
ROWS = [
    "INSERT INTO administrative_units (id, code, name, level, contact_emails) "
    "VALUES (1, 'yen-the', 'Huyện Yên Thế', 'district', '[]')",
    "INSERT INTO evaluation_rounds (id, code, rulebook_code, opened_on) "
    "VALUES (1, '2022-1', 'qd1048-2019', '2022-01-01')",
    "INSERT INTO producers (id, name, kind, unit_id, search_key) VALUES "
    "(1, 'HTX Gà đồi', 'cooperative', 1, 'htx ga doi')",
    "INSERT INTO products (id, name, group_code, producer_id, search_key) VALUES "
    "(1, 'Gà đồi', 'food', 1, 'ga doi'), (2, 'GÀ ĐỒI', 'food', 1, 'GÀ ĐỒI'), "
    "(3, 'Mật ong', 'food', 1, 'mat ong')",
    "INSERT INTO dossiers (id, product_id, unit_id, round_id, cycle, state, version, "
    f"entered_state_at, created_at) VALUES (1, 1, 1, 1, 1, 'registered', 1, {AT}, {AT}), "
    f"(2, 2, 1, 1, 1, 'certified', 3, {AT}, {AT}), (3, 3, 1, 1, 1, 'registered', 1, {AT}, {AT}), "
    f"(4, 1, 1, 1, 1, 'returned', 2, {AT}, {AT})",
]


def test_duplicates_are_merged_and_then_refused(blank_url: str) -> None:  # noqa: F811
    engine = make_engine(blank_url)
    command.upgrade(alembic_config(engine), BEFORE)
    with engine.begin() as connection:
        for statement in ROWS:
            connection.execute(text(statement))
    command.upgrade(alembic_config(engine), "0103_one_open_dossier")
    with engine.connect() as connection:
        products = connection.execute(text(
            "SELECT id, name, search_key FROM products ORDER BY id")).all()
        dossiers = connection.execute(text(
            "SELECT id, product_id, state, version FROM dossiers ORDER BY id")).all()
        events = connection.execute(text(
            "SELECT dossier_id, from_state, to_state, actor, note FROM dossier_events")).all()
    assert [tuple(p) for p in products] == [(1, "Gà đồi", "ga doi"), (3, "Mật ong", "mat ong")]
    # The certified one stays open; the registered duplicate is withdrawn; history untouched.
    assert [tuple(d) for d in dossiers] == [(1, 1, "withdrawn", 2), (2, 1, "certified", 3),
                                            (3, 3, "registered", 1), (4, 1, "returned", 2)]
    assert [tuple(e)[:4] for e in events] == [(1, "registered", "withdrawn", "hệ thống")]
    assert "hồ sơ số 2" in events[0].note
    with (pytest.raises(IntegrityError, match=r"uq_products_producer_search_key|products\.producer_id"),
          engine.begin() as connection):
        connection.execute(text("INSERT INTO products (id, name, group_code, producer_id, "
                                "search_key) VALUES (10, 'Ga Doi', 'food', 1, 'ga doi')"))
    new_dossier = ("INSERT INTO dossiers (id, product_id, unit_id, round_id, cycle, state, version, "
                   f"entered_state_at, created_at) VALUES (:id, 3, 1, 1, 1, :state, 1, {AT}, {AT})")
    with (pytest.raises(IntegrityError, match=r"uq_dossiers_one_open|dossiers\.product_id"),
          engine.begin() as connection):
        connection.execute(text(new_dossier), {"id": 10, "state": "renewal"})
    with engine.begin() as connection:  # an ended cycle leaves room for a new dossier
        connection.execute(text(new_dossier), {"id": 11, "state": "expired"})
    engine.dispose()
