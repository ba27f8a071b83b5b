"""Every benchmark still runs: `python -m bench.run --tiny` once, at a size that takes seconds.

No target is read (at this size the figures mean nothing): the run must finish and print each
benchmark's rows. It runs in its own process, as `make bench` does, because the daily cycle
starts a Prefect engine (a temporary local server, ~15 s of the run here) and sets its settings
at import; its data (SQLite files, a Prefect home) go to a temporary folder and its PostgreSQL
databases, at 127.0.0.1:5432 as the other tests', carry a prefix of their own and are dropped at
the end. bench/RESULTS.md and RESULTS-quick.md are not written."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest

from tests.conftest import PG_ADMIN_URL, _pg_available

ROOT = Path(__file__).parents[2]
# One benchmark each, as its rows begin (chaos and the web pages share numbers with others).
BENCHMARKS = ["1. deadline sweep", "2. bulk renewal", "3. daily cycle",
              "4. transition latency (score)", "5. CLI start", "6. outbox dispatch (file on disk)",
              "6. outbox dispatch (fake SendGrid)", "7. import products (.xlsx)",
              "8. public search 'ga doi'", "8. outbox under chaos (fake SendGrid)",
              "7. web page (worklist, Department)", "7. web page (dashboard)",
              "8. web throughput (worklist)", "9. file upload (web API)",
              "9. file upload memory (tracemalloc peak)",
              "9. dashboard with charts", "10. council sheet (save one criterion)",
              "10. council close (results, .xlsx, PDF)"]

pytestmark = [pytest.mark.postgres, pytest.mark.e2e, pytest.mark.xdist_group("bench-tiny")]


def drop_databases(prefix: str) -> None:
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        names = [row[0] for row in admin.execute(
            "SELECT datname FROM pg_database WHERE starts_with(datname, %s)", (prefix,))]
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_every_benchmark_runs_at_a_tiny_size(tmp_path: Path) -> None:
    if not _pg_available():
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is not reachable at {PG_ADMIN_URL}")
        pytest.skip("PostgreSQL is not reachable")
    results = {name: (ROOT / "bench" / name).read_bytes() if (ROOT / "bench" / name).exists()
               else None for name in ("RESULTS.md", "RESULTS-quick.md")}
    prefix = f"ocop_test_bench_{uuid.uuid4().hex[:8]}_"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OCOP_", "PREFECT_"))}
    env.update(OCOP_BENCH_DATA=str(tmp_path / "data"), OCOP_BENCH_PG_PREFIX=prefix,
               OCOP_BENCH_PG=PG_ADMIN_URL, PYTHONPATH=str(ROOT))
    try:
        done = subprocess.run([sys.executable, "-m", "bench.run", "--tiny"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=300, check=False)
    finally:
        drop_databases(prefix)
    assert done.returncode == 0, done.stderr[-4000:]
    rows = [line.split(" | ") for line in done.stdout.splitlines() if " | " in line]
    for benchmark in BENCHMARKS:
        figures = [row for row in rows if row[0] == benchmark]
        assert figures, f"{benchmark}: no row\n{done.stdout[-3000:]}"
        assert all(len(row) == 8 and row[3].strip() for row in figures), figures
    assert {name: (ROOT / "bench" / name).read_bytes() if (ROOT / "bench" / name).exists()
            else None for name in results} == results
