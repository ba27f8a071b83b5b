"""The benchmark report: rows of (project, baseline, ratio, target) and bench/RESULTS.md."""

import os
import platform
import time
from dataclasses import dataclass, field
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

import psycopg

from bench.databases import PG_ADMIN

HERE = Path(__file__).parent


@dataclass
class Row:
    benchmark: str
    database: str
    size: str
    project: str
    baseline: str
    ratio: str
    target: str
    met: str


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    sections: list[list[str]] = field(default_factory=list)  # measurements that are not a row

    def add(self, *cells: str) -> None:
        self.rows.append(Row(*cells))
        print(" | ".join(cells), flush=True)


def fmt(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def machine() -> list[str]:
    with psycopg.connect(PG_ADMIN) as connection:
        pg_version = connection.execute("SHOW server_version").fetchone()
    import sqlite3
    return [
        f"- Date: {datetime.now():%Y-%m-%d %H:%M}; machine: {platform.machine()}, "
        f"{os.cpu_count()} cores, {platform.platform()}",
        f"- Python {platform.python_version()}; SQLite {sqlite3.sqlite_version}; "
        f"PostgreSQL {pg_version[0] if pg_version else '?'}",
        "- " + ", ".join(f"{p} {version(p)}" for p in ("SQLAlchemy", "transitions", "prefect",
                                                        "psycopg", "sendgrid")),
    ]


def write(report: Report, quick: bool, started: float) -> None:
    lines = ["# Benchmark results", "",
             f"Written by `make {'bench-quick' if quick else 'bench'}` in "
             f"{(time.monotonic() - started) / 60:.1f} minutes. Each figure is the median of "
             "several runs; each ratio is against a baseline measured in the same run, on the "
             "same data (deterministic seed, Vietnamese names, 63 provinces × 10 units, "
             "dossiers in every state).", "", *machine(), "",
             "| benchmark | database | size | project's way | baseline | ratio | target | met |",
             "|---|---|---|---|---|---|---|---|"]
    lines += [f"| {r.benchmark} | {r.database} | {r.size} | {r.project} | {r.baseline} | "
              f"{r.ratio} | {r.target} | {r.met} |" for r in report.rows]
    for lines_of_section in report.sections:
        lines += ["", *lines_of_section]
    if any(r.met != "yes" for r in report.rows):
        lines += ["", (HERE / "missed-targets.md").read_text(encoding="utf-8").rstrip()]
    (HERE / ("RESULTS-quick.md" if quick else "RESULTS.md")).write_text("\n".join(lines) + "\n",
                                                                        encoding="utf-8")
