"""Every (state, trigger) pair through the real service layer: allowed, or refused with a
reason and nothing written."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from states.db.models import Dossier, DossierEvent
from states.errors import RuleRefused
from states.lifecycle.machine import TRIGGERS
from states.runtime import Runtime
from states.vocabulary import State
from tests.builders import REQUIRED_DOCS, advance, register
from tests.conftest import at
from use_cases import dossiers as c

TODAY = date(2022, 3, 1)

# Written out by hand from OCOP.md, not derived from the code under test.
ALLOWED: dict[tuple[str, str], str] = {
    ("registered", "inspect"): "district_inspected",
    ("registered", "withdraw"): "withdrawn",
    ("district_inspected", "score"): "district_scored",
    ("district_inspected", "withdraw"): "withdrawn",
    ("district_scored", "forward"): "provincial_review",
    ("district_scored", "return"): "returned",
    ("district_scored", "withdraw"): "withdrawn",
    ("provincial_review", "certify"): "certified",
    ("provincial_review", "not_recognise"): "not_recognised",
    ("provincial_review", "withdraw"): "withdrawn",
    ("central_review", "certify"): "certified",
    ("central_review", "not_recognise"): "not_recognised",
    ("central_review", "withdraw"): "withdrawn",
    ("certified", "open_renewal"): "renewal",
    ("certified", "revoke"): "revoked",
    ("renewal", "inspect"): "district_inspected",
    ("renewal", "revoke"): "revoked",
    ("expired", "revoke"): "revoked",
}


def reach(rt: Runtime, state: str) -> int:
    if state == "expired":
        at(rt, date(2019, 9, 2))  # registered and certified then (a step never precedes its dossier)
    dossier_id = register(rt)
    c.update_documents(rt, "admin", dossier_id, add=REQUIRED_DOCS, remove=[])
    if state in ("registered", "district_inspected", "district_scored", "provincial_review",
                 "certified"):
        advance(rt, dossier_id, state)
    elif state == "returned":
        advance(rt, dossier_id, "district_scored")
        c.return_dossier(rt, "admin", dossier_id, reason="thiếu mẫu")
    elif state == "central_review":
        advance(rt, dossier_id, "provincial_review")
        c.certify(rt, "admin", dossier_id, totals=[95], decision=None, on=None)
    elif state == "not_recognised":
        advance(rt, dossier_id, "provincial_review")
        c.not_recognise(rt, "admin", dossier_id)
    elif state == "renewal":
        advance(rt, dossier_id, "certified")
        c.open_renewal(rt, "admin", dossier_id)
    elif state == "expired":
        advance(rt, dossier_id, "certified")
        c.expire(at(rt, date(2022, 9, 5)), "admin", dossier_id)  # 36 months on
        at(rt, TODAY)
    elif state == "revoked":
        advance(rt, dossier_id, "certified")
        c.revoke(rt, "admin", dossier_id, reason="ceased", decision="9/QĐ")
    elif state == "withdrawn":
        c.withdraw(rt, "admin", dossier_id)
    return dossier_id


TRIGGER_CALLS: dict[str, Callable[[Runtime, int], Any]] = {
    "inspect": lambda rt, i: c.inspect(rt, "admin", i, on=TODAY, inspectors=["Lê Văn Bình"]),
    "score": lambda rt, i: c.score(rt, "admin", i, totals=[60, 64]),
    "forward": lambda rt, i: c.forward(rt, "admin", i),
    "return": lambda rt, i: c.return_dossier(rt, "admin", i, reason="chưa đạt"),
    "certify": lambda rt, i: c.certify(rt, "admin", i, totals=[75], decision="5/QĐ", on=TODAY),
    "not_recognise": lambda rt, i: c.not_recognise(rt, "admin", i),
    "withdraw": lambda rt, i: c.withdraw(rt, "admin", i),
    "open_renewal": lambda rt, i: c.open_renewal(rt, "admin", i),
    "expire": lambda rt, i: c.expire(rt, "admin", i),
    "revoke": lambda rt, i: c.revoke(rt, "admin", i, reason="violation", decision="7/QĐ"),
}


def test_the_table_covers_every_trigger() -> None:
    assert set(TRIGGER_CALLS) == set(TRIGGERS)


def snapshot(rt: Runtime, dossier_id: int) -> tuple[str, int, int]:
    with rt.transaction() as session:
        dossier = session.get(Dossier, dossier_id)
        assert dossier is not None
        events = session.scalar(select(func.count()).select_from(DossierEvent)
                                .where(DossierEvent.dossier_id == dossier_id))
        return dossier.state, dossier.version, int(events or 0)


@pytest.mark.parametrize("state", [s.value for s in State])
@pytest.mark.parametrize("trigger", [t.value for t in TRIGGERS])
def test_state_trigger_pair(rt: Runtime, state: str, trigger: str) -> None:
    dossier_id = reach(rt, state)
    before = snapshot(rt, dossier_id)
    assert before[0] == state
    expected = ALLOWED.get((state, trigger))
    if expected is None:
        with pytest.raises(RuleRefused) as refused:
            TRIGGER_CALLS[trigger](rt, dossier_id)
        assert refused.value.message.startswith("Không thể")
        assert snapshot(rt, dossier_id) == before
    else:
        view = TRIGGER_CALLS[trigger](rt, dossier_id)
        assert view.state == expected
        after = snapshot(rt, dossier_id)
        assert after == (expected, before[1] + 1, before[2] + 1)


def test_expire_is_refused_before_the_certificate_lapses(rt: Runtime) -> None:
    dossier_id = reach(rt, "certified")
    with pytest.raises(RuleRefused, match="chưa đến ngày hết hạn"):
        c.expire(rt, "admin", dossier_id)
