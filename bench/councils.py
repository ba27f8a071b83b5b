"""Issue 21's two speed targets, on PostgreSQL with the national dataset in the table: a member
saving one criterion on their sheet (what the scoring screen does on each change: one
transaction, the sheet read back with its totals), and the chair closing a council of 9
members over 100 dossiers with its summary workbook and minutes PDF.

A council is set up through the use cases on dossiers of the dataset put under provincial
review (of a group the shipped sheets cover); the members fill their sheets through the
states' commands (untimed), then the chair closes. Each run sets up a council of its own."""

import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from itertools import cycle

from sqlalchemy import insert, select

from bench.databases import dataset, pg_url, size_label
from bench.dataset import TODAY
from bench.measure import percentile, timed
from bench.report import Report, fmt, yes
from states.clock import Clock
from states.db.database import Database, make_engine, upgrade_schema
from states.db.models import CouncilDossier, Dossier, Product, User
from states.errors import InvalidInput
from states.evaluation import member_sheets
from states.rules.score_sheets import ScoreSheet
from states.runtime import Runtime
from states.vocabulary import CouncilLevel, CouncilRole
from use_cases import councils as uc

RULEBOOK = "qd1048-2019"  # the dataset's one round
ROUND = "2025-1"
MEMBER = "bench-hd-{}"
# The package reached the members two working days before the meeting (Monday 03/03/2025).
PACKAGE_SENT = TODAY - timedelta(days=5)


@dataclass(frozen=True)
class Council:
    id: int
    members: list[str]
    sheets: dict[int, ScoreSheet]  # dossier → its sheet


def _seat_people(url: str, count: int) -> list[str]:
    names = [MEMBER.format(n) for n in range(1, count + 1)]
    engine = make_engine(url)
    upgrade_schema(engine)
    with engine.begin() as connection:
        known = set(connection.scalars(select(User.name).where(User.name.in_(names))))
        rows = [{"name": name, "role": "department", "unit_id": 1, "active": True}
                for name in names if name not in known]
        if rows:
            connection.execute(insert(User), rows)
    engine.dispose()
    return names


def _agenda(rt: Runtime, count: int) -> dict[int, ScoreSheet]:
    """`count` dossiers under provincial review, of groups with a shipped sheet, that no
    earlier run's council took (a council scores a dossier once)."""
    chosen: dict[int, ScoreSheet] = {}
    with rt.transaction() as session:
        taken = select(CouncilDossier.dossier_id)
        rows = session.execute(select(Dossier.id, Product.group_code)
                               .join(Product, Product.id == Dossier.product_id)
                               .where(Dossier.state == "provincial_review",
                                      Dossier.id.not_in(taken))
                               .order_by(Dossier.id).limit(count * 20)).all()
    for dossier_id, group in rows:
        try:
            chosen[dossier_id] = rt.sheets.sheet_for(RULEBOOK, group)
        except InvalidInput:
            continue
        if len(chosen) == count:
            break
    assert len(chosen) == count, f"only {len(chosen)} dossiers with a sheet"
    return chosen


def set_up(rt: Runtime, url: str, members: int, dossiers: int) -> Council:
    names = _seat_people(url, members)
    sheets = _agenda(rt, dossiers)
    view = uc.create(rt, "admin", name=f"Hội đồng tỉnh (bench {rt.clock.now():%H%M%S})",
                     level=CouncilLevel.PROVINCIAL, round_code=ROUND)
    roles = [CouncilRole.CHAIR, CouncilRole.SECRETARY] + [CouncilRole.MEMBER] * (members - 2)
    uc.set_up(rt, "admin", view.id, seats=list(zip(names, roles, strict=True)),
              dossiers=list(sheets), meeting_on=TODAY, package_sent_on=PACKAGE_SENT)
    uc.open_session(rt, names[0], view.id)
    return Council(view.id, names, sheets)


def _choices(sheet: ScoreSheet, seat: int) -> Iterator[tuple[str, str]]:
    """Every criterion at its best option, but one (by seat) at its second best: totals a few
    points apart, none so far from the mean that the chair must discuss it first."""
    criteria = [c for part in sheet.parts for c in part.criteria]
    for n, criterion in enumerate(criteria):
        ranked = sorted(criterion.options, key=lambda o: o.points, reverse=True)
        lower = n == seat % len(criteria) and len(ranked) > 1 and ranked[1].points > 0
        yield criterion.code, (ranked[1] if lower else ranked[0]).code


def save_one_criterion(rt: Runtime, council: Council, saves: int) -> list[float]:
    """Timed: each save is one member's choice on one criterion of one dossier's sheet."""
    targets = cycle((member, dossier, code, option)
                    for dossier, sheet in council.sheets.items()
                    for seat, member in enumerate(council.members)
                    for code, option in _choices(sheet, seat))
    times = []
    for _ in range(saves):
        member, dossier, code, option = next(targets)
        seconds, _ = timed(partial(uc.choose, rt, member, council.id, dossier, [(code, option)]))
        times.append(seconds)
    return times


def fill_and_submit(rt: Runtime, council: Council) -> None:
    """Untimed: every member's every sheet, one transaction per member."""
    for seat, member in enumerate(council.members):
        with rt.transaction() as session:
            for dossier, sheet in council.sheets.items():
                for code, option in _choices(sheet, seat):
                    member_sheets.choose(rt, session, member, council.id, dossier,
                                         criterion=code, option=option)
                member_sheets.submit(rt, session, member, council.id, dossier)


def close_with_printouts(rt: Runtime, council: Council) -> dict[str, float]:
    chair = council.members[0]
    close_s, _ = timed(lambda: uc.close(rt, chair, council.id))
    summary_s, book = timed(lambda: uc.summary(rt, chair, council.id))
    minutes_s, pdf = timed(lambda: uc.minutes(rt, chair, council.id))
    assert book[:2] == b"PK" and pdf[:5] == b"%PDF-"
    return {"close": close_s, "summary": summary_s, "minutes": minutes_s}


def bench_councils(report: Report, size: int, members: int, dossiers: int, saves: int) -> None:
    url = dataset(pg_url(f"ocop_bench_councils_{size_label(size).lower()}"), size)
    rt = Runtime(db=Database(url), clock=Clock(TODAY))
    council = set_up(rt, url, members, dossiers)
    where = f"{size_label(size)} dossiers in the table"
    times = save_one_criterion(rt, council, saves)
    p95 = percentile(times, 0.95)
    report.add("10. council sheet (save one criterion)", "PostgreSQL",
               f"{where}, {members} members × {dossiers} dossiers",
               f"p50 {fmt(statistics.median(times))}, p95 {fmt(p95)} ({saves} saves)",
               "–", "–", "p95 < 20 ms", yes(p95 < 0.02))
    fill_and_submit(rt, council)
    parts = close_with_printouts(rt, council)
    total = sum(parts.values())
    report.add("10. council close (results, .xlsx, PDF)", "PostgreSQL",
               f"{where}, {members} members × {dossiers} dossiers",
               f"{fmt(total)} (close {fmt(parts['close'])}, summary .xlsx "
               f"{fmt(parts['summary'])}, minutes PDF {fmt(parts['minutes'])})",
               "–", "–", "< 5 s", yes(total < 5))
    rt.db.dispose()
