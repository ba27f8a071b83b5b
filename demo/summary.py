"""What the demo prints at the end: dossiers by unit and state, mail written, the stuck list."""

from collections import Counter
from dataclasses import dataclass

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
class DemoSummary:
    by_unit_state: list[tuple[str, str, int]]
    emails: Counter[str]
    stuck: list[StuckGroup]
    plan: PlanCalendar


def summary(rt: Runtime) -> DemoSummary:
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
                       calendar(rt, 2022))
