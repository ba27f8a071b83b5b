"""One `score` command through the service layer: one transaction with its audit row."""

import time
from datetime import date

from states import admin_commands
from states import dossier_commands as c
from states.runtime import Runtime
from states.settings import Settings

DAY = date(2025, 3, 3)


def prepare(url: str, count: int) -> tuple[Runtime, list[int]]:
    rt = Runtime.from_settings(Settings(database_url=url, today=DAY))
    admin_commands.init(rt)
    ids = []
    for n in range(count):
        view = c.register_product(rt, "admin", unit="Lục Ngạn", producer=f"HTX số {n}",
                                  producer_type="cooperative", product=f"Vải thiều {n}",
                                  group="food")
        c.inspect(rt, "admin", int(view["id"]), on=DAY, inspectors=["Nguyễn Văn An"])
        ids.append(int(view["id"]))
    return rt, ids


def score_each(rt: Runtime, ids: list[int]) -> list[float]:
    times = []
    for dossier_id in ids:
        start = time.perf_counter()
        c.score(rt, "admin", dossier_id, totals=[61, 63, 65])
        times.append(time.perf_counter() - start)
    return times
