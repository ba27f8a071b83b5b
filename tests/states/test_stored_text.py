"""The net under every ORM write (states/db/stored_text.py): composed text, the column's
length on SQLite as on PostgreSQL, no unseen characters; rows stored earlier stay editable."""

import pytest
from sqlalchemy import select, update

from states.db.models import Producer
from states.errors import InvalidInput
from states.runtime import Runtime
from tests.builders import register


def test_the_column_length_holds_on_both_databases(any_rt: Runtime) -> None:
    register(any_rt)
    with pytest.raises(InvalidInput, match="tối đa 300"), any_rt.transaction() as session:
        session.scalars(select(Producer)).one().name = "x" * 301
    with pytest.raises(InvalidInput, match="U\\+200B"), any_rt.transaction() as session:
        session.scalars(select(Producer)).one().phone = "0912\u200b345"
    with any_rt.transaction() as session:
        producer = session.scalars(select(Producer)).one()
        assert len(producer.name) < 300 and producer.phone is None
        producer.address_commune = "Xa\u0303 Tân Mộc"  # decomposed: stored composed
    with any_rt.transaction() as session:
        assert session.scalars(select(Producer)).one().address_commune == "Xã Tân Mộc"


def test_a_row_stored_before_the_checks_stays_editable(rt: Runtime) -> None:
    register(rt)
    with rt.transaction() as session:  # as an older version of the system could have stored it
        session.execute(update(Producer).values(name="HTX\u200b Lục Ngạn"))
    with rt.transaction() as session:
        session.scalars(select(Producer)).one().email = "htx@example.vn"
    with rt.transaction() as session:
        assert session.scalars(select(Producer)).one().email == "htx@example.vn"
