"""`make bench` / `make bench-quick`: generate the data, run every benchmark against its
baseline in the same run, and write bench/RESULTS.md."""

import argparse
import itertools
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from functools import partial
from pathlib import Path

from bench import bulk, chaos, latency, outbox_dispatch, registry_import
from bench.councils import bench_councils
from bench.dashboard_charts import bench_dashboard_charts
from bench.databases import data_dir, databases, dataset, pg_url, size_label, sqlite_url
from bench.dataset import TODAY
from bench.measure import percentile, probe, timed
from bench.report import Report, fmt, write, yes
from bench.sizes import FULL, QUICK, TINY, Sizes
from bench.uploads import bench_uploads
from bench.web import bench_web
from states.db.database import make_engine


def bench_sweep(report: Report, sizes: list[int], repeat: int) -> None:
    for size in sizes:
        for db, url in databases(size).items():
            fast = [probe("bench.sweep_probe", url, "fast") for _ in range(repeat)]
            fast_s = statistics.median(r["seconds"] for r in fast)
            rss = max(r["peak_rss_mb"] for r in fast)
            if size <= 100_000:
                runs = [probe("bench.sweep_probe", url, "baseline")
                        for _ in range(repeat if size <= 10_000 else 1)]
                base_s = statistics.median(r["seconds"] for r in runs)
                same = runs[0]["digest"] == fast[0]["digest"]
                ratio = base_s / fast_s
                met = (ratio >= 100 if size == 100_000 else True) and same
                report.add("1. deadline sweep", db, size_label(size),
                           f"{fmt(fast_s)} (peak RSS {rss:.0f} MB, {fast[0]['due']} due)",
                           f"{fmt(base_s)} (peak RSS {max(r['peak_rss_mb'] for r in runs):.0f} MB)",
                           f"{ratio:.0f}×" + ("" if same else " (RESULTS DIFFER)"),
                           "≥ 100× at 100k; same set", yes(met))
            else:
                report.add("1. deadline sweep", db, size_label(size),
                           f"{fmt(fast_s)} (peak RSS {rss:.0f} MB, {fast[0]['due']} due)",
                           "not run (≈10× the 100k baseline)", "–", "< 1 s at 1M", yes(fast_s < 1))


def bench_bulk(report: Report, moves: list[int], source_size: int, repeat: int,
               orm_sample: int) -> None:
    for db, url in databases(source_size).items():
        engine = make_engine(url)
        per_dossier = bulk.orm_per_dossier(url)
        for n in moves:
            ids = bulk.certified_ids(engine, n)
            timings: dict[str, list[float]] = {"project": [], "raw": []}
            for _ in range(repeat):
                for way, action in (("project", bulk.project_way), ("raw", bulk.raw_sql_floor)):
                    seconds, moved = timed(partial(action, engine, ids))
                    assert moved == len(ids), (way, moved)
                    timings[way].append(seconds)
                    bulk.restore(engine, ids)
            sample = ids[: min(orm_sample, len(ids))]
            orm_s, _ = timed(partial(per_dossier, sample))
            bulk.restore(engine, sample)
            project_s = statistics.median(timings["project"])
            raw_s = statistics.median(timings["raw"])
            orm_total = orm_s / len(sample) * len(ids)
            report.add("2. bulk renewal", db, f"{size_label(n)} moved",
                       fmt(project_s), f"raw SQL {fmt(raw_s)}", f"{project_s / raw_s:.1f}× the floor",
                       "≤ 3× raw SQL", yes(project_s <= 3 * raw_s))
            report.add("2. bulk renewal", db, f"{size_label(n)} moved", fmt(project_s),
                       f"ORM per dossier {fmt(orm_total)} (from {len(sample)})",
                       f"{orm_total / project_s:.0f}× faster", "≥ 20× faster",
                       yes(orm_total >= 20 * project_s))
        engine.dispose()


def bench_daily(report: Report, size: int, repeat: int) -> None:
    from flows import prefect_env

    prefect_env.configure(data_dir() / "prefect-home")
    from bootstrap.system import overriding
    from flows.runner import run_flows

    source = data_dir() / f"daily-{size_label(size)}.db"
    dataset(f"sqlite:///{source}", size)
    names = ["expire-certificates", "renewal-campaign", "revocation-campaign",
             "deadline-reminders", "stuck-dossiers"]
    with tempfile.TemporaryDirectory(dir=data_dir()) as folder:
        mail = {"notifier": "file", "outbox_dir": Path(folder) / "outbox"}

        def on_copy(name: str) -> AbstractContextManager[None]:
            # The flows read their database from the process's settings, never from a flow
            # parameter (Prefect shows parameters to all): each run steers them to its copy.
            copy = Path(folder) / f"{name}.db"
            shutil.copy(source, copy)
            return overriding(database_url=f"sqlite:///{copy}", **mail)

        with on_copy("warm"):
            start_s, _ = timed(lambda: run_flows(["dispatch-notifications"], TODAY, dispatch=False))
        times = []
        for n in range(repeat):
            with on_copy(f"run{n}"):
                seconds, results = timed(partial(run_flows, names, TODAY))
            times.append(seconds)
        engine = make_engine(f"sqlite:///{source}")
        with engine.connect() as connection:
            from sqlalchemy import text
            open_count = connection.scalar(text(
                "SELECT count(*) FROM dossiers WHERE state NOT IN ('certified', 'returned', "
                "'not_recognised', 'expired', 'revoked', 'withdrawn')"))
        engine.dispose()
    daily_s = statistics.median(times)
    sent = results["dispatch-notifications"]["sent"]
    report.add("3. daily cycle", "SQLite", f"{open_count} open of {size_label(size)}, 63 provinces",
               f"{fmt(daily_s)} (6 flows, {sent} e-mails)", f"engine start {fmt(start_s)} (excluded)",
               "–", "< 10 s", yes(daily_s < 10))


def bench_latency(report: Report, count: int) -> None:
    for db, url in (("SQLite", sqlite_url("latency")), ("PostgreSQL", pg_url("ocop_bench_latency"))):
        if db == "SQLite":
            Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        else:
            engine = make_engine(url)
            with engine.begin() as connection:
                from sqlalchemy import text
                connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            engine.dispose()
        rt, ids = latency.prepare(url, count)
        times = latency.score_each(rt, ids)
        median = statistics.median(times)
        report.add("4. transition latency (score)", db, f"{count} commands",
                   f"median {fmt(median)}, p99 {fmt(percentile(times, 0.99))}", "–", "–",
                   "median < 5 ms", yes(median < 0.005))
        rt.db.dispose()


def bench_cli(report: Report, size: int, repeat: int) -> None:
    url = sqlite_url(f"ocop_bench_{size_label(size).lower()}")  # the sweep's database
    ocop = str(Path(sys.executable).parent / "ocop")

    def run(*args: str) -> float:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run(args, capture_output=True, check=True)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    base = run(sys.executable, "-c", "pass")
    help_s = run(ocop, "--help")
    show_s = run(ocop, "--db", url, "--as", "admin", "dossier", "show", "1")
    imported = subprocess.run(
        [sys.executable, "-X", "importtime", "-c",
         "import sys; sys.argv = ['ocop', '--db', sys.argv[1], '--as', 'admin', 'dossier', 'show', '1']; "
         "from ocop_cli.main import run; run()", url], capture_output=True, text=True)
    prefect_loaded = any(" prefect" in line.split("|")[-1][:9] for line in imported.stderr.splitlines())
    for label, seconds in (("ocop --help", help_s), ("ocop dossier show 1", show_s)):
        report.add("5. CLI start", "SQLite", label, fmt(seconds), f"python -c pass {fmt(base)}",
                   f"{seconds / base:.1f}×", "< 0.5 s, no Prefect import",
                   yes(seconds < 0.5 and not prefect_loaded))


def bench_outbox(report: Report, count: int, with_tmpfs: bool) -> None:
    from notifiers.file_transport import FileTransport
    from notifiers.sendgrid_transport import SendGridTransport
    from tests.fakes.sendgrid_server import API_KEY, running_fake_sendgrid

    # The disk here is slow and noisy to create files on; tmpfs shows the code's own rate.
    places = [("disk", data_dir())]
    if with_tmpfs and Path("/dev/shm").is_dir():
        places.append(("tmpfs", Path("/dev/shm")))
    for db, url in (("SQLite", sqlite_url("outbox")), ("PostgreSQL", pg_url("ocop_bench_outbox"))):
        for (where, parent), workers in itertools.product(places, (1, 4)):
            rt = outbox_dispatch.fill(url, count)
            with tempfile.TemporaryDirectory(dir=parent) as folder:
                seconds = outbox_dispatch.dispatch_all(
                    rt, partial(FileTransport, Path(folder), "ocop@snn.gov.vn"), workers)
                files = outbox_dispatch.eml_count(Path(folder))
            once = outbox_dispatch.sent_once(rt, count) and files == count
            rate = count / seconds
            report.add(f"6. outbox dispatch (file on {where})", db,
                       f"{size_label(count)} messages, {workers} dispatcher(s)",
                       f"{rate:.0f} msg/s", "–", "–", "≥ 1,000 msg/s; no duplicate",
                       yes(rate >= 1000 and once))
            rt.db.dispose()
    with running_fake_sendgrid() as server:
        url = pg_url("ocop_bench_outbox")
        for workers in (1, 4):
            server.received.clear()
            rt = outbox_dispatch.fill(url, count)
            seconds = outbox_dispatch.dispatch_all(
                rt, lambda: SendGridTransport(API_KEY, "ocop@snn.gov.vn", host=server.url, timeout=10),
                workers)
            keys = server.keys()
            dupes = outbox_dispatch.duplicates(keys)
            report.add("6. outbox dispatch (fake SendGrid)", "PostgreSQL",
                       f"{size_label(count)} messages, {workers} dispatcher(s)",
                       f"{count / seconds:.0f} msg/s", "–", "–", "no duplicate",
                       yes(dupes == 0 and len(set(keys)) == count))
            rt.db.dispose()


def bench_chaos(report: Report, plan: chaos.Plan) -> None:
    """Issue 9: 4 dispatchers, a failing and slow provider, an outage, a killed dispatcher."""
    outcome = chaos.run_chaos(pg_url("ocop_bench_chaos"), plan)
    tally = chaos.tally(outcome)
    report.add("8. outbox under chaos (fake SendGrid)", "PostgreSQL",
               f"{outcome.plan.count} messages, 4 dispatchers, 1 killed",
               f"{tally['lost']} lost, {tally['unexplained']} unexplained duplicates", "–", "–",
               "0 lost; duplicates only after a time-out",
               yes(tally["lost"] == 0 and tally["unexplained"] == 0))
    report.sections.append(chaos.section(outcome))


def bench_import(report: Report, sizes: list[int]) -> None:
    """Issue 13: the import's time and peak memory at two sizes (memory must stay flat)."""
    peaks = []
    for size in sizes:
        path = registry_import.write_list(data_dir() / f"import-{size_label(size)}.xlsx", size)
        database = data_dir() / f"import-{size_label(size)}.db"
        database.unlink(missing_ok=True)
        run = probe("bench.registry_import", str(path), f"sqlite:///{database}")
        assert run["written"] == size and run["invalid"] == 0, run
        peaks.append(run["peak_rss_mb"])
        read_s = registry_import.read_only_pass(path)
        flat = peaks[-1] <= peaks[0] * 1.25
        report.add("7. import products (.xlsx)", "SQLite", f"{size_label(size)} rows",
                   f"{fmt(run['seconds'])}, peak RSS {run['peak_rss_mb']:.0f} MB",
                   f"reading the file alone {fmt(read_s)}", f"{run['seconds'] / read_s:.1f}×",
                   "< 60 s at 100k; RSS within +25% of the smallest size",
                   yes(flat and (size < 100_000 or run["seconds"] < 60)))
        report.add("8. public search 'ga doi'", "SQLite", f"{size_label(size)} products",
                   fmt(run["search_seconds"]), "–", "–", "< 0.5 s", yes(run["search_seconds"] < 0.5))


STEPS = ("sweep", "bulk", "daily", "latency", "cli", "outbox", "import", "chaos", "web", "uploads",
         "charts", "councils")


def run_all(sizes: Sizes, only: list[str] | None = None) -> Report:
    data_dir()
    report = Report()
    steps: list[tuple[str, Callable[[], None]]] = [
        ("sweep", lambda: bench_sweep(report, sizes.sweep, sizes.sweep_repeat)),
        ("bulk", lambda: bench_bulk(report, sizes.bulk_moves, sizes.bulk_source,
                                    sizes.bulk_repeat, sizes.bulk_orm_sample)),
        ("daily", lambda: bench_daily(report, sizes.daily, sizes.daily_repeat)),
        ("latency", lambda: bench_latency(report, sizes.latency)),
        ("cli", lambda: bench_cli(report, sizes.sweep[0], sizes.cli_repeat)),
        ("outbox", lambda: bench_outbox(report, sizes.outbox, with_tmpfs=sizes.outbox_tmpfs)),
        ("import", lambda: bench_import(report, sizes.imports)),
        ("chaos", lambda: bench_chaos(report, sizes.chaos)),
        ("web", lambda: bench_web(report, sizes.web, sizes.web_requests, sizes.web_seconds)),
        ("uploads", lambda: bench_uploads(report, sizes.uploads_mb, sizes.uploads_repeat)),
        ("charts", lambda: bench_dashboard_charts(report, sizes.web, sizes.web_requests)),
        ("councils", lambda: bench_councils(report, sizes.council_dataset, sizes.council_members,
                                            sizes.council_dossiers, sizes.council_saves)),
    ]
    assert tuple(name for name, _ in steps) == STEPS, "STEPS names every step, in order"
    for name, step in steps:
        if only and name not in only:
            continue
        report.begin(name)
        seconds, _ = timed(step)
        report.end()
        print(f"({name}: {seconds:.1f} s)", flush=True)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes only (< 2 minutes)")
    parser.add_argument("--tiny", action="store_true",
                        help="every benchmark once at a tiny size, to see that it runs; "
                             "prints its rows and writes no RESULTS file")
    parser.add_argument("--only", type=lambda text: text.split(","), metavar="STEP,...",
                        help="measure only these steps again (" + ", ".join(STEPS) + "); the "
                             "other steps' rows are kept from the last run's results.json")
    options = parser.parse_args()
    if unknown := set(options.only or ()) - set(STEPS):
        parser.error(f"unknown step(s): {', '.join(sorted(unknown))}")
    started = time.monotonic()
    if options.tiny:
        run_all(TINY, options.only)
        return
    report = run_all(QUICK if options.quick else FULL, options.only)
    write(report, options.quick, started, options.only)


if __name__ == "__main__":
    main()
