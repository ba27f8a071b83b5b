"""The benchmark databases: one SQLite file and one PostgreSQL database per size, reused."""

import os
from pathlib import Path

import psycopg

from bench.dataset import existing_size, generate
from bench.measure import timed
from states.db.database import make_engine

PG_ADMIN = os.environ.get("OCOP_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/test")


def data_dir() -> Path:
    """bench/data, or OCOP_BENCH_DATA (the test's tiny run keeps its files out of the tree)."""
    folder = Path(os.environ.get("OCOP_BENCH_DATA") or Path(__file__).parent / "data")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def size_label(n: int) -> str:
    if n < 1000:
        return str(n)
    return f"{n // 1_000_000}M" if n >= 1_000_000 else f"{n // 1000}k"


def sqlite_url(name: str) -> str:
    return f"sqlite:///{data_dir() / name}.db"


def pg_url(name: str) -> str:
    """The benchmark's own PostgreSQL database `name`, created if missing. OCOP_BENCH_PG_PREFIX
    is put before the name: a test's run never reuses (or collides with) `make bench`'s data."""
    name = os.environ.get("OCOP_BENCH_PG_PREFIX", "") + name
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + name


def dataset(url: str, size: int) -> str:
    engine = make_engine(url)
    if existing_size(engine) != size:
        seconds, _ = timed(lambda: generate(engine, size))
        print(f"generated {size_label(size)} dossiers in {url.split('/')[-1]}: {seconds:.0f} s",
              flush=True)
    engine.dispose()
    return url


def databases(size: int) -> dict[str, str]:
    name = f"ocop_bench_{size_label(size).lower()}"
    return {"SQLite": dataset(sqlite_url(name), size), "PostgreSQL": dataset(pg_url(name), size)}
