"""Quiet, predictable Prefect settings for the CLI, the demo and tests.

Must run before `import prefect`: Prefect reads its settings at import time. Only defaults
are set, so an administrator's own PREFECT_* variables always win.
"""

import os
from pathlib import Path

QUIET_DEFAULTS = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
    # A fresh local server needs ~17 s on these machines; the default limit is 20 s.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
}


def configure(home: Path | None = None) -> None:
    for name, value in QUIET_DEFAULTS.items():
        os.environ.setdefault(name, value)
    if home is not None:
        home.mkdir(parents=True, exist_ok=True)
        os.environ.setdefault("PREFECT_HOME", str(home.resolve()))
