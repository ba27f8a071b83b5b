"""The state diagram, drawn from the same step table as the machine."""

from states.lifecycle.machine import STEPS
from states.vocabulary import TERMINAL_STATES, State, label


def mermaid() -> str:
    lines = ["stateDiagram-v2", "    [*] --> registered"]
    for step in STEPS:
        guard_names = ", ".join(g.__name__ for g in step.guards)
        text = step.trigger + (f" [{guard_names}]" if guard_names else "")
        lines.extend(f"    {source} --> {step.dest}: {text}" for source in step.sources)
    lines.extend(f"    {state} --> [*]" for state in sorted(TERMINAL_STATES))
    return "\n".join(lines) + "\n"


def transitions() -> dict[str, list[dict[str, object]]]:
    """The same diagram as data (`ocop --json diagram`): codes, with labels beside them."""
    return {
        "states": [{"code": state, "label": label(state), "terminal": state in TERMINAL_STATES}
                   for state in State],
        "transitions": [{"from": source, "to": step.dest, "trigger": step.trigger,
                         "guards": [g.__name__ for g in step.guards]}
                        for step in STEPS for source in step.sources],
    }


def graphviz_dot() -> str:
    lines = ["digraph ocop {", "  rankdir=LR;", '  node [shape=box, style=rounded, fontname="sans"];']
    lines.extend(f'  {state} [label="{state}\\n{label(state)}"];' for state in State)
    for step in STEPS:
        lines.extend(f'  {source} -> {step.dest} [label="{step.trigger}"];'
                     for source in step.sources)
    lines.append("}")
    return "\n".join(lines) + "\n"
