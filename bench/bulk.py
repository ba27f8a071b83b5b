"""A renewal campaign moving N certified dossiers to `renewal`, one audit event each."""

from collections.abc import Callable
from datetime import UTC, date, datetime

from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from bench.dataset import TODAY
from states.clock import Clock, end_of_local_day
from states.db.database import Database
from states.db.models import Dossier
from states.lifecycle.bulk import move_many
from states.runtime import Runtime
from states.vocabulary import Action, State

DEADLINE = date(2025, 4, 15)
NOW = datetime(2025, 3, 3, 2, 0, tzinfo=UTC)


def certified_ids(engine: Engine, count: int) -> list[int]:
    with Session(engine) as session:
        return list(session.scalars(select(Dossier.id).where(Dossier.state == "certified")
                                    .order_by(Dossier.id).limit(count)))


def restore(engine: Engine, ids: list[int]) -> None:
    """Put the moved dossiers back so the next repetition moves the same rows."""
    with engine.begin() as connection:
        for start in range(0, len(ids), 5000):
            chunk = ids[start:start + 5000]
            connection.execute(
                text("UPDATE dossiers SET state = 'certified', cycle = 1, version = 1 "
                     "WHERE id IN (" + ",".join(map(str, chunk)) + ")"))
        connection.execute(text("DELETE FROM dossier_events WHERE trigger = 'open_renewal'"))


def project_way(engine: Engine, ids: list[int]) -> int:
    with Session(engine) as session, session.begin():
        return len(move_many(session, ids, trigger=Action.OPEN_RENEWAL, source=State.CERTIFIED,
                             actor="admin", now=NOW, due_at=end_of_local_day(DEADLINE),
                             details={"campaign": 1, "deadline": DEADLINE.isoformat()},
                             extra_values={"cycle": Dossier.cycle + 1, "round_id": 1}))


def raw_sql_floor(engine: Engine, ids: list[int]) -> int:
    """The floor: executemany UPDATE + INSERT on the driver's cursor, one transaction."""
    postgres = engine.dialect.name == "postgresql"
    mark = "%s" if postgres else "?"
    due = end_of_local_day(DEADLINE)
    now_value: object = NOW if postgres else NOW.replace(tzinfo=None).isoformat(sep=" ")
    due_value: object = due if postgres else due.replace(tzinfo=None).isoformat(sep=" ")
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.executemany(
            f"UPDATE dossiers SET state = 'renewal', version = version + 1, cycle = cycle + 1, "
            f"round_id = 1, entered_state_at = {mark}, due_at = {mark} "
            f"WHERE id = {mark} AND state = 'certified'",
            [(now_value, due_value, i) for i in ids])
        cursor.executemany(
            "INSERT INTO dossier_events (dossier_id, from_state, to_state, trigger, actor, at, "
            f"recorded_at, details) VALUES ({mark}, 'certified', 'renewal', 'open_renewal', "
            f"'admin', {mark}, {mark}, {mark})",
            [(i, now_value, now_value, '{"campaign": 1}') for i in ids])
        connection.commit()
    finally:
        connection.close()
    return len(ids)


def orm_per_dossier(url: str) -> Callable[[list[int]], int]:
    """The obvious way: the single-dossier command, one ORM transaction per dossier."""
    from use_cases.dossiers import open_renewal

    rt = Runtime(db=Database(url), clock=Clock(TODAY))
    rt.clock = Clock(TODAY)

    def run(ids: list[int]) -> int:
        for dossier_id in ids:
            open_renewal(rt, "admin", dossier_id, due_on=DEADLINE)
        return len(ids)

    return run
