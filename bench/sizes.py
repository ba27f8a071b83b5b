"""How big each benchmark runs: the full run, `--quick` and `--tiny`."""

from dataclasses import dataclass

from bench import chaos


@dataclass(frozen=True)
class Sizes:
    """How big each benchmark runs, and how often it repeats."""

    sweep: list[int]
    sweep_repeat: int
    bulk_moves: list[int]
    bulk_source: int
    bulk_repeat: int
    bulk_orm_sample: int
    daily: int
    daily_repeat: int
    latency: int
    cli_repeat: int
    outbox: int
    outbox_tmpfs: bool
    imports: list[int]
    chaos: chaos.Plan
    web: list[int]
    web_requests: int
    web_seconds: float
    # Issue 25: the sizes (MB) of the uploaded PDFs (first: throughput; first and last: memory).
    uploads_mb: list[int]
    uploads_repeat: int
    # Issue 21: the dataset under the council (PostgreSQL), its members and dossiers, and how
    # many single-criterion saves are timed.
    council_dataset: int
    council_members: int
    council_dossiers: int
    council_saves: int


FULL = Sizes(sweep=[10_000, 100_000, 1_000_000], sweep_repeat=5, bulk_moves=[10_000, 100_000],
             bulk_source=1_000_000, bulk_repeat=3, bulk_orm_sample=300, daily=76_000,
             daily_repeat=3, latency=1000, cli_repeat=10, outbox=10_000, outbox_tmpfs=True,
             imports=[10_000, 100_000], chaos=chaos.FULL, web=[100_000, 1_000_000],
             web_requests=200, web_seconds=10, uploads_mb=[20, 100], uploads_repeat=9,
             council_dataset=1_000_000, council_members=9, council_dossiers=100,
             council_saves=500)
QUICK = Sizes(sweep=[10_000], sweep_repeat=3, bulk_moves=[2_000], bulk_source=10_000,
              bulk_repeat=2, bulk_orm_sample=100, daily=10_000, daily_repeat=1, latency=200,
              cli_repeat=3, outbox=2_000, outbox_tmpfs=False, imports=[2_000, 10_000],
              chaos=chaos.QUICK, web=[10_000], web_requests=50, web_seconds=3, uploads_mb=[20, 60],
              uploads_repeat=3, council_dataset=10_000, council_members=9, council_dossiers=100,
              council_saves=200)
# `--tiny` (tests/bench/test_benchmarks_run.py): every benchmark once, on data small enough
# that `make test` runs them all in seconds; its figures mean nothing and no target is read.
TINY = Sizes(sweep=[600], sweep_repeat=1, bulk_moves=[40], bulk_source=600, bulk_repeat=1,
             bulk_orm_sample=10, daily=600, daily_repeat=1, latency=10, cli_repeat=1, outbox=40,
             outbox_tmpfs=False, imports=[50], chaos=chaos.TINY, web=[600],
             web_requests=3, web_seconds=0.3, uploads_mb=[1, 2], uploads_repeat=1,
             council_dataset=600, council_members=3, council_dossiers=3, council_saves=5)
