"""The scale-out path with everything on PostgreSQL: `prefect server` keeps its own database
there (asyncpg), a process worker runs a deployment from deployments/prefect.yaml, and the
project database is PostgreSQL too."""

import json
import re
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select

from states.db.models import OutboxMessage
from tests.builders import register
from tests.conftest import PG_ADMIN_URL, make_runtime
from tests.e2e.prefect_server import ROOT, prefect, running_prefect_server

pytestmark = [pytest.mark.e2e, pytest.mark.postgres, pytest.mark.xdist_group("prefect-server")]


@pytest.fixture
def prefect_database() -> Iterator[str]:
    """A database of its own for Prefect's server, dropped afterwards."""
    name = f"prefect_e2e_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_server_worker_and_project_all_on_postgresql(tmp_path: Path, pg_url: str,
                                                     prefect_database: str) -> None:
    home = tmp_path / "prefect-home"
    home.mkdir()
    asyncpg_url = prefect_database.replace("postgresql://", "postgresql+asyncpg://", 1)
    rt = make_runtime(pg_url)
    register(rt, unit="Sơn Động", name="Mật ong rừng")  # queues the letter to the producer
    with running_prefect_server(home, asyncpg_url) as server_env:
        # The worker's environment is the flow's: the project database comes from there.
        env = {**server_env, "OCOP_PROJECT_DIR": str(ROOT), "OCOP_NOTIFIER": "file",
               "OCOP_OUTBOX_DIR": str(tmp_path / "outbox"), "OCOP_DATABASE_URL": pg_url}
        prefect(env, "work-pool", "create", "ocop", "--type", "process")
        prefect(env, "--no-prompt", "deploy", "--all", "--prefect-file", "deployments/prefect.yaml")
        # A replayed business date years ahead: delivery still runs on the real clock.
        out = prefect(env, "deployment", "run", "dispatch-notifications/dispatch-notifications",
                      "--param", "as_of=2030-01-01")
        found = re.search(r"UUID: ([0-9a-f-]{36})", out)
        assert found, out
        run_id = found.group(1)
        prefect(env, "worker", "start", "--pool", "ocop", "--run-once", timeout=300)
        with urllib.request.urlopen(f"{env['PREFECT_API_URL']}/flow_runs/{run_id}") as reply:
            assert json.loads(reply.read())["state"]["type"] == "COMPLETED"
    # The server kept the run in its PostgreSQL database, not in a SQLite file under its home.
    with psycopg.connect(prefect_database) as connection:
        row = connection.execute("SELECT state_type FROM flow_run WHERE id = %s",
                                 (run_id,)).fetchone()
    assert row is not None and row[0] == "COMPLETED"
    assert not list(home.glob("*.db"))
    with rt.transaction() as session:
        messages = session.scalars(select(OutboxMessage)).all()
    assert messages and {(m.status, m.lease_until) for m in messages} == {("sent", None)}
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == len(messages)
    rt.db.dispose()
