"""The benchmark databases: one SQLite file and one PostgreSQL database per size, reused."""

import os
from pathlib import Path

import psycopg

from bench.dataset import existing_size, generate
from bench.measure import timed
from states.db.database import make_engine

DATA = Path(__file__).parent / "data"
PG_ADMIN = os.environ.get("OCOP_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/test")


def size_label(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 else f"{n // 1000}k"


def sqlite_url(name: str) -> str:
    return f"sqlite:///{DATA / name}.db"


def pg_url(name: str) -> str:
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
