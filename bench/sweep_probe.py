"""One deadline sweep in a fresh process: `python -m bench.sweep_probe URL fast|baseline`.
Prints seconds, peak RSS and a digest of the result set."""

import hashlib
import json
import resource
import sys
import time
from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session
from transitions import Machine

from bench.dataset import TODAY
from states.clock import end_of_local_day
from states.db.database import make_engine
from states.db.models import Dossier
from states.lifecycle.machine import STEPS
from states.oversight.sweeps import due_items
from states.rules.working_days import WorkingCalendar
from states.vocabulary import ACTION_STATES, State

SOON = 3


def fast(session: Session, calendar: WorkingCalendar, today: date) -> dict[int, list[int]]:
    """The project's way: the daily flow's own query over the (state, due_at) index."""
    grouped: dict[int, list[int]] = defaultdict(list)
    for item in due_items(session, calendar, today, SOON):
        grouped[item.unit_id].append(item.dossier_id)
    return grouped


TRANSITIONS = [{"trigger": s.trigger.value, "source": [x.value for x in s.sources], "dest": s.dest.value}
               for s in STEPS]


def baseline(session: Session, calendar: WorkingCalendar, today: date) -> dict[int, list[int]]:
    """The obvious way: every open dossier through the ORM, a Machine bound per row."""
    horizon = end_of_local_day(calendar.add_working_days(today, SOON))
    grouped: dict[int, list[int]] = defaultdict(list)
    for dossier in session.scalars(select(Dossier).where(Dossier.state.in_(ACTION_STATES))):
        Machine(model=dossier, states=[s.value for s in State], transitions=TRANSITIONS,
                initial=dossier.state, auto_transitions=False)
        if dossier.due_at is not None and dossier.due_at < horizon:
            grouped[dossier.unit_id].append(dossier.id)
    return grouped


def peak_rss_mb() -> float:
    """This process's own high-water mark. ru_maxrss would not do: Linux carries it over from
    the parent across fork and exec, so a probe started by a big parent reports the parent."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    url, way = sys.argv[1], sys.argv[2]
    engine = make_engine(url)
    calendar = WorkingCalendar()
    calendar.add_working_days(TODAY, SOON)  # load the holiday table outside the timing
    with Session(engine) as session:
        session.execute(select(1))
        start = time.perf_counter()
        grouped = (fast if way == "fast" else baseline)(session, calendar, TODAY)
        seconds = time.perf_counter() - start
    ids = sorted(i for items in grouped.values() for i in items)
    print(json.dumps({
        "seconds": seconds,
        "peak_rss_mb": peak_rss_mb(),
        "due": len(ids), "units": len(grouped),
        "digest": hashlib.sha256(json.dumps(ids).encode()).hexdigest()[:16],
    }))


if __name__ == "__main__":
    main()
