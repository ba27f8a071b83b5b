"""Random sequences of commands on one dossier keep the system's invariants."""

import shutil
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from states.db.models import Certificate, Dossier, DossierEvent
from states.errors import InvalidInput, RuleRefused
from states.runtime import Runtime
from states.vocabulary import State
from tests.builders import REQUIRED_DOCS, register
from tests.conftest import at, make_runtime
from use_cases import dossiers as c

DAY = date(2022, 3, 1)

ACTIONS = {
    "inspect": lambda rt, i, p: c.inspect(rt, "admin", i, on=DAY, inspectors=["An"]),
    "score": lambda rt, i, p: c.score(rt, "admin", i, totals=[p]),
    "documents": lambda rt, i, p: c.update_documents(rt, "admin", i, add=REQUIRED_DOCS, remove=[]),
    "forward": lambda rt, i, p: c.forward(rt, "admin", i),
    "return": lambda rt, i, p: c.return_dossier(rt, "admin", i, reason="x"),
    "certify": lambda rt, i, p: c.certify(rt, "admin", i, totals=[p], decision="1/QĐ", on=DAY),
    "not_recognise": lambda rt, i, p: c.not_recognise(rt, "admin", i),
    "withdraw": lambda rt, i, p: c.withdraw(rt, "admin", i),
    "open_renewal": lambda rt, i, p: c.open_renewal(rt, "admin", i),
    "expire": lambda rt, i, p: c.expire(rt, "admin", i),
    "revoke": lambda rt, i, p: c.revoke(rt, "admin", i, reason="dissolved", decision="2/QĐ"),
}


def facts(rt: Runtime, dossier_id: int) -> tuple[str, int, int, list[tuple[str, date]]]:
    with rt.transaction() as session:
        dossier = session.get(Dossier, dossier_id)
        assert dossier is not None
        events = session.scalar(select(func.count()).select_from(DossierEvent))
        certificates = [(x.status, x.expires_on) for x in session.scalars(
            select(Certificate).where(Certificate.dossier_id == dossier_id))]
        return dossier.state, dossier.version, int(events or 0), certificates


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(sorted(ACTIONS)),
                                st.sampled_from([30.0, 49.99, 50.0, 70.0, 90.0, 100.0]),
                                st.integers(min_value=0, max_value=2000)),
                      max_size=14))
def test_random_commands_keep_invariants(sqlite_template: Path,
                                         steps: list[tuple[str, float, int]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ocop.db"
        shutil.copy(sqlite_template, path)
        rt = make_runtime(f"sqlite:///{path}", today=DAY)
        dossier_id = register(rt)
        day_offset = 0
        for action, points, days_later in steps:
            day_offset = max(day_offset, days_later)
            at(rt, date.fromordinal(DAY.toordinal() + day_offset))
            before = facts(rt, dossier_id)
            try:
                ACTIONS[action](rt, dossier_id, points)
            except (RuleRefused, InvalidInput):
                # A refused command changes nothing at all.
                assert facts(rt, dossier_id) == before
                continue
            after = facts(rt, dossier_id)
            assert after[0] in {s.value for s in State}
            if action == "documents":
                assert after[2] - before[2] in (0, 1)
            else:
                # One audit event and one version per state change.
                assert after[2] == before[2] + 1
                assert after[1] == before[1] + 1
            valid = [x for x in after[3] if x[0] == "valid"]
            assert len(valid) <= 1
            if after[0] == "certified":
                assert len(valid) == 1
                if action == "certify":
                    assert valid[0][1] >= rt.clock.today()
            if after[0] in ("revoked", "expired"):
                assert not valid
        rt.db.dispose()
