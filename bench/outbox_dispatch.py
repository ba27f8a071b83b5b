"""10k pending messages through a transport, with 1 or 4 dispatchers at once."""

import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import func, select, text

from notifiers.dispatcher import Dispatcher
from notifiers.message import OutgoingMessage, Transport
from notifiers.outbox import enqueue
from notifiers.settings import NotifierSettings
from states.clock import Clock
from states.db.database import Database
from states.db.models import OutboxMessage
from states.runtime import Runtime
from use_cases.admin import init

BODY = "Hồ sơ #1234 Mật ong rừng Sơn Động: kiểm tra thực tế cơ sở sản xuất, hạn 14/10/2022. " * 8


def fill(url: str, count: int) -> Runtime:
    rt = Runtime(db=Database(url), clock=Clock(date(2022, 10, 10)))
    init(rt)
    with rt.db.engine.begin() as connection:
        # TRUNCATE, not DELETE: repeated fills must not leave dead rows for the claim to wade through.
        connection.execute(text("DELETE FROM outbox_messages" if connection.dialect.name == "sqlite"
                                else "TRUNCATE outbox_messages"))
    with rt.transaction() as session:
        for n in range(count):
            enqueue(session, OutgoingMessage(key=f"bench:{n}", recipients=("ocop@p01.gov.vn",),
                                             subject=f"[OCOP] Nhắc việc số {n}",
                                             html=f"<p>{BODY}</p>", text=BODY),
                    "unit_digest", rt.clock.now())
    return rt


def dispatch_all(rt: Runtime, make_transport: Callable[[], Transport], workers: int) -> float:
    settings = NotifierSettings(lease_seconds=600)
    errors: list[BaseException] = []
    claimed: list[int] = []

    def work(number: int) -> None:
        db = Database(rt.db.url)
        try:
            # On the real clock, as `ocop outbox send` and the flow dispatch: a row is due in
            # real time (enqueue), so a dispatcher on the replayed 2022 date would claim nothing.
            claimed.append(Dispatcher(db, make_transport(), settings,
                                      dispatcher_id=f"bench-{number}").run(batch_size=200).claimed)
        except BaseException as error:  # reported after the timing, not swallowed
            errors.append(error)
        finally:
            db.dispose()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(workers)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - start
    if errors:
        raise errors[0]
    if not sum(claimed):
        # A rate over nothing sent is no measurement: make the tiny run in `make test` fail.
        raise RuntimeError("the dispatchers claimed no message: are the rows due on their clock?")
    return seconds


def sent_once(rt: Runtime, count: int) -> bool:
    """Every row sent, and claimed exactly once (a second claim would add an attempt)."""
    with rt.transaction() as session:
        rows = session.execute(select(OutboxMessage.status, OutboxMessage.attempts,
                                      func.count()).group_by(OutboxMessage.status,
                                                             OutboxMessage.attempts)).all()
    return [(s, a, n) for s, a, n in rows] == [("sent", 1, count)]


def eml_count(folder: Path) -> int:
    return len(list(folder.glob("*.eml")))


def duplicates(keys: list[str]) -> int:
    return sum(n - 1 for n in Counter(keys).values() if n > 1)
