"""A model's table, for Core statements on many rows: the ORM's bulk INSERT … RETURNING splices
its result rows one batch into the next (quadratic: 3 s of 7 for 10,000 rows here); Core's
insertmanyvalues returns them in order at once."""

from typing import cast

from sqlalchemy import Table
from sqlalchemy.orm import DeclarativeBase


def table_of(model: type[DeclarativeBase]) -> Table:
    return cast(Table, model.__table__)
