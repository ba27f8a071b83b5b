"""A unit's own page: what its officer sees of their unit, and the Department of any unit."""

from dataclasses import dataclass

from notices.charts.bars import stars_chart
from notices.charts.svg import chart_svg
from states.db.models import AdministrativeUnit
from states.dossiers.sheet import LateRow
from states.errors import NotFound, PermissionDenied
from states.oversight.unit_picture import UnitPicture, unit_picture
from states.permissions import authorize
from states.runtime import Runtime
from states.territory.lookups import find_unit, find_user
from states.vocabulary import Action, Role
from use_cases.dashboard import DrawnChart
from use_cases.queries import dossiers

LATE_SHOWN = 50


@dataclass(frozen=True)
class UnitPage:
    picture: UnitPicture
    late: list[LateRow]  # the most late first, at most LATE_SHOWN
    stars: DrawnChart


def own_unit_code(rt: Runtime, actor: str) -> str | None:
    """The unit a local officer works for (None for the Department's staff)."""
    with rt.transaction() as session:
        user = find_user(session, actor)
        if user.role != Role.DISTRICT:
            authorize(user, Action.DASHBOARD)
            return None
        if user.unit_id is None:
            raise NotFound(f"Người dùng '{actor}' chưa được gán đơn vị.")
        unit = session.get(AdministrativeUnit, user.unit_id)
        return unit.code if unit is not None else None


def unit_page(rt: Runtime, actor: str, code: str) -> UnitPage:
    """The unit's counts, its late dossiers and its stars; an officer sees only their own."""
    today = rt.clock.today()
    with rt.transaction() as session:
        user = find_user(session, actor)
        unit = find_unit(session, code, today)
        if user.role == Role.DISTRICT:
            if user.unit_id != unit.id:
                raise PermissionDenied(f"Người dùng '{actor}' chỉ xem được trang của đơn vị mình.")
        else:
            authorize(user, Action.DASHBOARD)
        picture = unit_picture(session, unit, rt.clock.now())
    late = sorted(dossiers(rt, actor, unit=unit.code, overdue=True),
                  key=lambda r: (-r.working_days_late, r.id))[:LATE_SHOWN]
    chart = stars_chart(picture.certified_by_year)
    return UnitPage(picture, late, DrawnChart(chart, chart_svg(chart)))
