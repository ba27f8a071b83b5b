"""The net under every write through the ORM: text is stored composed (NFC), within its
column's length on SQLite as on PostgreSQL (SQLite would keep 10,000 characters where
PostgreSQL refuses 301), and without unseen characters. The entry points check names with
their own words (states.typed_text); this catches whatever they did not name."""

import itertools
import unicodedata
from typing import Any

from sqlalchemy import String, inspect
from sqlalchemy.orm import InstrumentedAttribute, Session

from states.errors import InvalidInput
from states.typed_text import unseen_character

SHOWN_CHARACTERS = 40


def length_of(attribute: InstrumentedAttribute[Any]) -> int | None:
    """The most characters a String column holds (None: unbounded)."""
    column_type = attribute.property.columns[0].type
    return column_type.length if isinstance(column_type, String) else None


def check_stored_text(session: Session, _context: Any, _instances: Any) -> None:
    """before_flush: normalise and check every text value about to be written."""
    for instance in itertools.chain(session.new, session.dirty):
        state = inspect(instance)
        for attribute in state.mapper.column_attrs:
            # Only what is being written: a row stored before these checks stays editable.
            if not state.pending and not state.attrs[attribute.key].history.added:
                continue
            value = state.dict.get(attribute.key)  # only what is loaded or set: no lazy loads
            if isinstance(value, str):
                _check(instance, attribute.key, attribute.columns[0], value)


def _check(instance: Any, key: str, column: Any, value: str) -> None:
    composed = unicodedata.normalize("NFC", value)
    if composed != value:
        setattr(instance, key, composed)
    where = f"{column.table.name}.{column.name}"
    shown = composed[:SHOWN_CHARACTERS] + ("…" if len(composed) > SHOWN_CHARACTERS else "")
    unseen = unseen_character(composed, lines=True)
    if unseen:
        raise InvalidInput(f"'{shown}' chứa ký tự điều khiển hoặc ký tự ẩn ({unseen}) ({where}): "
                           "hãy gõ lại; không có gì được ghi.")
    limit = column.type.length if isinstance(column.type, String) else None
    if limit is not None and len(composed) > limit:
        raise InvalidInput(f"'{shown}' dài {len(composed)} ký tự, tối đa {limit} ({where}); "
                           "không có gì được ghi.")
