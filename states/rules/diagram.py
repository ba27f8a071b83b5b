"""The state diagram, drawn from the same step table as the machine."""

from states.rules.machine import STEPS
from states.vocabulary import TERMINAL_STATES, State, label


def mermaid() -> str:
    lines = ["stateDiagram-v2", "    [*] --> registered"]
    for step in STEPS:
        guard_names = ", ".join(g.__name__ for g in step.guards)
        text = step.trigger + (f" [{guard_names}]" if guard_names else "")
        lines.extend(f"    {source} --> {step.dest}: {text}" for source in step.sources)
    lines.extend(f"    {state} --> [*]" for state in sorted(TERMINAL_STATES))
    return "\n".join(lines) + "\n"


def graphviz_dot() -> str:
    lines = ["digraph ocop {", "  rankdir=LR;", '  node [shape=box, style=rounded, fontname="sans"];']
    lines.extend(f'  {state} [label="{state}\\n{label(state)}"];' for state in State)
    for step in STEPS:
        lines.extend(f'  {source} -> {step.dest} [label="{step.trigger}"];'
                     for source in step.sources)
    lines.append("}")
    return "\n".join(lines) + "\n"
