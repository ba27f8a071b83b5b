"""`ocop serve`: every schedule in one process: the embedded default for one server.

Prefect's ephemeral API cannot schedule runs ("run `prefect server start` to start the
scheduler"), so without PREFECT_API_URL this starts a local `prefect server` on 127.0.0.1
as a child process, serves against it, and stops it on exit.
"""

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flows import prefect_env
from flows.catalog import FLOWS, TIMEZONE
from flows.run_log import SERVE_LOG, log_line
from flows.runner import load_flow
from states.errors import ConfigurationError

SERVER_START_SECONDS = 120
PR_SET_PDEATHSIG = 1


def _stop_with_parent() -> None:
    """In the child, before exec: ask Linux to send SIGTERM when the parent dies."""
    # Not Linux: the clean-up in local_prefect_server still stops the server.
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


@contextmanager
def local_prefect_server(port: int) -> Iterator[str]:
    api = f"http://127.0.0.1:{port}/api"
    prefect = Path(sys.executable).parent / "prefect"
    # Its own session, so that a Ctrl+C or SIGTERM to `ocop serve` does not stop the server
    # while serve is still pausing its deployments through it; stopped after serve returns,
    # or by Linux as soon as `ocop serve` exits by any other path (Prefect's signal handling
    # may leave without running this function's clean-up).
    server = subprocess.Popen([str(prefect), "server", "start", "--host", "127.0.0.1",
                               "--port", str(port)], start_new_session=True,
                              preexec_fn=_stop_with_parent,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while True:
            try:
                with urllib.request.urlopen(f"{api}/health", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise ConfigurationError(
                        f"Không khởi động được máy chủ Prefect trên cổng {port}: cổng đã bị dùng? "
                        "Chọn cổng khác (--port) hoặc đặt PREFECT_API_URL.") from None
                time.sleep(1)
        yield api
    finally:
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()


def _stop_on_sigterm(signum: int, frame: object) -> None:
    # Until Prefect's runner puts in its own handler: leave through the clean-up, not at once.
    raise KeyboardInterrupt


def serve_all(database_url: str | None = None, port: int = 4200) -> None:
    prefect_env.configure()
    if database_url:
        # The flow runs (child processes) inherit it: the database is never a run parameter,
        # which Prefect would show with its password to anyone who opens the UI.
        os.environ["OCOP_DATABASE_URL"] = database_url
    os.environ[SERVE_LOG] = "1"  # the runs this process starts log a line each
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        if os.environ.get("PREFECT_API_URL"):
            _serve()
            return
        log_line(f"Đang khởi động máy chủ Prefect trên cổng {port}…")
        with local_prefect_server(port) as api:
            # Set before Prefect is imported: its settings are read at import.
            os.environ["PREFECT_API_URL"] = api
            _serve()
    except KeyboardInterrupt:
        pass
    finally:
        log_line("Đã dừng các lịch chạy (và máy chủ Prefect cục bộ nếu có). Tạm biệt.")


def _serve() -> None:
    from prefect import serve
    from prefect.schedules import Cron

    deployments = [
        load_flow(item).to_deployment(  # type: ignore[attr-defined]
            name=item.name, schedule=Cron(item.cron, timezone=TIMEZONE),
            description=item.description)
        for item in FLOWS
    ]
    log_line(f"Đã đăng ký {len(deployments)} lịch chạy (giờ {TIMEZONE}): "
             + ", ".join(f"{item.name} ({item.cron})" for item in FLOWS)
             + ". Mỗi lượt chạy ghi một dòng ở đây; dừng bằng Ctrl+C.")
    serve(*deployments, print_starting_message=False)
