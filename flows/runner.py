"""`ocop run FLOW`: one flow once, through the real Prefect engine, then the dispatcher."""

import importlib
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}), run_logs_off_terminal():
        for name in names:
            extra = (parameters or {}) if name == names[0] else {}
            starting(name)
            # Once, at a terminal: the operator reads a failure now rather than after the
            # scheduled runs' 30-second retry (the tasks still retry what may pass).
            once = load_flow(spec(name)).with_options(retries=0)  # type: ignore[attr-defined]
            results[name] = once(as_of=as_of, **extra)
    return results


@contextmanager
def run_logs_off_terminal() -> Iterator[None]:
    """The engine's run logs (a failed run's traceback among them) still go to the Prefect API,
    not to the terminal, where the caller says in one sentence what happened."""
    loggers = [logging.getLogger(name) for name in ("prefect.flow_runs", "prefect.task_runs")]
    before = [logger.propagate for logger in loggers]
    for logger in loggers:
        logger.propagate = False
    try:
        yield
    finally:
        for logger, propagate in zip(loggers, before, strict=True):
            logger.propagate = propagate


def flow_names() -> list[str]:
    return [item.name for item in FLOWS]
