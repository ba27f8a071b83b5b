"""Two officers change one dossier at once: the second write fails and writes nothing."""

import threading
from datetime import date

import pytest
from sqlalchemy import func, select

from states.db.models import DossierEvent, ScoreSheet
from states.errors import Conflict
from states.lifecycle.change import DossierChange
from states.runtime import Runtime
from states.vocabulary import Action, CouncilLevel
from tests.builders import advance, register
from tests.conftest import make_runtime
from use_cases import dossiers as c


def test_stale_write_is_a_conflict_on_two_connections(any_rt: Runtime) -> None:
    other = make_runtime(any_rt.db.url)
    dossier_id = register(any_rt)
    advance(any_rt, dossier_id, "district_inspected")
    with pytest.raises(Conflict, match="người khác thay đổi"), any_rt.transaction() as session:
        change = DossierChange(any_rt, session, "admin", dossier_id, Action.SCORE)
        ctx = change.context_for(Action.SCORE)
        # Meanwhile a second officer, on their own connection, scores and commits.
        assert c.score(other, "admin", dossier_id, totals=[66]).state == "district_scored"
        change.add_sheet(CouncilLevel.LOCAL, [44], None)
        change.move(Action.SCORE, ctx)
    with any_rt.transaction() as session:
        sheets = session.scalars(select(ScoreSheet.average)).all()
        assert sheets == [66]
        scored = session.scalar(select(func.count()).select_from(DossierEvent)
                                .where(DossierEvent.trigger == "score"))
        assert scored == 1
    other.db.dispose()


@pytest.mark.postgres
def test_concurrent_threads_on_postgres_one_wins(pg_url: str) -> None:
    rt = make_runtime(pg_url, today=date(2022, 3, 1))
    dossier_id = register(rt)
    advance(rt, dossier_id, "district_inspected")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def officer(points: float) -> None:
        mine = make_runtime(pg_url, today=date(2022, 3, 1))
        try:
            with mine.transaction() as session:
                change = DossierChange(mine, session, "admin", dossier_id, Action.SCORE)
                barrier.wait(timeout=10)  # both have read version N before either writes
                change.add_sheet(CouncilLevel.LOCAL, [points], None)
                change.move(Action.SCORE, change.context_for(Action.SCORE))
            outcomes.append("ok")
        except Conflict:
            outcomes.append("conflict")
        finally:
            mine.db.dispose()

    threads = [threading.Thread(target=officer, args=(p,)) for p in (61, 72)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["conflict", "ok"]
    with rt.transaction() as session:
        assert len(session.scalars(select(ScoreSheet)).all()) == 1
    rt.db.dispose()
