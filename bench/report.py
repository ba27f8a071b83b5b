"""The benchmark report: rows of (project, baseline, ratio, target) and bench/RESULTS.md.

Each run also keeps its rows in bench/results.json, by step, with when each step ran and the
machine's load average around it: `python -m bench.run --only web,uploads` measures those steps
again and rewrites RESULTS.md with the other steps' rows as they were."""

import json
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
class Step:
    """One step's rows and sections, when it ran and how busy the machine was around it."""

    name: str
    started: str = ""
    load: str = ""
    rows: list[Row] = field(default_factory=list)
    sections: list[list[str]] = field(default_factory=list)


@dataclass
class Report:
    steps: list[Step] = field(default_factory=list)

    def begin(self, name: str) -> None:
        self.steps.append(Step(name, f"{datetime.now():%Y-%m-%d %H:%M}", _load()))

    def end(self) -> None:
        self.steps[-1].load += f" → {_load()}"

    @property
    def current(self) -> Step:
        if not self.steps:
            self.begin("-")
        return self.steps[-1]

    @property
    def rows(self) -> list[Row]:
        return [row for step in self.steps for row in step.rows]

    @property
    def sections(self) -> list[list[str]]:
        """Measurements that are not a row (the chaos run's table): a step appends to it."""
        return self.current.sections

    def add(self, *cells: str) -> None:
        self.current.rows.append(Row(*cells))
        print(" | ".join(cells), flush=True)

    def merged_into(self, kept: "Report") -> "Report":
        """The kept run's steps, with each step measured in this run in its place."""
        fresh = {step.name: step for step in self.steps}
        steps = [fresh.pop(step.name, step) for step in kept.steps]
        return Report(steps + list(fresh.values()))


def _load() -> str:
    return "load " + " ".join(f"{n:.1f}" for n in os.getloadavg())


def saved(path: Path) -> Report:
    if not path.exists():
        return Report()
    data = json.loads(path.read_text(encoding="utf-8"))
    return Report([Step(s["name"], s["started"], s["load"], [Row(*r) for r in s["rows"]],
                        s["sections"]) for s in data["steps"]])


def save(report: Report, path: Path) -> None:
    steps = [{"name": s.name, "started": s.started, "load": s.load,
              "rows": [list(vars(r).values()) for r in s.rows], "sections": s.sections}
             for s in report.steps]
    path.write_text(json.dumps({"steps": steps}, ensure_ascii=False, indent=1) + "\n",
                    encoding="utf-8")


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


def write(report: Report, quick: bool, started: float, only: list[str] | None = None) -> None:
    name = "RESULTS-quick" if quick else "RESULTS"
    if only:
        report = report.merged_into(saved(HERE / f"{name.lower()}.json"))
    save(report, HERE / f"{name.lower()}.json")
    how = (f"`python -m bench.run --only {','.join(only)}`{' --quick' if quick else ''} re-measured "
           "those steps" if only else f"Written by `make {'bench-quick' if quick else 'bench'}`")
    lines = ["# Benchmark results", "",
             f"{how} in {(time.monotonic() - started) / 60:.1f} minutes. Each figure is the "
             "median of several runs; each ratio is against a baseline measured in the same "
             "step, on the same data (deterministic seed, Vietnamese names, 63 provinces × 10 "
             "units, dossiers in every state). The machine has 2 cores and is shared: the load "
             "average before → after each step is listed, because a busy machine slows the "
             "absolute figures (the ratios less).", "", *machine(), "",
             "| step | measured | load average (1, 5, 15 min) |", "|---|---|---|",
             *(f"| {s.name} | {s.started} | {s.load} |" for s in report.steps), "",
             "| benchmark | database | size | project's way | baseline | ratio | target | met |",
             "|---|---|---|---|---|---|---|---|"]
    lines += [f"| {r.benchmark} | {r.database} | {r.size} | {r.project} | {r.baseline} | "
              f"{r.ratio} | {r.target} | {r.met} |" for r in report.rows]
    for lines_of_section in report.sections:
        lines += ["", *lines_of_section]
    if any(r.met != "yes" for r in report.rows):
        lines += ["", (HERE / "missed-targets.md").read_text(encoding="utf-8").rstrip()]
    (HERE / f"{name}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
