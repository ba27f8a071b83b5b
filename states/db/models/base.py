"""The declarative base: naming convention and the type map every model shares; and the column
defaults of the registry (issue 13): an accent-folded copy of a name for the public look-up, and
a certificate's random public token. Defaults, so every writer fills them alike."""

import secrets
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, MetaData
from sqlalchemy.orm import DeclarativeBase

from states.db.types import UtcDateTime
from states.folding import fold

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UtcDateTime, dict[str, Any]: JSON, list[str]: JSON}


TOKEN_BYTES = 16  # 128 random bits: 22 characters in a URL, never guessed nor enumerated


def folded_from(column: str) -> Callable[[Any], str]:
    """The folded form ("ga doi yen the") of `column`'s value in the same INSERT."""

    def default(context: Any) -> str:
        return fold(str(context.get_current_parameters()[column]))

    return default


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)
