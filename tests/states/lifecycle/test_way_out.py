"""A refused forward names the way out the rules offer (returning the dossier), in the domain's
own sentence: the web page, the API and the CLI all get it, and only where it can fire."""

from types import SimpleNamespace

import pytest

from states.errors import RuleRefused
from states.lifecycle.guards import GuardContext
from states.lifecycle.machine import RefusedWithWayOut, fire, refusal
from states.rules.rulebooks import load_rules
from states.vocabulary import Action, State

HINT = "Nếu hồ sơ không chuyển lên tỉnh được, trả lại cho chủ thể."


def context(points: float) -> GuardContext:
    return GuardContext(rulebook=load_rules().get("qd1048-2019"), has_inspection=True,
                        district_points=points)


def test_a_forward_refused_by_its_guards_names_the_return_and_carries_it() -> None:
    reason = refusal(Action.FORWARD, State.DISTRICT_SCORED, context(44.67))
    assert reason is not None and reason.endswith(f"< 50. {HINT}"), reason
    dossier = SimpleNamespace(state=State.DISTRICT_SCORED.value)
    with pytest.raises(RefusedWithWayOut) as refused:
        fire(dossier, Action.FORWARD, context(44.67))
    assert refused.value.way_out == Action.RETURN and refused.value.message == reason
    assert dossier.state == State.DISTRICT_SCORED


def test_no_way_out_where_the_step_cannot_fire_at_all() -> None:
    dossier = SimpleNamespace(state=State.PROVINCIAL_REVIEW.value)
    with pytest.raises(RuleRefused) as refused:
        fire(dossier, Action.FORWARD, context(44.67))
    assert not isinstance(refused.value, RefusedWithWayOut) and HINT not in refused.value.message
    assert refusal(Action.FORWARD, State.DISTRICT_SCORED, context(80)) is None
