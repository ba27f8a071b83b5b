"""Publishing a closed council's results opens the complaint window (khiếu nại): recognising a
dossier from that council's result waits until the window has passed.

The national texts say results are published before the recognising body decides, not for how
long complaints are heard: the window's length is `[councils] complaint_days` in province.toml,
provisional until `complaint_days_confirmed`. Officials count such periods in working days
(ngày làm việc), so it is counted on the province's working calendar, as the package's 2 working
days before the meeting are. Its last day is fixed when the results are published, so a later
change of the setting or of the calendar does not move a window already running."""

from datetime import date, timedelta

from sqlalchemy.orm import Session

from states.clock import Clock, local_date
from states.db.models import Council
from states.errors import InvalidInput, RuleRefused
from states.evaluation.council_reads import agenda, load_council, record_on_dossiers
from states.lifecycle.change import not_in_future
from states.permissions import authorize
from states.rules.council_policy import CouncilPolicy
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.vocabulary import Action, CouncilStatus

PROVISIONAL = " (tạm thời: mặc định của phần mềm, chưa theo quy chế của tỉnh)"


def _provisional(policy: CouncilPolicy) -> str:
    return "" if policy.complaint_days_confirmed else PROVISIONAL


def publish(rt: Runtime, session: Session, actor: str, council_id: int,
            on: date | None = None) -> Council:
    """Whoever may set the council up publishes its closed results, once, on `on` (default
    today: neither in the future nor before the council closed); each dossier's history records
    it with the window's last day."""
    council = load_council(session, council_id)
    authorize(find_user(session, actor), Action.COUNCIL, council.unit_id)
    if council.status != CouncilStatus.CLOSED:
        raise RuleRefused(f"Hội đồng '{council.name}' chưa kết thúc phiên họp: chưa có kết quả "
                          "để công bố.")
    if council.published_at is not None:
        raise RuleRefused(f"Kết quả của hội đồng '{council.name}' đã công bố ngày "
                          f"{local_date(council.published_at):%d/%m/%Y}.")
    published_on = _publication_day(rt, council, on)
    ends_on = rt.rules.calendar.add_working_days(published_on,
                                                 rt.rules.province.councils.complaint_days)
    now = rt.clock.now()
    # A day gone by is recorded as a replayed day is (Clock): 09:00 local, that day.
    council.published_at = now if published_on == local_date(now) else Clock(published_on).now()
    council.published_by, council.complaint_ends_on = actor, ends_on
    said = {"council_id": council.id, "published_on": published_on.isoformat(),
            "complaint_ends_on": ends_on.isoformat()}
    record_on_dossiers(rt, session, Action.PUBLISH_RESULTS, actor,
                       {item.dossier_id: said for item in agenda(session, council.id)})
    return council


def _publication_day(rt: Runtime, council: Council, on: date | None) -> date:
    day = rt.clock.today() if on is None else on
    not_in_future(rt, day, "Ngày công bố kết quả")
    closed_on = local_date(council.closed_at) if council.closed_at is not None else day
    if day < closed_on:
        raise InvalidInput(f"Ngày công bố kết quả {day:%d/%m/%Y} trước ngày hội đồng "
                           f"'{council.name}' kết thúc phiên họp ({closed_on:%d/%m/%Y}).")
    return day


def _window(rt: Runtime, published_on: date, ends_on: date) -> str:
    """"5 ngày làm việc, đến hết ngày dd/mm/yyyy", marked provisional while the setting is: the
    days as counted when published (the last day is what was fixed)."""
    days = rt.rules.calendar.working_days_between(published_on, ends_on)
    return (f"{days} ngày làm việc, đến hết ngày {ends_on:%d/%m/%Y}"
            f"{_provisional(rt.rules.province.councils)}")


def window_passed(rt: Runtime, session: Session, council_id: int, decided_on: date | None) -> None:
    """Refused while the council's results are unpublished or their complaint window runs (on
    the clock, and for a decision dated within it)."""
    council = load_council(session, council_id)
    if council.published_at is None or council.complaint_ends_on is None:
        raise RuleRefused(f"Kết quả của hội đồng '{council.name}' chưa được công bố: hãy công bố "
                          f"(ocop council publish {council.id}) và chờ hết thời hạn khiếu nại "
                          "trước khi công nhận.")
    ends_on = council.complaint_ends_on
    if rt.clock.today() <= ends_on or (decided_on is not None and decided_on <= ends_on):
        raise RuleRefused(
            f"Thời hạn khiếu nại kết quả của hội đồng '{council.name}' (công bố ngày "
            f"{local_date(council.published_at):%d/%m/%Y}) là "
            f"{_window(rt, local_date(council.published_at), ends_on)}: chỉ công nhận "
            f"từ ngày {ends_on + timedelta(days=1):%d/%m/%Y}.")


def window_text(rt: Runtime, council: Council) -> str:
    """The window as a page shows it, marked provisional while the setting is."""
    policy = rt.rules.province.councils
    if council.published_at is None or council.complaint_ends_on is None:
        return (f"Chưa công bố kết quả; thời hạn khiếu nại {policy.complaint_days} ngày làm việc "
                f"kể từ ngày công bố{_provisional(policy)}.")
    published_on = local_date(council.published_at)
    return (f"Công bố kết quả ngày {published_on:%d/%m/%Y}; thời hạn khiếu nại "
            f"{_window(rt, published_on, council.complaint_ends_on)}.")
