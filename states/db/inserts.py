"""Inserting a row unless its unique key is already taken, without failing either writer."""

from typing import Any

from sqlalchemy import Executable, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import DeclarativeBase, Session


def insert_unless_taken(session: Session, model: type[DeclarativeBase], values: dict[str, Any],
                        key: tuple[str, ...]) -> bool:
    """Insert `values` unless a row with the same `key` columns exists. Returns whether a row
    was added. ON CONFLICT DO NOTHING: two writers of the same key cannot both add it, nor fail."""
    dialect = session.get_bind().dialect.name
    statement: Executable
    if dialect == "postgresql":
        statement = postgresql.insert(model).values(values).on_conflict_do_nothing(
            index_elements=list(key))
    elif dialect == "sqlite":
        statement = sqlite.insert(model).values(values).on_conflict_do_nothing(
            index_elements=list(key))
    else:
        table = model.__table__
        taken = select(table.c[key[0]]).where(*(table.c[k] == values[k] for k in key)).limit(1)
        if session.scalar(taken) is not None:
            return False
        statement = insert(model).values(values)
    result = session.execute(statement)
    return bool(getattr(result, "rowcount", 0))
