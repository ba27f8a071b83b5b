"""The Department's dashboard and its stuck list (the same query as `ocop stuck`)."""

from dataclasses import dataclass

from notices.stuck import stuck_filename, stuck_workbook
from states.rules.permissions import authorize
from states.runtime import Runtime
from states.views.dashboard import Dashboard, dashboard
from states.views.lookups import find_user
from states.views.stuck import StuckGroup
from states.vocabulary import Action
from use_cases.queries import stuck


def department_dashboard(rt: Runtime, actor: str) -> Dashboard:
    with rt.transaction() as session:
        authorize(find_user(session, actor), Action.DASHBOARD)
        return dashboard(session, rt.clock.now(), rt.clock.today())


def stuck_list(rt: Runtime, actor: str) -> list[StuckGroup]:
    with rt.transaction() as session:
        authorize(find_user(session, actor), Action.DASHBOARD)
    return stuck(rt)


@dataclass(frozen=True)
class Download:
    filename: str
    content: bytes


def stuck_download(rt: Runtime, actor: str) -> Download:
    today = rt.clock.today()
    return Download(stuck_filename(today), stuck_workbook(stuck_list(rt, actor), today))
