"""Publishing a closed council's results opens the complaint window (khiếu nại): recognising a
dossier from that council's result waits until the window has passed.

The national texts say results are published before the recognising body decides, not for how
long complaints are heard: the window's length is `[councils] complaint_days` in province.toml,
provisional until `complaint_days_confirmed`. Its last day is fixed when the results are
published, so a later change of the setting does not move a window already running."""

from datetime import date, timedelta

from sqlalchemy.orm import Session

from states.clock import local_date
from states.db.models import Council
from states.errors import RuleRefused
from states.evaluation.council_reads import agenda, load_council, record_on_dossier
from states.permissions import authorize
from states.rules.council_policy import CouncilPolicy
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.vocabulary import Action, CouncilStatus

PROVISIONAL = " (tạm thời: mặc định của phần mềm, chưa theo quy chế của tỉnh)"


def _provisional(policy: CouncilPolicy) -> str:
    return "" if policy.complaint_days_confirmed else PROVISIONAL


def publish(rt: Runtime, session: Session, actor: str, council_id: int) -> Council:
    """Whoever may set the council up publishes its closed results, once; each dossier's
    history records it with the window's last day."""
    council = load_council(session, council_id)
    authorize(find_user(session, actor), Action.COUNCIL, council.unit_id)
    if council.status != CouncilStatus.CLOSED:
        raise RuleRefused(f"Hội đồng '{council.name}' chưa kết thúc phiên họp: chưa có kết quả "
                          "để công bố.")
    if council.published_at is not None:
        raise RuleRefused(f"Kết quả của hội đồng '{council.name}' đã công bố ngày "
                          f"{local_date(council.published_at):%d/%m/%Y}.")
    now = rt.clock.now()
    ends_on = local_date(now) + timedelta(days=rt.rules.province.councils.complaint_days)
    council.published_at, council.published_by, council.complaint_ends_on = now, actor, ends_on
    for item in agenda(session, council.id):
        record_on_dossier(rt, session, item.dossier_id, Action.PUBLISH_RESULTS, actor, None,
                          {"council_id": council.id, "complaint_ends_on": ends_on.isoformat()})
    return council


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
            f"{local_date(council.published_at):%d/%m/%Y}) kéo dài đến hết ngày "
            f"{ends_on:%d/%m/%Y}{_provisional(rt.rules.province.councils)}: chỉ công nhận "
            f"từ ngày {ends_on + timedelta(days=1):%d/%m/%Y}.")


def window_text(rt: Runtime, council: Council) -> str:
    """The window as a page shows it, marked provisional while the setting is."""
    policy = rt.rules.province.councils
    if council.published_at is None or council.complaint_ends_on is None:
        return (f"Chưa công bố kết quả; thời hạn khiếu nại {policy.complaint_days} ngày kể từ "
                f"ngày công bố{_provisional(policy)}.")
    return (f"Công bố kết quả ngày {local_date(council.published_at):%d/%m/%Y}; thời hạn khiếu "
            f"nại đến hết ngày {council.complaint_ends_on:%d/%m/%Y}{_provisional(policy)}.")
