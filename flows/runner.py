"""`ocop run FLOW`: one flow once, through the real Prefect engine, then the dispatcher."""

import importlib
from collections.abc import Callable
from datetime import date
from typing import Any

from flows import prefect_env
from flows.catalog import FLOWS, FlowSpec, spec


def load_flow(item: FlowSpec) -> Callable[..., Any]:
    module_path, function = item.entrypoint.split(":")
    module = importlib.import_module(module_path.removesuffix(".py").replace("/", "."))
    flow_function: Callable[..., Any] = getattr(module, function)
    return flow_function


def run_flows(names: list[str], as_of: date | None, parameters: dict[str, Any] | None = None,
              dispatch: bool = True,
              starting: Callable[[str], None] = lambda name: None) -> dict[str, Any]:
    """Run the named flows in order as of `as_of`, then send what they queued; `starting(name)`
    is told before each flow (the first one also waits for the engine to start). They work on
    the database this process's environment names (see flows.context.flow_system)."""
    prefect_env.configure()
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    if dispatch and "dispatch-notifications" not in names:
        names = [*names, "dispatch-notifications"]
    results: dict[str, Any] = {}
    # The heartbeat thread costs ~1 s per flow call and serves no purpose for a one-off run.
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        for name in names:
            extra = (parameters or {}) if name == names[0] else {}
            starting(name)
            results[name] = load_flow(spec(name))(as_of=as_of, **extra)
    return results


def flow_names() -> list[str]:
    return [item.name for item in FLOWS]
