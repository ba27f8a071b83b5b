"""Unique-constraint races on PostgreSQL end as success or as exit 6, never as a traceback
(issue 9, "Races"): concurrent certificates of one dossier, concurrent first dossiers of one
producer (the producer and the half-year round are added once and reused)."""

import itertools
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from states.db.models import Certificate, Dossier, EvaluationRound, Producer
from states.errors import Conflict
from tests.builders import advance, register
from tests.conftest import make_runtime
from use_cases import dossiers as c

pytestmark = pytest.mark.postgres
OCOP = Path(sys.executable).parent / "ocop"
WRITERS = 4


def _together(url: str, act: Callable[[Any], object]) -> list[str]:
    """`act(runtime)` in WRITERS threads, each on its own connection, released at once."""
    barrier = threading.Barrier(WRITERS)
    outcomes: list[str] = []

    def writer() -> None:
        mine = make_runtime(url, today=date(2022, 3, 1))
        try:
            barrier.wait(timeout=20)
            act(mine)
            outcomes.append("ok")
        except Conflict:
            outcomes.append("conflict")
        except Exception as error:  # the failure this test is about
            outcomes.append(f"{type(error).__name__}: {error}")
        finally:
            mine.db.dispose()

    threads = [threading.Thread(target=writer) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def _count(url: str, model: Any, *where: Any) -> int:
    rt = make_runtime(url)
    with rt.transaction() as session:
        found = int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)
    rt.db.dispose()
    return found


def test_concurrent_certify_gives_one_certificate(pg_url: str) -> None:
    for _ in range(3):  # the race was lost in 2 runs of 3
        rt = make_runtime(pg_url, today=date(2022, 3, 1))
        dossier_id = register(rt)
        advance(rt, dossier_id, "provincial_review")
        rt.db.dispose()
        outcomes = _together(pg_url, lambda mine, d=dossier_id: c.certify(
            mine, "admin", d, totals=[75], decision="123/QĐ-UBND", on=date(2022, 3, 1)))
        # A writer that starts after the winner committed is refused by the rules (already
        # certified); one caught in the race gets the conflict. Never a traceback.
        assert len(outcomes) == WRITERS and outcomes.count("ok") == 1, outcomes
        assert all(o in ("ok", "conflict") or o.startswith("RuleRefused: ") for o in outcomes), \
            outcomes
        assert _count(pg_url, Certificate, Certificate.dossier_id == dossier_id) == 1


def test_concurrent_first_dossiers_of_a_producer_share_it(pg_url: str) -> None:
    serial = itertools.count(1)  # each writer its own product (one product has one open dossier)

    def first_dossier(mine: Any) -> object:
        return c.register_product(mine, "admin", unit="Huyện Yên Thế", producer="HTX Gà đồi mới",
                                  producer_type="cooperative", product=f"Gà đồi {next(serial)}",
                                  group="food")

    for attempt in range(3):
        outcomes = _together(pg_url, first_dossier)
        assert outcomes == ["ok"] * WRITERS, outcomes
        assert _count(pg_url, Producer, Producer.name == "HTX Gà đồi mới") == 1
        assert _count(pg_url, Dossier) == WRITERS * (attempt + 1)
        assert _count(pg_url, EvaluationRound, EvaluationRound.code == "2022-1") == 1


def _processes(url: str, *args: str) -> list[tuple[int, str]]:
    """WRITERS `ocop` processes with the same arguments, started together."""
    command = [str(OCOP), "--db", url, "--today", "2022-03-01", "--as", "admin", *args]
    running = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(WRITERS)]
    return [(p.wait(timeout=120), p.communicate()[1]) for p in running]


def test_concurrent_commands_exit_0_or_6_without_a_traceback(pg_url: str) -> None:
    rt = make_runtime(pg_url, today=date(2022, 3, 1))
    dossier_id = register(rt)
    advance(rt, dossier_id, "provincial_review")
    rt.db.dispose()
    certified = _processes(pg_url, "dossier", "certify", str(dossier_id), "--points", "76",
                           "--decision", "1563/QĐ-UBND", "--on", "2022-03-01")
    registered = _processes(pg_url, "product", "register", "--unit", "Huyện Yên Thế", "--producer",
                            "HTX Mật ong mới", "--producer-type", "cooperative", "--name", "Mật ong",
                            "--group", "food")
    # A process that starts after the winner committed finds the dossier certified: exit 3.
    for code, stderr in certified:
        assert "Traceback" not in stderr and code in (0, 3, 6), stderr
        assert code != 6 or "thử lại" in stderr
    # The same product from every process: one dossier; the others are refused naming it.
    for code, stderr in registered:
        assert "Traceback" not in stderr and code in (0, 3), stderr
        assert code == 0 or "đã có hồ sơ số" in stderr, stderr
    assert [code for code, _ in registered].count(0) == 1
    assert [code for code, _ in certified].count(0) == 1
    assert _count(pg_url, Certificate, Certificate.dossier_id == dossier_id) == 1
    assert _count(pg_url, Producer, Producer.name == "HTX Mật ong mới") == 1
