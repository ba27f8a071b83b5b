"""Inserting a row unless its unique key is already taken, without failing either writer."""

from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import DeclarativeBase, Session


def insert_unless_taken(session: Session, model: type[DeclarativeBase], values: dict[str, Any],
                        key: tuple[str, ...]) -> bool:
    """Insert `values` unless a row with the same `key` columns exists. Returns whether a row
    was added. ON CONFLICT DO NOTHING: two writers of the same key cannot both add it, nor fail.
    Whether it was added is read from RETURNING: psycopg reports rowcount -1 for this statement."""
    table = model.__table__
    dialect = session.get_bind().dialect.name
    if dialect in ("postgresql", "sqlite"):
        module = postgresql if dialect == "postgresql" else sqlite
        statement = (module.insert(model).values(values)
                     .on_conflict_do_nothing(index_elements=list(key))
                     .returning(table.c[key[0]]))
        return session.execute(statement).first() is not None
    taken = select(table.c[key[0]]).where(*(table.c[k] == values[k] for k in key)).limit(1)
    if session.scalar(taken) is not None:
        return False
    session.execute(insert(model).values(values))
    return True
