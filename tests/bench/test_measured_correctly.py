"""What the benchmarks measure is correct: the fast sweep finds exactly the baseline's set,
and the bulk campaign writes the same rows as the raw-SQL floor."""

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bench import bulk
from bench.dataset import TODAY, generate
from bench.sweep_probe import baseline, fast
from states.db.database import make_engine
from states.db.models import Dossier, DossierEvent
from states.rules.working_days import WorkingCalendar


def test_fast_sweep_equals_the_baseline(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'b.db'}")
    generate(engine, 3000, provinces=5)
    calendar = WorkingCalendar()
    with Session(engine) as session:
        quick = fast(session, calendar, TODAY)
        slow = baseline(session, calendar, TODAY)
    assert sum(len(v) for v in quick.values()) > 100
    assert {k: sorted(v) for k, v in quick.items()} == {k: sorted(v) for k, v in slow.items()}
    engine.dispose()


def test_bulk_project_way_and_raw_floor_write_the_same(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'b.db'}")
    generate(engine, 2000, provinces=3)
    ids = bulk.certified_ids(engine, 300)

    def snapshot() -> list[tuple[object, ...]]:
        with Session(engine) as session:
            dossiers = session.execute(select(Dossier.id, Dossier.state, Dossier.version,
                                              Dossier.cycle, Dossier.due_at)
                                       .where(Dossier.id.in_(ids)).order_by(Dossier.id)).all()
            events = session.execute(select(DossierEvent.dossier_id, DossierEvent.to_state)
                                     .order_by(DossierEvent.dossier_id)).all()
            return [tuple(r) for r in dossiers] + [tuple(r) for r in events]

    assert bulk.project_way(engine, ids) == 300
    ours = snapshot()
    bulk.restore(engine, ids)
    assert bulk.raw_sql_floor(engine, ids) == 300
    assert snapshot() == ours
    assert {row[1] for row in ours[:300]} == {"renewal"}
    engine.dispose()
