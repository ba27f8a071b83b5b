"""A driver error says what it means: busy or raced is "try again", a missing table is init."""

import sqlite3

import psycopg
import pytest
from sqlalchemy.exc import OperationalError, ProgrammingError

from states.db.database import database_error
from states.errors import ConfigurationError, Conflict


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
