"""The one state machine of a dossier, declared as data and shared by every dossier.

The `transitions` Machine is built once at import. A dossier (ORM row or any object
with `.state`) is bound to it only for the moment of a trigger, never added as a model.
The same table renders the diagram, so the picture cannot drift from the rules.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from transitions import EventData, Machine

from states.errors import RuleRefused
from states.lifecycle.guards import (
    Guard,
    GuardContext,
    certificate_lapsed,
    checklist_complete,
    documents_accepted,
    has_no_certificate,
    holds_certificate,
    needs_inspection,
    qualifies_for_central,
    reaches_forwarding_threshold,
    recognisable,
    recognised_locally,
)
from states.vocabulary import EVALUATING_STATES, Action, State, label


@dataclass(frozen=True)
class Step:
    trigger: Action
    sources: tuple[State, ...]
    dest: State
    guards: tuple[Guard, ...] = ()
    # The step the rules offer instead when the guards refuse this one, and how to say so.
    otherwise: tuple[Action, str] | None = None


class RefusedWithWayOut(RuleRefused):
    """A refusal whose sentence names the step the rules offer instead (`way_out`): a face may
    add how to take it (the CLI its command)."""

    def __init__(self, message: str, way_out: Action) -> None:
        super().__init__(message)
        self.way_out = way_out


S, T = State, Action
# Order matters where one trigger has several destinations: the first whose guards pass wins.
STEPS: tuple[Step, ...] = (
    Step(T.INSPECT, (S.REGISTERED, S.RENEWAL), S.DISTRICT_INSPECTED, (documents_accepted,)),
    Step(T.SCORE, (S.DISTRICT_INSPECTED,), S.DISTRICT_SCORED, (needs_inspection,)),
    Step(T.FORWARD, (S.DISTRICT_SCORED,), S.PROVINCIAL_REVIEW,
         (reaches_forwarding_threshold, checklist_complete),
         (T.RETURN, "Nếu hồ sơ không chuyển lên tỉnh được, trả lại cho chủ thể")),
    Step(T.RETURN, (S.DISTRICT_SCORED,), S.RETURNED),
    Step(T.CERTIFY, (S.PROVINCIAL_REVIEW,), S.CENTRAL_REVIEW, (recognisable, qualifies_for_central)),
    Step(T.CERTIFY, (S.PROVINCIAL_REVIEW, S.CENTRAL_REVIEW), S.CERTIFIED, (recognisable,)),
    Step(T.CERTIFY, (S.DISTRICT_SCORED,), S.CERTIFIED, (recognised_locally,)),
    Step(T.NOT_RECOGNISE, (S.PROVINCIAL_REVIEW, S.CENTRAL_REVIEW), S.NOT_RECOGNISED),
    Step(T.WITHDRAW, EVALUATING_STATES, S.WITHDRAWN, (has_no_certificate,)),
    Step(T.OPEN_RENEWAL, (S.CERTIFIED,), S.RENEWAL, (holds_certificate,)),
    Step(T.EXPIRE, (S.CERTIFIED, S.RENEWAL), S.EXPIRED, (certificate_lapsed,)),
    Step(T.REVOKE, (S.CERTIFIED, S.RENEWAL, S.EXPIRED, *EVALUATING_STATES), S.REVOKED,
         (holds_certificate,)),
)
TRIGGERS: tuple[Action, ...] = tuple(dict.fromkeys(step.trigger for step in STEPS))


def _as_condition(guard: Guard) -> Callable[[EventData], bool]:
    def condition(event: EventData) -> bool:
        return guard(event.kwargs["ctx"]) is None

    condition.__name__ = guard.__name__
    return condition


MACHINE = Machine(
    model=None,
    states=[s.value for s in State],
    transitions=[
        {
            "trigger": step.trigger.value,
            "source": [s.value for s in step.sources],
            "dest": step.dest.value,
            "conditions": [_as_condition(guard) for guard in step.guards],
        }
        for step in STEPS
    ],
    initial=State.REGISTERED.value,
    send_event=True,
    auto_transitions=False,
)


class HasState(Protocol):
    state: str


def _not_from(trigger: Action, state: str) -> RuleRefused:
    return RuleRefused(
        f"Không thể {label(trigger)} khi hồ sơ đang ở trạng thái '{label(State(state))}'.")


def steps_from(trigger: Action, state: str) -> list[Step]:
    return [s for s in STEPS if s.trigger == trigger and state in s.sources]


def refusal(trigger: Action, state: str, ctx: GuardContext) -> str | None:
    """Why `trigger` cannot fire from `state` with these facts; None when it can."""
    candidates = steps_from(trigger, state)
    if not candidates:
        return _not_from(trigger, state).message
    for step in candidates:
        if all(guard(ctx) is None for guard in step.guards):
            return None
    reason = next((r for r in (g(ctx) for g in candidates[-1].guards) if r is not None),
                  "điều kiện chưa đủ")
    way_out = _way_out(candidates[-1], state)
    return f"Không thể {label(trigger)}: {reason}." + (f" {way_out[1]}." if way_out else "")


def _way_out(step: Step, state: str) -> tuple[Action, str] | None:
    """The step offered instead of `step`, if the table lets it fire from `state`."""
    if step.otherwise is None or not steps_from(step.otherwise[0], state):
        return None
    return step.otherwise


def fire(dossier: HasState, trigger: Action, ctx: GuardContext) -> State:
    """Move `dossier` by `trigger`, or raise RuleRefused with the reason. Returns the new state."""
    if trigger not in TRIGGERS:
        raise ValueError(f"unknown trigger {trigger}")
    if not steps_from(trigger, dossier.state):
        raise _not_from(trigger, dossier.state)
    if MACHINE.events[trigger].trigger(dossier, ctx=ctx):
        return State(dossier.state)
    message = refusal(trigger, dossier.state, ctx) or "điều kiện chưa đủ"
    way_out = _way_out(steps_from(trigger, dossier.state)[-1], dossier.state)
    raise RuleRefused(message) if way_out is None else RefusedWithWayOut(message, way_out[0])


def bulk_destination(trigger: Action, source: State) -> State:
    """The destination of `trigger` from `source` for a batch whose guards SQL has already
    applied to every row. Refuses what the table does not allow, as `fire` would."""
    candidates = steps_from(trigger, source)
    if not candidates:
        raise _not_from(trigger, source)
    return candidates[0].dest
