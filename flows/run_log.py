"""`ocop serve`'s log: one Vietnamese line per scheduled run, with its time, and a goodbye.

The line is written by Prefect hooks in the process that ran the flow (the runner starts one per
run, its output goes to serve's). `ocop run` and the demo print their own summaries, so the
hooks speak only when `ocop serve` set SERVE_LOG in the environment its runs inherit.
"""

import os
import sys
from datetime import datetime
from typing import Any

from flows.run_summary import flow_sentence
from states.vocabulary import LOCAL_TZ

SERVE_LOG = "OCOP_SERVE_LOG"


def log_line(text: str) -> None:
    """A line of serve's log, stamped with Vietnam's time."""
    now = datetime.now(LOCAL_TZ).strftime("%d/%m/%Y %H:%M:%S")
    sys.stdout.write(f"[{now}] {text}\n")
    sys.stdout.flush()


def serving() -> bool:
    return os.environ.get(SERVE_LOG) == "1"


def run_completed(flow: Any, flow_run: Any, state: Any) -> None:
    """Prefect's on_completion hook: what the run did."""
    if serving():
        log_line(f"Lượt chạy theo lịch {flow_sentence(flow.name, state.result(raise_on_failure=False))}")


def run_failed(flow: Any, flow_run: Any, state: Any) -> None:
    """Prefect's on_failure and on_crashed hook: that it failed, and the first line of why."""
    if serving():
        why = (state.message or "").splitlines()[0] if state.message else "không rõ lý do"
        log_line(f"Lượt chạy theo lịch {flow.name} THẤT BẠI: {why} (xem giao diện Prefect).")


# Passed to every @flow of the catalog.
HOOKS: dict[str, Any] = {"on_completion": [run_completed], "on_failure": [run_failed],
                         "on_crashed": [run_failed]}
