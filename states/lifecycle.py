"""The one state machine of a dossier, declared as data and shared by every dossier.

The `transitions` Machine is built once at import. A dossier (ORM row or any object
with `.state`) is bound to it only for the moment of a trigger, never added as a model.
The same table renders the diagram, so the picture cannot drift from the rules.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from transitions import EventData, Machine

from states.errors import RuleRefused
from states.state_names import STATE_LABELS, STATES, TERMINAL_STATES

if TYPE_CHECKING:
    from states.rulebooks import Rulebook

TRIGGER_LABELS: dict[str, str] = {
    "inspect": "kiểm tra thực tế",
    "score": "chấm điểm cấp huyện",
    "forward": "chuyển hồ sơ lên tỉnh",
    "return": "trả lại hồ sơ",
    "certify": "công nhận",
    "not_recognise": "không công nhận",
    "withdraw": "rút hồ sơ",
    "open_renewal": "mở đánh giá lại",
    "expire": "cho hết hiệu lực",
    "revoke": "thu hồi",
}


@dataclass
class GuardContext:
    """What a guard may look at: facts the command gathered before firing."""

    rulebook: "Rulebook"
    has_inspection: bool = False
    district_points: float | None = None
    district_failed_mandatory: str | None = None
    missing_documents: Sequence[str] = ()
    points: float | None = None
    failed_mandatory: str | None = None
    has_certificate: bool = False
    certificate_expired: bool = False
    details: dict[str, Any] = field(default_factory=dict)


Guard = Callable[[GuardContext], str | None]
"""A guard returns None when the step is allowed, else the reason in Vietnamese."""


def needs_inspection(ctx: GuardContext) -> str | None:
    if ctx.has_inspection:
        return None
    return "chưa có biên bản kiểm tra thực tế cơ sở sản xuất"


def reaches_forwarding_threshold(ctx: GuardContext) -> str | None:
    threshold = ctx.rulebook.forwarding_threshold
    level = ctx.rulebook.local_level_name
    if ctx.district_points is None:
        return f"chưa có điểm {level}"
    if ctx.district_failed_mandatory:
        return f"không đạt tiêu chí bắt buộc: {ctx.district_failed_mandatory}"
    if ctx.district_points < threshold:
        return f"điểm {level} {_points(ctx.district_points)} < {_points(threshold)}"
    return None


def checklist_complete(ctx: GuardContext) -> str | None:
    if not ctx.missing_documents:
        return None
    return "hồ sơ còn thiếu: " + ", ".join(ctx.missing_documents)


def recognisable(ctx: GuardContext) -> str | None:
    if ctx.points is None:
        return "chưa có điểm của hội đồng"
    if ctx.failed_mandatory:
        return f"không đạt tiêu chí bắt buộc: {ctx.failed_mandatory}"
    threshold = ctx.rulebook.recognition_threshold
    if ctx.points < threshold:
        return f"điểm {_points(ctx.points)} < {_points(threshold)}, chỉ có thể không công nhận"
    return None


def recognised_locally(ctx: GuardContext) -> str | None:
    """QĐ 148: the district council recognises 3-star products itself; 4 and 5 go up."""
    rulebook = ctx.rulebook
    if rulebook.local_recognition_max_stars == 0:
        return (f"theo {rulebook.title}, {rulebook.local_level_name} không công nhận sản phẩm; "
                "hãy chuyển hồ sơ lên tỉnh")
    refused = recognisable(ctx)
    if refused is not None or ctx.points is None:
        return refused
    stars = rulebook.stars_for(ctx.points)
    if stars > rulebook.local_recognition_max_stars:
        return (f"điểm {_points(ctx.points)} đạt {stars} sao, vượt thẩm quyền "
                f"{rulebook.local_level_name}; hãy chuyển hồ sơ lên tỉnh")
    return None


def qualifies_for_central(ctx: GuardContext) -> str | None:
    if ctx.points is not None and ctx.points >= ctx.rulebook.central_threshold:
        return None
    return "dưới ngưỡng đề nghị trung ương"


def has_no_certificate(ctx: GuardContext) -> str | None:
    if ctx.has_certificate:
        return "sản phẩm đã có giấy chứng nhận; hãy để hết hạn hoặc thu hồi"
    return None


def holds_certificate(ctx: GuardContext) -> str | None:
    return None if ctx.has_certificate else "sản phẩm không có giấy chứng nhận còn hiệu lực"


def certificate_lapsed(ctx: GuardContext) -> str | None:
    return None if ctx.certificate_expired else "giấy chứng nhận chưa đến ngày hết hạn"


@dataclass(frozen=True)
class Step:
    trigger: str
    sources: tuple[str, ...]
    dest: str
    guards: tuple[Guard, ...] = ()


EVALUATING = ("registered", "district_inspected", "district_scored", "provincial_review",
              "central_review")

# Order matters where one trigger has several destinations: the first whose guards pass wins.
STEPS: tuple[Step, ...] = (
    Step("inspect", ("registered", "renewal"), "district_inspected"),
    Step("score", ("district_inspected",), "district_scored", (needs_inspection,)),
    Step("forward", ("district_scored",), "provincial_review",
         (reaches_forwarding_threshold, checklist_complete)),
    Step("return", ("district_scored",), "returned"),
    Step("certify", ("provincial_review",), "central_review",
         (recognisable, qualifies_for_central)),
    Step("certify", ("provincial_review", "central_review"), "certified", (recognisable,)),
    Step("certify", ("district_scored",), "certified", (recognised_locally,)),
    Step("not_recognise", ("provincial_review", "central_review"), "not_recognised"),
    Step("withdraw", EVALUATING, "withdrawn", (has_no_certificate,)),
    Step("open_renewal", ("certified",), "renewal", (holds_certificate,)),
    Step("expire", ("certified", "renewal"), "expired", (certificate_lapsed,)),
    Step("revoke", ("certified", "renewal", "expired", *EVALUATING), "revoked",
         (holds_certificate,)),
)
TRIGGERS: tuple[str, ...] = tuple(dict.fromkeys(step.trigger for step in STEPS))


def _as_condition(guard: Guard) -> Callable[[EventData], bool]:
    def condition(event: EventData) -> bool:
        return guard(event.kwargs["ctx"]) is None

    condition.__name__ = guard.__name__
    return condition


MACHINE = Machine(
    model=None,
    states=list(STATES),
    transitions=[
        {
            "trigger": step.trigger,
            "source": list(step.sources),
            "dest": step.dest,
            "conditions": [_as_condition(guard) for guard in step.guards],
        }
        for step in STEPS
    ],
    initial="registered",
    send_event=True,
    auto_transitions=False,
)


class HasState(Protocol):
    state: str


def fire(dossier: HasState, trigger: str, ctx: GuardContext) -> str:
    """Move `dossier` by `trigger`, or raise RuleRefused with the reason. Returns the new state."""
    if trigger not in TRIGGERS:
        raise ValueError(f"unknown trigger {trigger}")
    state = dossier.state
    candidates = [s for s in STEPS if s.trigger == trigger and state in s.sources]
    if not candidates:
        raise RuleRefused(
            f"Không thể {TRIGGER_LABELS[trigger]} khi hồ sơ đang ở trạng thái "
            f"'{STATE_LABELS.get(state, state)}'."
        )
    if MACHINE.events[trigger].trigger(dossier, ctx=ctx):
        return dossier.state
    reason = next(
        (r for r in (g(ctx) for g in candidates[-1].guards) if r is not None),
        "điều kiện chưa đủ",
    )
    raise RuleRefused(f"Không thể {TRIGGER_LABELS[trigger]}: {reason}.")


def _points(value: float) -> str:
    return f"{value:g}"


def mermaid() -> str:
    lines = ["stateDiagram-v2", "    [*] --> registered"]
    for step in STEPS:
        guard_names = ", ".join(g.__name__ for g in step.guards)
        label = step.trigger + (f" [{guard_names}]" if guard_names else "")
        lines.extend(f"    {source} --> {step.dest}: {label}" for source in step.sources)
    lines.extend(f"    {state} --> [*]" for state in sorted(TERMINAL_STATES))
    return "\n".join(lines) + "\n"


def graphviz_dot() -> str:
    lines = ["digraph ocop {", "  rankdir=LR;", '  node [shape=box, style=rounded, fontname="sans"];']
    for state, label in STATE_LABELS.items():
        lines.append(f'  {state} [label="{state}\\n{label}"];')
    for step in STEPS:
        lines.extend(f'  {source} -> {step.dest} [label="{step.trigger}"];'
                     for source in step.sources)
    lines.append("}")
    return "\n".join(lines) + "\n"



def bulk_destination(trigger: str, source: str) -> str:
    """The destination of `trigger` from `source` for a batch whose guards SQL has already
    applied to every row. Refuses what the table does not allow, as `fire` would."""
    for step in STEPS:
        if step.trigger == trigger and source in step.sources:
            return step.dest
    raise RuleRefused(
        f"Không thể {TRIGGER_LABELS[trigger]} khi hồ sơ đang ở trạng thái "
        f"'{STATE_LABELS.get(source, source)}'."
    )
