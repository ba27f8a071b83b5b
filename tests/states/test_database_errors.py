"""A driver error says what it means: busy or raced is "try again", a missing table is init."""

import sqlite3
from pathlib import Path
from types import SimpleNamespace

import psycopg
import pytest
from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError, ProgrammingError

from flows.retrying import worth_retrying
from states.db.database import database_error
from states.db.sqlite_problems import damaged_file
from states.errors import ConfigurationError, Conflict, DatabaseBusy


@pytest.mark.parametrize("driver_error", [
    sqlite3.OperationalError("database is locked"),
    psycopg.errors.SerializationFailure("could not serialize access"),
    psycopg.errors.DeadlockDetected("deadlock detected"),
])
def test_busy_or_raced_database_is_a_conflict(driver_error: Exception) -> None:
    error = database_error(OperationalError("UPDATE dossiers", {}, driver_error), "x")
    assert isinstance(error, Conflict) and "thử lại" in error.message


@pytest.mark.parametrize("driver_error", [
    sqlite3.OperationalError("no such table: dossiers"),
    psycopg.errors.UndefinedTable('relation "dossiers" does not exist'),
])
def test_missing_table_points_at_init(driver_error: Exception) -> None:
    error = database_error(ProgrammingError("SELECT", {}, driver_error), "x")
    assert isinstance(error, ConfigurationError) and "ocop init" in error.message


def test_other_database_errors_do_not_blame_init() -> None:
    error = database_error(OperationalError("SELECT", {}, sqlite3.OperationalError("disk I/O error")),
                           "sqlite")
    assert isinstance(error, ConfigurationError) and "ocop init" not in error.message
    assert "disk I/O error" in error.message


def test_a_lock_held_past_the_busy_timeout_names_the_file_and_may_be_retried(
        tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'ocop.db'}")
    waited = sqlite3.OperationalError("database is locked")
    waited.sqlite_errorcode = 5  # SQLITE_BUSY: returned once the busy timeout has passed
    problem = damaged_file(engine, waited)
    assert isinstance(problem, DatabaseBusy) and problem.exit_code == 7
    assert str(tmp_path / "ocop.db") in problem.message and "10 giây" in problem.message
    assert worth_retrying(None, None, SimpleNamespace(data=problem))
    # A snapshot lost to another writer is returned at once, without waiting: a conflict (6).
    raced = sqlite3.OperationalError("database is locked")
    raced.sqlite_errorcode = 517  # SQLITE_BUSY_SNAPSHOT
    assert damaged_file(engine, raced) is None
    assert isinstance(database_error(OperationalError("UPDATE", {}, raced), "sqlite"), Conflict)
    assert not worth_retrying(None, None, SimpleNamespace(data=ConfigurationError("x")))
