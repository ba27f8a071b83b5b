"""One `score` command through the service layer: one transaction with its audit row."""

import time
from datetime import date

from states.clock import Clock
from states.db.database import Database
from states.runtime import Runtime
from use_cases import admin as admin_commands
from use_cases import dossiers as c

DAY = date(2025, 3, 3)


def prepare(url: str, count: int) -> tuple[Runtime, list[int]]:
    rt = Runtime(db=Database(url), clock=Clock(DAY))
    admin_commands.init(rt)
    ids = []
    for n in range(count):
        view = c.register_product(rt, "admin", unit="Lục Ngạn", producer=f"HTX số {n}",
                                  producer_type="cooperative", product=f"Vải thiều {n}",
                                  group="food")
        c.inspect(rt, "admin", view.id, on=DAY, inspectors=["Nguyễn Văn An"])
        ids.append(view.id)
    return rt, ids


def score_each(rt: Runtime, ids: list[int]) -> list[float]:
    times = []
    for dossier_id in ids:
        start = time.perf_counter()
        c.score(rt, "admin", dossier_id, totals=[61, 63, 65])
        times.append(time.perf_counter() - start)
    return times
