"""Delivery under chaos: 4 dispatcher processes against a SendGrid stand-in on 127.0.0.1 that
answers 10 % 429, 10 % 500, some requests slower than the client's time-out (taken all the
same, as a real provider would), and nothing but 503 for a 30-minute outage; one dispatcher is
killed with SIGKILL in the middle of a batch. Time is compressed (see `CompressedClock`): the
dispatchers' clock, time-outs, leases and back-off, and the outage all run `factor` times faster.

Every delivery the provider took is counted per key; every send a dispatcher started is logged
with its end. A key delivered twice is explained only when one of its sends got no answer (a
time-out: the provider took it but we never heard) or was in flight in the killed process;
anything else (a lease that expired under a live sender) is counted as unexplained.

`python -m bench.chaos [--quick]` runs it alone and prints the section; `make bench` adds it to
bench/RESULTS.md.
"""

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bench.outbox_dispatch import fill
from states.db.models import OutboxMessage


@dataclass
class Provider:
    origin: float
    factor: float
    outage: tuple[float, float]  # compressed seconds from the origin
    slow_share: float
    client_timeout: float  # real seconds
    rng: random.Random = field(default_factory=lambda: random.Random(9))
    delivered: Counter[str] = field(default_factory=Counter)
    answers: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, key: str) -> tuple[int, float]:
        """The status to give and how long to wait first; a 202 is a delivery."""
        elapsed = (time.time() - self.origin) * self.factor
        with self.lock:
            draw = self.rng.random()
            if self.outage[0] <= elapsed < self.outage[1]:
                status, delay, kind = 503, 0.0, "503 (outage)"
            elif draw < 0.10:
                status, delay, kind = 429, 0.0, "429"
            elif draw < 0.20:
                status, delay, kind = 500, 0.0, "500"
            elif draw < 0.20 + self.slow_share:
                status, delay, kind = 202, 2 * self.client_timeout, "202 after the time-out"
            else:
                status, delay, kind = 202, 0.0, "202"
            self.answers[kind] += 1
        return status, delay

    def take(self, key: str) -> None:
        with self.lock:
            self.delivered[key] += 1


def handler(provider: Provider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            return

        def do_POST(self) -> None:
            payload = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
            key = payload["custom_args"]["outbox_key"]
            status, delay = provider.answer(key)
            time.sleep(delay)
            if status == 202:
                provider.take(key)  # taken, whether or not the client is still listening
            try:
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()
            except OSError:
                pass  # the client gave up waiting

    return Handler


@dataclass(frozen=True)
class Plan:
    count: int
    factor: float  # time compression
    batch: int  # rows per claim: big enough that its slow sends outlast one lease
    outage_from_minute: float  # while the queue is still busy; it lasts 30 minutes
    kill_after_sends: int = 20
    slow_share: float = 0.10


QUICK = Plan(count=1200, factor=60.0, batch=150, outage_from_minute=5)
FULL = Plan(count=2000, factor=30.0, batch=200, outage_from_minute=10)
# Only to see that it runs (`bench.run --tiny`): the outage lasts 3 s real, a lease 0.5 s.
TINY = Plan(count=60, factor=600.0, batch=15, outage_from_minute=0.5, kill_after_sends=5)


@dataclass
class Outcome:
    plan: Plan
    delivered: Counter[str]
    answers: Counter[str]
    statuses: dict[str, int]
    starts: Counter[str]
    no_answer: Counter[str]
    in_flight_at_kill: set[str]
    held_by_killed: int
    workers: list[dict[str, int]]
    real_seconds: float
    load: float  # the machine's 1-minute load average at the end: compressed time is sensitive


def start_workers(url: str, provider_url: str, origin: float, factor: float,
                  folder: Path, count: int, batch: int) -> list[subprocess.Popen[bytes]]:
    return [subprocess.Popen([sys.executable, "-m", "bench.chaos_worker", url, provider_url,
                              str(origin), str(factor), str(n), str(folder), str(batch)])
            for n in range(count)]


def wait_until_settled(url: str, rt: Any, deadline: float) -> dict[str, int]:
    while True:
        with rt.transaction() as session:
            statuses = dict(session.execute(select(OutboxMessage.status, func.count())
                                            .group_by(OutboxMessage.status)).all())
        if set(statuses) <= {"sent", "failed"} or time.monotonic() > deadline:
            return {str(k): int(v) for k, v in statuses.items()}
        time.sleep(0.5)


def held_by(rt: Any, dispatcher_id: str) -> int:
    with rt.transaction() as session:
        return int(session.scalar(select(func.count()).where(
            OutboxMessage.claimed_by == dispatcher_id, OutboxMessage.status == "sending")) or 0)


def read_logs(folder: Path, killed: int) -> tuple[Counter[str], Counter[str], set[str]]:
    starts: Counter[str] = Counter()
    no_answer: Counter[str] = Counter()
    in_flight: set[str] = set()
    for log in sorted(folder.glob("worker-*.log")):
        open_sends: Counter[str] = Counter()
        for line in log.read_text(encoding="utf-8").splitlines():
            event = json.loads(line)
            if event["e"] == "start":
                starts[event["k"]] += 1
                open_sends[event["k"]] += 1
            else:
                open_sends[event["k"]] -= 1
                if event["e"] == "no-answer":
                    no_answer[event["k"]] += 1
        if log.name == f"worker-{killed}.log":
            in_flight = {k for k, n in open_sends.items() if n > 0}
    return starts, no_answer, in_flight


def wait_for_sends(log: Path, sends: int) -> None:
    """Until the doomed dispatcher has started `sends` sends: it is in the middle of a batch."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if log.exists() and log.read_text(encoding="utf-8").count('"start"') >= sends:
            return
        time.sleep(0.02)




def run_chaos(url: str, plan: Plan) -> Outcome:
    rt = fill(url, plan.count)
    origin = time.time()
    start = plan.outage_from_minute * 60
    provider = Provider(origin, plan.factor, (start, start + 30 * 60), plan.slow_share,
                        15.0 / plan.factor)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler(provider))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        workers = start_workers(url, f"http://127.0.0.1:{server.server_address[1]}", origin,
                                plan.factor, folder, 4, plan.batch)
        wait_for_sends(folder / "worker-0.log", plan.kill_after_sends)
        os.kill(workers[0].pid, signal.SIGKILL)  # mid-batch: it holds rows (counted below)
        workers[0].wait()
        held = held_by(rt, "chaos-0")
        statuses = wait_until_settled(url, rt, time.monotonic() + 1800)
        real_seconds = time.time() - origin
        (folder / "stop").touch()
        for worker in workers[1:]:
            worker.wait(timeout=120)
        starts, no_answer, in_flight = read_logs(folder, killed=0)
        reports = [json.loads((folder / f"worker-{n}.json").read_text()) for n in range(1, 4)]
    server.shutdown()
    server.server_close()
    rt.db.dispose()
    return Outcome(plan, provider.delivered, provider.answers, statuses, starts, no_answer,
                   in_flight, held, reports, real_seconds, os.getloadavg()[0])


def tally(o: Outcome) -> dict[str, int]:
    lost = o.plan.count - len(o.delivered)
    explained_timeout = explained_kill = unexplained = 0
    for key, times in o.delivered.items():
        extra = times - 1
        by_timeout = min(extra, o.no_answer[key])
        by_kill = min(extra - by_timeout, 1 if key in o.in_flight_at_kill else 0)
        explained_timeout += by_timeout
        explained_kill += by_kill
        unexplained += extra - by_timeout - by_kill
    return {"lost": lost, "duplicates": explained_timeout + explained_kill + unexplained,
            "after_timeout": explained_timeout, "in_flight_at_kill": explained_kill,
            "unexplained": unexplained}


def section(o: Outcome) -> list[str]:
    t, p = tally(o), o.plan
    answers = ", ".join(f"{kind}: {n}" for kind, n in sorted(o.answers.items()))
    lease_lost = sum(w["lease_lost"] for w in o.workers)
    return [
        "## Chaos: delivery when the provider is slow or down", "",
        f"{p.count} messages on PostgreSQL, 4 dispatcher processes (`bench/chaos_worker.py`, "
        "the production `Dispatcher` and `SendGridTransport` with the default settings: 15 s "
        "time-out, 300 s lease, back-off 30 s doubling to 600 s, retries for 24 h) against a "
        f"SendGrid stand-in on 127.0.0.1: 10 % 429, 10 % 500, {p.slow_share * 100:g} % answered 202 "
        "only after twice the client's time-out, and 503 to everything for a 30-minute outage "
        f"from minute {p.outage_from_minute:g}; claims of {p.batch} rows, so that a batch's slow "
        f"sends outlast one lease. Time is compressed {p.factor:g}×: the dispatchers' clock (leases, "
        "back-off, retry window), their HTTP time-out and the outage all run that much faster; "
        f"the run took {o.real_seconds:.0f} s real, {o.real_seconds * p.factor / 60:.0f} minutes "
        f"compressed (load average {o.load:.0f} on this machine at the end). One dispatcher "
        f"was killed with SIGKILL holding {o.held_by_killed} "
        "claimed rows.", "",
        "| measure | value | target |", "|---|---|---|",
        f"| messages lost | {t['lost']} | 0 |",
        f"| rows not `sent` at the end | {p.count - o.statuses.get('sent', 0)} "
        f"({json.dumps(o.statuses)}) | 0 |",
        f"| keys delivered twice or more: extra deliveries | {t['duplicates']} | only the two "
        "kinds below |",
        f"| … of a send that got no answer (provider took it after our time-out) | "
        f"{t['after_timeout']} | inherent |",
        f"| … of the send in flight when the dispatcher was killed | "
        f"{t['in_flight_at_kill']} | ≤ 1 |",
        f"| … anything else (a lease that expired under a live sender) | {t['unexplained']} | 0 |",
        f"| sends skipped because the lease was gone (never sent) | {lease_lost} | – |",
        f"| sends started, total | {sum(o.starts.values())} | – |", "",
        f"Provider answers: {answers}.", ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    quick = parser.parse_args().quick
    from bench.databases import pg_url

    outcome = run_chaos(pg_url("ocop_bench_chaos"), QUICK if quick else FULL)
    print("\n".join(section(outcome)))


if __name__ == "__main__":
    main()
