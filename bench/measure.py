"""Timing helpers: medians of repeated runs, percentiles, and one-off probes in a fresh process
(for peak memory, which a long-lived process would only ever report as its worst)."""

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def median_of(action: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        seconds, result = timed(action)
        times.append(seconds)
    return statistics.median(times), result


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def probe(module: str, *args: str, timeout: float = 3600) -> dict[str, Any]:
    """Run `python -m module args...` and read the JSON it prints last."""
    done = subprocess.run([sys.executable, "-m", module, *args], capture_output=True, text=True,
                          timeout=timeout, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{module} {args} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result
