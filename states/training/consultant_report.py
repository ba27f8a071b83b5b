"""Whose dossiers fail: per consultant, and for self-prepared and officer-helped dossiers side
by side (the seed letter: consultants without the expertise make dossiers that fail).

One row per evaluation whose preparation was recorded (a dossier's registration, or a
renewal). Its decision is the first event after the evaluation opened that moved it to
certified, not recognised or returned. A return counts as "below the threshold" and/or "for
missing documents" by the facts the return recorded (district points under the forwarding
threshold or a failed mandatory criterion; required documents not ticked); one return may be
both. Counts and averages are SQL aggregates; working days need the holiday calendar, so they
are counted over one result set of (opened, decided) pairs.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, case, func, select
from sqlalchemy.orm import Session, aliased

from states.clock import checked_year, end_of_local_day, local_date
from states.db.models import Consultant, DossierEvent, DossierPreparation, ScoreSheet
from states.rules.working_days import WorkingCalendar
from states.vocabulary import CouncilLevel, PreparedBy, State, label

DECISIONS = (State.CERTIFIED, State.NOT_RECOGNISED, State.RETURNED)
Group = tuple[str, int | None]  # (prepared_by, consultant_id)


@dataclass(frozen=True)
class PreparationOutcome:
    prepared_by: PreparedBy
    who: str  # "Chủ thể tự làm", "Cán bộ hỗ trợ" or the consultant's name
    consultant_id: int | None
    prepared: int
    decided: int
    recognised: int
    returned: int
    returned_below_threshold: int
    returned_missing_documents: int
    not_recognised: int
    avg_district_points: float | None
    avg_provincial_points: float | None
    avg_working_days_to_decision: float | None
    failed_share: float | None  # (returned + not recognised) / decided


@dataclass(frozen=True)
class ConsultantReport:
    year: int | None  # None: every year
    rows: list[PreparationOutcome]


def _first_sheet(level: CouncilLevel) -> Any:
    """The evaluation's first score of a council (a QĐ 148 local recognition adds a second)."""
    return (select(ScoreSheet.average)
            .where(ScoreSheet.dossier_id == DossierPreparation.dossier_id,
                   ScoreSheet.cycle == DossierPreparation.cycle, ScoreSheet.level == level)
            .order_by(ScoreSheet.id).limit(1).scalar_subquery())


def _evaluations(year: int | None) -> Any:
    """One row per recorded evaluation: who prepared it, when it opened, its decision."""
    opened, decision = aliased(DossierEvent), aliased(DossierEvent)
    decision_id = (select(func.min(DossierEvent.id))
                   .where(DossierEvent.dossier_id == DossierPreparation.dossier_id,
                          DossierEvent.id > DossierPreparation.opened_event_id,
                          DossierEvent.to_state.in_(DECISIONS)).scalar_subquery())
    query: Select[Any] = (
        select(DossierPreparation.prepared_by, DossierPreparation.consultant_id,
               opened.at.label("opened_at"), decision.at.label("decided_at"),
               decision.to_state.label("outcome"),
               decision.details["below_threshold"].as_boolean().label("below"),
               decision.details["incomplete"].as_boolean().label("incomplete"),
               _first_sheet(CouncilLevel.LOCAL).label("district"),
               _first_sheet(CouncilLevel.PROVINCIAL).label("provincial"))
        .join(opened, opened.id == DossierPreparation.opened_event_id)
        .outerjoin(decision, decision.id == decision_id))
    if year is not None:
        query = query.where(opened.at >= end_of_local_day(date(year - 1, 12, 31)),
                            opened.at < end_of_local_day(date(year, 12, 31)))
    return query.subquery()


def _counts(session: Session, evaluations: Any) -> dict[Group, tuple[Any, ...]]:
    e = evaluations.c

    def count_if(*conditions: Any) -> Any:
        return func.sum(case((and_(*conditions), 1), else_=0))

    returned = e.outcome == State.RETURNED
    rows = session.execute(select(
        e.prepared_by, e.consultant_id, func.count(), func.count(e.decided_at),
        count_if(e.outcome == State.CERTIFIED), count_if(returned),
        count_if(returned, e.below), count_if(returned, e.incomplete),
        count_if(e.outcome == State.NOT_RECOGNISED), func.avg(e.district), func.avg(e.provincial),
    ).group_by(e.prepared_by, e.consultant_id))
    return {(row[0], row[1]): tuple(row[2:]) for row in rows}


def _working_days(session: Session, evaluations: Any,
                  calendar: WorkingCalendar) -> dict[Group, float]:
    e = evaluations.c
    spans: dict[Group, list[int]] = defaultdict(list)
    pairs = session.execute(select(e.prepared_by, e.consultant_id, e.opened_at, e.decided_at)
                            .where(e.decided_at.is_not(None)))
    for prepared_by, consultant_id, opened_at, decided_at in pairs:
        spans[(prepared_by, consultant_id)].append(calendar.working_days_between(
            local_date(opened_at), local_date(decided_at)))
    return {group: sum(days) / len(days) for group, days in spans.items()}


def consultant_report(session: Session, calendar: WorkingCalendar,
                      year: int | None = None) -> ConsultantReport:
    if year is not None:
        checked_year(year)
    evaluations = _evaluations(year)
    counts = _counts(session, evaluations)
    for side in (PreparedBy.PRODUCER, PreparedBy.OFFICER):  # always side by side, even empty
        counts.setdefault((side.value, None), (0, 0, 0, 0, 0, 0, 0, None, None))
    days = _working_days(session, evaluations, calendar)
    names = {consultant_id: name for consultant_id, name in session.execute(
        select(Consultant.id, Consultant.name).where(
            Consultant.id.in_([c for _, c in counts if c is not None])))}
    rows = []
    for (prepared_by, consultant_id), values in counts.items():
        kind = PreparedBy(prepared_by)
        who = names[consultant_id] if consultant_id is not None else label(kind)
        prepared, decided, recognised, returned, below, missing, refused, district, provincial = (
            values)
        rows.append(PreparationOutcome(
            kind, who, consultant_id, prepared, decided, int(recognised or 0),
            int(returned or 0), int(below or 0), int(missing or 0), int(refused or 0),
            _rounded(district), _rounded(provincial), _rounded(days.get((prepared_by, consultant_id))),
            _rounded((int(returned or 0) + int(refused or 0)) / decided if decided else None, 3)))
    order = {PreparedBy.PRODUCER: 0, PreparedBy.OFFICER: 1, PreparedBy.CONSULTANT: 2}
    rows.sort(key=lambda r: (order[r.prepared_by], -(r.failed_share or 0), r.who))
    return ConsultantReport(year, rows)


def _rounded(value: Any, digits: int = 1) -> float | None:
    return None if value is None else round(float(value), digits)


@dataclass(frozen=True)
class ConsultantRow:
    id: int
    name: str
    dossiers: int  # evaluations it prepared


def consultants(session: Session) -> list[ConsultantRow]:
    counted = (select(DossierPreparation.consultant_id, func.count().label("n"))
               .group_by(DossierPreparation.consultant_id).subquery())
    rows = session.execute(select(Consultant.id, Consultant.name, func.coalesce(counted.c.n, 0))
                           .outerjoin(counted, counted.c.consultant_id == Consultant.id)
                           .order_by(Consultant.name))
    return [ConsultantRow(*row) for row in rows]
