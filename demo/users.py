"""People to log in as when browsing the demo database (`ocop --db … web`): the Department's
admin, the officers of the two local units with the most work left and the producer who
completed its own dossier, with demo passwords
printed at the end of `make demo` (never use them outside the demo)."""

from dataclasses import dataclass

from sqlalchemy import func, select

from demo.council_act import CHAIR
from demo.council_act import PASSWORD as COUNCIL_PASSWORD
from demo.producer_own import EMAIL as PRODUCER_EMAIL
from demo.producer_own import PASSWORD as PRODUCER_PASSWORD
from states.db.models import AdministrativeUnit, Dossier, User
from states.runtime import Runtime
from states.territory.units import in_force
from states.vocabulary import LOCAL_STATES, UnitLevel
from use_cases.identity import add_user_with_password, set_password

ADMIN_PASSWORD = "demo-so-nong-nghiep"


@dataclass(frozen=True)
class DemoUser:
    login: str
    password: str
    who: str


def busiest_units(rt: Runtime, count: int) -> list[tuple[str, str]]:
    """(code, name) of the local units in force today with the most dossiers awaiting them."""
    with rt.transaction() as session:
        rows = session.execute(
            select(AdministrativeUnit.code, AdministrativeUnit.name)
            .join(Dossier, Dossier.unit_id == AdministrativeUnit.id)
            .where(Dossier.state.in_(LOCAL_STATES), AdministrativeUnit.level != UnitLevel.PROVINCE,
                   in_force(AdministrativeUnit, rt.clock.today()))
            .group_by(AdministrativeUnit.code, AdministrativeUnit.name)
            .order_by(func.count().desc(), AdministrativeUnit.code).limit(count))
        return [(code, name) for code, name in rows]


def add_demo_users(rt: Runtime) -> list[DemoUser]:
    set_password(rt, "admin", "admin", ADMIN_PASSWORD, must_change=False)
    users = [DemoUser("admin", ADMIN_PASSWORD, "Sở Nông nghiệp")]
    for code, name in busiest_units(rt, 2):
        login, password = f"can-bo-{code}", f"demo-{code}"
        add_user_with_password(rt, "admin", login, "district", code, None, password,
                               f"Cán bộ OCOP {name}")
        users.append(DemoUser(login, password, name))
    # Issue 25: the producer who completed its own dossier (demo/producer_own.py; not in
    # `--year 2022`) logs in too.
    with rt.transaction() as session:
        if session.scalar(select(User.id).where(User.name == PRODUCER_EMAIL)) is not None:
            users.append(DemoUser(PRODUCER_EMAIL, PRODUCER_PASSWORD, "chủ thể tự lập hồ sơ"))
        # Issue 21: the chair of the council that scored on the sheets (demo/council_act.py;
        # its members have the same password).
        if session.scalar(select(User.id).where(User.name == CHAIR)) is not None:
            users.append(DemoUser(CHAIR, COUNCIL_PASSWORD, "chủ tịch hội đồng tỉnh"))
    return users
