"""The scale-out path, whole: a Prefect server on 127.0.0.1, the deployments from
deployments/prefect.yaml, a process worker, a triggered run and its effect on the database."""

import json
import os
import re
import signal
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import yaml

from flows.catalog import FLOWS, TIMEZONE
from tests.builders import register
from tests.conftest import make_runtime
from tests.e2e.prefect_server import BIN, ROOT, free_port, prefect, running_prefect_server

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("prefect-server")]


def test_deployment_file_matches_the_flow_catalog() -> None:
    data = yaml.safe_load((ROOT / "deployments" / "prefect.yaml").read_text(encoding="utf-8"))
    declared = {d["name"]: d for d in data["deployments"]}
    assert set(declared) == {f.name for f in FLOWS}
    for flow in FLOWS:
        item = declared[flow.name]
        assert item["entrypoint"] == flow.entrypoint
        assert item["schedules"] == [{"cron": flow.cron, "timezone": TIMEZONE}]
        assert (ROOT / flow.entrypoint.split(":")[0]).exists()


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    with running_prefect_server(tmp_path_factory.mktemp("prefect-server-home")) as env:
        yield env


def test_deploy_trigger_and_work_a_run(prefect_server: dict[str, str], sqlite_url: str) -> None:
    # The worker's environment names the database: never a run parameter (the UI shows those).
    env = {**prefect_server, "OCOP_PROJECT_DIR": str(ROOT), "OCOP_NOTIFIER": "file",
           "OCOP_DATABASE_URL": sqlite_url}
    rt = make_runtime(sqlite_url, today=date(2022, 3, 1))
    late = register(rt, unit="Sơn Động", name="Mật ong rừng")
    prefect(env, "work-pool", "create", "ocop", "--type", "process")
    prefect(env, "--no-prompt", "deploy", "--all", "--prefect-file", "deployments/prefect.yaml")
    listed = prefect(env, "deployment", "ls")
    for flow in FLOWS:
        assert flow.name in listed
    out = prefect(env, "deployment", "run", "deadline-reminders/deadline-reminders",
                  "--param", "as_of=2022-03-25")
    run_id = re.search(r"UUID: ([0-9a-f-]{36})", out)
    assert run_id, out
    prefect(env, "worker", "start", "--pool", "ocop", "--run-once", timeout=300)
    with urllib.request.urlopen(f"{env['PREFECT_API_URL']}/flow_runs/{run_id.group(1)}") as reply:
        state = json.loads(reply.read())["state"]["type"]
    assert state == "COMPLETED"
    with rt.transaction() as session:
        from sqlalchemy import select

        from states.db.models import OutboxMessage
        # The registration's letter to the producer is not this flow's.
        messages = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind != "missing_documents").order_by(OutboxMessage.dedupe_key)).all()
        assert [m.dedupe_key for m in messages] == ["department-digest:2022-03-25",
                                                    "digest:son-dong:2022-03-25"]
        assert f"#{late}" in messages[1].text_body
    rt.db.dispose()


def run_to_completion(api: str, deployment_id: str) -> str:
    """Ask for a run now, as the schedule would, and wait for the served runner to do it."""
    request = urllib.request.Request(f"{api}/deployments/{deployment_id}/create_flow_run",
                                     data=b"{}", method="POST",
                                     headers={"Content-Type": "application/json"})
    run_id, state = None, ""
    deadline = time.monotonic() + 150
    while time.monotonic() < deadline and state not in ("COMPLETED", "FAILED", "CRASHED"):
        time.sleep(2)
        try:  # a busy local server answers 503 now and then
            if run_id is None:
                with urllib.request.urlopen(request, timeout=10) as reply:
                    run_id = json.loads(reply.read())["id"]
            with urllib.request.urlopen(f"{api}/flow_runs/{run_id}", timeout=5) as reply:
                state = json.loads(reply.read())["state"]["type"]
        except OSError:
            continue
    time.sleep(1)  # the hook's line is written just after the state
    return state


def test_ocop_serve_starts_its_own_server_registers_every_schedule_and_stops(
        tmp_path: Path, sqlite_url: str) -> None:
    """The embedded default: no PREFECT_API_URL, one command, one process tree, the web
    application beside the schedules."""
    port, web_port = free_port(), free_port()
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect-home"), "DO_NOT_TRACK": "1",
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "OCOP_DATABASE_URL": sqlite_url,
           "OCOP_USER": "admin"}
    env.pop("PREFECT_API_URL", None)
    serve = subprocess.Popen([str(BIN / "ocop"), "serve", "--port", str(port),
                              "--web-port", str(web_port)], env=env, cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             start_new_session=True)
    api = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 180
        found: dict[str, dict[str, object]] = {}
        while time.monotonic() < deadline and len(found) < len(FLOWS):
            time.sleep(2)
            request = urllib.request.Request(f"{api}/deployments/filter", data=b"{}",
                                             method="POST",
                                             headers={"Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=5) as reply:
                    found = {d["name"]: d for d in json.loads(reply.read())}
            except OSError:
                continue
        assert set(found) == {f.name for f in FLOWS}
        for flow in FLOWS:
            [schedule] = found[flow.name]["schedules"]  # type: ignore[misc]
            assert schedule["schedule"]["cron"] == flow.cron
            assert schedule["schedule"]["timezone"] == TIMEZONE
            assert found[flow.name]["parameters"] == {}  # the database comes from the environment
        with urllib.request.urlopen(f"http://127.0.0.1:{web_port}/login", timeout=5) as page:
            assert "Đăng nhập" in page.read().decode()
        assert run_to_completion(api, str(found["stuck-dossiers"]["id"])) == "COMPLETED"
    finally:
        os.killpg(serve.pid, signal.SIGTERM)
        try:
            code = serve.wait(timeout=90)
        except subprocess.TimeoutExpired:
            os.killpg(serve.pid, signal.SIGKILL)
            raise
    output = serve.stdout.read().decode() if serve.stdout else ""
    assert code in (0, -signal.SIGTERM, 128 + signal.SIGTERM, 1), output
    assert "Traceback" not in output, output
    # Its log (issue 12): in Vietnamese, one stamped line per run, and a goodbye.
    assert re.search(r"\[\d\d/\d\d/\d{4} \d\d:\d\d:\d\d\] Lượt chạy theo lịch stuck-dossiers: "
                     r"\d+ thư mới vào hộp thư đi", output), output
    assert "Tạm biệt." in output.splitlines()[-1], output
    assert "Your deployments" not in output and "Received" not in output, output
    gone = time.monotonic() + 60  # the child server stops with it
    while time.monotonic() < gone:
        try:
            urllib.request.urlopen(f"{api}/health", timeout=2).close()
        except OSError:
            break
        time.sleep(1)
    else:
        pytest.fail("the Prefect server started by ocop serve is still running")
