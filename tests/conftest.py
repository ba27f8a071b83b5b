"""Shared fixtures: a migrated SQLite file per test, and a PostgreSQL database per worker."""

import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

from states.clock import Clock
from states.db.database import Database
from states.db.models import Base
from states.runtime import Runtime
from use_cases.admin import init

PG_ADMIN_URL = os.environ.get("OCOP_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def make_runtime(url: str, today: date | None = date(2022, 3, 1), rulebook: str | None = None,
                 rules_dir: Path | None = None) -> Runtime:
    return Runtime(db=Database(url), clock=Clock(today), rules_dir=rules_dir, rulebook_pin=rulebook)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    rt = make_runtime(f"sqlite:///{path}")
    init(rt)
    rt.db.dispose()
    return path


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    path = tmp_path / "ocop.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


def _pg_available() -> bool:
    try:
        with psycopg.connect(PG_ADMIN_URL, connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    if not _pg_available():
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is not reachable at {PG_ADMIN_URL}")
        pytest.skip("PostgreSQL is not reachable")
    name = f"ocop_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    rt = make_runtime(url)
    init(rt)
    rt.db.dispose()
    yield url
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_url(pg_database: str) -> str:
    rt = make_runtime(pg_database)
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with rt.db.engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    init(rt)
    rt.db.dispose()
    return pg_database


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest) -> str:
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return str(request.getfixturevalue(name))


@pytest.fixture
def rt(sqlite_url: str) -> Iterator[Runtime]:
    runtime = make_runtime(sqlite_url)
    yield runtime
    runtime.db.dispose()


@pytest.fixture
def any_rt(db_url: str) -> Iterator[Runtime]:
    """The same test on SQLite and on PostgreSQL."""
    runtime = make_runtime(db_url)
    yield runtime
    runtime.db.dispose()


def at(rt: Runtime, day: date) -> Runtime:
    """The same runtime with its clock set to another day."""
    rt.clock = Clock(day)
    return rt
