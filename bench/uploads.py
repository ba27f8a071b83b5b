"""Document files through the web (issue 25): a PDF sent to the upload API of a real uvicorn
server (curl as the client, in its own process) against a plain file copy on the same disk in
the same run; and the server's memory per upload (tracemalloc peak) at two sizes, which must
stay flat whatever the file's size."""

import os
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import uvicorn

from bench.report import Report, fmt, yes
from bootstrap.settings import EnvSettings
from bootstrap.system import System
from states.clock import Clock
from states.db.database import Database
from states.documents.store import MEGABYTE, FileDesk, FileLimits
from states.runtime import Runtime
from storage.factory import build_store
from use_cases.admin import init
from use_cases.document_files import mark_paper
from use_cases.dossiers import register_product
from use_cases.identity import create_token
from web.app import create_app


@dataclass
class Bench:
    folder: Path
    port: int
    token: str
    dossier: int


def make_pdf(path: Path, size: int) -> Path:
    """A PDF header then random bytes: every file its own content (no deduplication)."""
    with path.open("wb") as out:
        out.write(b"%PDF-1.7\n")
        left = size - 9
        while left > 0:
            out.write(os.urandom(min(left, MEGABYTE)))
            left -= MEGABYTE
    return path


@contextmanager
def server(folder: Path, largest: int) -> Iterator[Bench]:
    url = f"sqlite:///{folder / 'ocop.db'}"
    rt = Runtime(db=Database(url), clock=Clock(date(2026, 3, 2)))
    init(rt)
    dossier = int(register_product(rt, "admin", unit="Xã Yên Thế", producer="HTX Bench",
                                   producer_type="cooperative", product="Gà đồi", group="food").id)
    mark_paper(rt, "admin", dossier, False)
    settings = EnvSettings(database_url=url)
    desk = FileDesk(build_store("local", folder / "files"),
                    FileLimits(largest + MEGABYTE, 1000 * largest + MEGABYTE))
    app = create_app(System(rt, settings.notifier_settings(), settings, desk))
    with socket_port() as port:
        running = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
        thread = threading.Thread(target=running.run, daemon=True)
        thread.start()
        while not running.started:
            time.sleep(0.02)
        try:
            yield Bench(folder, port, create_token(rt, "admin", "admin").token, dossier)
        finally:
            running.should_exit = True
            thread.join(10)
            rt.db.dispose()


@contextmanager
def socket_port() -> Iterator[int]:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    yield port


def upload(bench: Bench, path: Path) -> float:
    """Seconds for one upload, as curl measured it (no process start-up in it)."""
    url = (f"http://127.0.0.1:{bench.port}/api/v1/dossiers/{bench.dossier}/documents/"
           f"business-plan/files?name={path.name}")
    done = subprocess.run(
        ["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code} %{time_total}", "-X", "POST",
         "-H", f"Authorization: Bearer {bench.token}", "-H", "Content-Type: application/pdf",
         # No "Expect: 100-continue" round trip (curl waits for it on large bodies).
         "-H", "Expect:",
         "--data-binary", f"@{path}", url], capture_output=True, text=True, check=True)
    status, seconds = done.stdout.split()
    assert status == "201", (status, done.stderr)
    return float(seconds)


def plain_copy(path: Path, folder: Path) -> float:
    """The same bytes copied to the same disk and synced, as the store syncs what it keeps."""
    target = folder / f"copy-{path.name}"
    start = time.perf_counter()
    shutil.copyfile(path, target)
    with target.open("rb") as written:
        os.fsync(written.fileno())
    seconds = time.perf_counter() - start
    target.unlink()
    return seconds


def peak_during(bench: Bench, path: Path) -> int:
    tracemalloc.start()
    try:
        upload(bench, path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def bench_uploads(report: Report, sizes_mb: list[int], repeat: int) -> None:
    with tempfile.TemporaryDirectory(prefix="ocop-bench-files-") as scratch:
        folder = Path(scratch)
        sizes = [mb * MEGABYTE for mb in sizes_mb]
        with server(folder, max(sizes)) as bench:
            first = sizes[0]
            files = [make_pdf(folder / f"f-{n}.pdf", first) for n in range(repeat)]
            # A fresh server's first request builds its routes (~150 ms): not an upload's cost.
            upload(bench, make_pdf(folder / "warm-up.pdf", MEGABYTE))
            # Writing the test files leaves dirty pages that the disk flushes for seconds: let it
            # finish first, then take turns, so that neither side gets the quieter moment.
            os.sync()
            web, copy = [], []
            for path in files:
                # Each side starts on a settled disk: neither pays for what the other left to
                # write back or to free (the copy's unlink).
                os.sync()
                web.append(upload(bench, path))
                os.sync()
                copy.append(plain_copy(path, folder))
            web_s, copy_s = statistics.median(web), statistics.median(copy)
            ratio = copy_s / web_s
            report.add("9. file upload (web API)", "SQLite + local store", f"{sizes_mb[0]} MB PDF",
                       f"{fmt(web_s)} ({first / MEGABYTE / web_s:.0f} MB/s)",
                       f"file copy + fsync {fmt(copy_s)} ({first / MEGABYTE / copy_s:.0f} MB/s)",
                       f"{ratio:.0%} of the copy's throughput", "≥ 50 %", yes(ratio >= 0.5))
            peaks = {size: peak_during(bench, make_pdf(folder / f"m-{size}.pdf", size))
                     for size in sizes}
        small, large = peaks[sizes[0]], peaks[sizes[-1]]
        flat = large <= 1.5 * small + MEGABYTE and large < 16 * MEGABYTE
        report.add("9. file upload memory (tracemalloc peak)", "SQLite + local store",
                   f"{sizes_mb[0]} MB vs {sizes_mb[-1]} MB",
                   f"{small / MEGABYTE:.1f} MB at {sizes_mb[0]} MB",
                   f"{large / MEGABYTE:.1f} MB at {sizes_mb[-1]} MB", f"{large / small:.2f}×",
                   "flat: ≤ 1.5× (+1 MB), < 16 MB", yes(flat))
