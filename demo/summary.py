"""What the demo prints at the end: dossiers by unit and state, mail written, the stuck list,
and the council's results and printouts (issue 21)."""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from states.db.models import AdministrativeUnit, Dossier, OutboxMessage
from states.oversight.stuck import StuckGroup
from states.programme.plan import PlanCalendar
from states.runtime import Runtime
from states.territory.units import FormerNames
from states.vocabulary import OutboxStatus
from use_cases.plans import calendar
from use_cases.queries import stuck


@dataclass(frozen=True)
class CouncilFile:
    path: Path
    what: str  # in Vietnamese: "Phiếu đánh giá hồ sơ 12 của Trần Thị Lan"


@dataclass(frozen=True)
class CouncilRow:
    """One dossier's result, from the members' sheets, and what the province then did."""

    dossier_id: int
    product: str
    totals: list[float]
    average: float
    stars: int
    failed: str | None
    state_label: str


@dataclass(frozen=True)
class CouncilOutcome:
    """What the demo's council (demo/council_act.py) left: results and printouts."""

    name: str
    folder: Path
    rows: list[CouncilRow]
    abstention: str  # who did not score what, for a conflict of interest
    files: list[CouncilFile] = field(default_factory=list)
    provisional: bool = True


@dataclass(frozen=True)
class DemoSummary:
    by_unit_state: list[tuple[str, str, int]]
    emails: Counter[str]
    stuck: list[StuckGroup]
    plan: PlanCalendar
    council: CouncilOutcome | None = None


def summary(rt: Runtime, council: CouncilOutcome | None = None) -> DemoSummary:
    with rt.transaction() as session:
        # Units named as they were on the replay's last day ("Huyện Việt Yên" in 2022).
        names, day = FormerNames.load(session), rt.clock.today()
        by_unit_state = [(names.name_on(unit, day), state, count) for unit, state, count in
                         session.execute(select(AdministrativeUnit, Dossier.state, func.count())
                                         .join(AdministrativeUnit,
                                               Dossier.unit_id == AdministrativeUnit.id)
                                         .group_by(AdministrativeUnit.id, Dossier.state))]
        emails: Counter[str] = Counter(dict(session.execute(
            select(OutboxMessage.kind, func.count()).where(OutboxMessage.status == OutboxStatus.SENT)
            .group_by(OutboxMessage.kind)).tuples().all()))
    return DemoSummary([(u, s, n) for u, s, n in by_unit_state], emails, stuck(rt),
                       calendar(rt, 2022), council)
