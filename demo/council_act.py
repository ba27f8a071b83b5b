"""The demo's council (issue 21): the province's council of five scores three dossiers on the
rulebook's sheet (provisional data: no sheet is confirmed against the annex), criterion by
criterion, through the use cases `ocop council ...` calls. One member declares a conflict of
interest on one dossier and does not score it; on another, a product whose total would be 5
stars fails a mandatory criterion; each result is the average of the members' sheets. The
printouts go into demo-output/hoi-dong/."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from demo.replay import ADMIN, COUNCIL_FOLDER, Demo
from demo.summary import CouncilFile, CouncilOutcome, CouncilRow
from states.rules.score_sheets import ScoreSheet, SheetCriterion, SheetOption
from states.vocabulary import CouncilLevel, CouncilRole
from use_cases import councils, dossiers
from use_cases.identity import add_user_with_password
from use_cases.queries import show_dossier
from use_cases.sheets import show_sheet

PASSWORD = "demo-hoi-dong"  # the members' demo password (never outside the demo)
# (login, role, full name, how generous this member is: added to each dossier's level)
MEMBERS = [
    ("hd-chu-tich", CouncilRole.CHAIR, "Nguyễn Văn Hùng", 0.0),
    ("hd-thu-ky", CouncilRole.SECRETARY, "Trần Thị Lan", 0.04),
    ("hd-uy-vien-1", CouncilRole.MEMBER, "Lê Minh Tuấn", -0.05),
    ("hd-uy-vien-2", CouncilRole.MEMBER, "Phạm Thu Hà", 0.02),
    ("hd-uy-vien-3", CouncilRole.MEMBER, "Hoàng Đức Nam", -0.03),
]
CHAIR = MEMBERS[0][0]
CONFLICTED = "hd-uy-vien-2"


@dataclass(frozen=True)
class Plan:
    """How the council finds one dossier: a share of each criterion's best, whether most
    members fail its first mandatory criterion, and whether a member has a conflict."""

    level: float
    fails_mandatory: bool = False
    conflict: bool = False


# A solid 4-star product; a near-perfect one that fails a mandatory criterion; a 3-star one on
# which a member abstains.
PLANS = [Plan(0.8), Plan(0.97, fails_mandatory=True), Plan(0.6, conflict=True)]


def allowed(criterion: SheetCriterion, fail: bool) -> list[SheetOption]:
    """A mandatory criterion is failed (its 0-point option) only when `fail`, passed otherwise."""
    if not criterion.mandatory:
        return criterion.options
    return [o for o in criterion.options if (o.points == 0) == fail]


def choices(sheet: ScoreSheet, level: float, fail: bool) -> list[tuple[str, str]]:
    """Options whose running total stays nearest `level` of the running best, so that the
    sheet adds up to about `level` × 100; most members failing a dossier fail its first
    mandatory criterion."""
    criteria = [c for part in sheet.parts for c in part.criteria]
    failed = next((c.code for c in criteria if c.mandatory), None) if fail else None
    share, wanted, got, chosen = max(0.0, min(1.0, level)), 0.0, 0.0, []
    for criterion in criteria:
        wanted += share * criterion.best
        option = min(allowed(criterion, criterion.code == failed),
                     key=lambda o: (abs(got + o.points - wanted), o.points))
        got += option.points
        chosen.append((criterion.code, option.code))
    return chosen


def pick_dossiers(demo: Demo, forwarded: list[int], count: int) -> list[int]:
    """The first dossiers waiting for the province, of different product groups if it can."""
    groups: dict[str, int] = {}
    for dossier_id in forwarded:
        groups.setdefault(show_dossier(demo.rt, ADMIN, dossier_id).group, dossier_id)
    picked = list(groups.values())[:count]
    return picked + [i for i in forwarded if i not in picked][:count - len(picked)]


def seat_members(demo: Demo) -> None:
    for login, _, name, _ in MEMBERS:
        add_user_with_password(demo.rt, ADMIN, login, "department", None, None, PASSWORD, name)


def in_session(demo: Demo, ids: list[int], province: str, meeting: date) -> int:
    """Set up by the Department: members, agenda, meeting; the package a week before; opened
    by the chair on the day with everyone present."""
    demo.on(meeting - timedelta(days=14))
    seat_members(demo)
    made = councils.create(demo.rt, ADMIN, name=f"Hội đồng đánh giá sản phẩm OCOP tỉnh "
                           f"năm {meeting.year}", level=CouncilLevel.PROVINCIAL,
                           round_code=show_dossier(demo.rt, ADMIN, ids[0]).round, unit=province)
    councils.add_members(demo.rt, ADMIN, made.id, [(login, role) for login, role, _, _ in MEMBERS])
    councils.add_dossiers(demo.rt, ADMIN, made.id, ids)
    councils.set_meeting(demo.rt, ADMIN, made.id, meeting)
    sent = meeting - timedelta(days=7)  # well before the 2 working days' deadline
    demo.on(sent)
    councils.record_package(demo.rt, ADMIN, made.id, sent)
    demo.on(meeting)
    councils.open_session(demo.rt, CHAIR, made.id)
    return made.id


def score(demo: Demo, council_id: int, ids: list[int]) -> None:
    for dossier_id, plan in zip(ids, PLANS, strict=True):
        view = show_dossier(demo.rt, ADMIN, dossier_id)
        sheet = show_sheet(demo.rt, view.rulebook, view.group).sheet
        if plan.conflict:
            councils.declare_conflict(demo.rt, CONFLICTED, council_id, dossier_id,
                                      f"Người nhà của chủ thể {view.producer}")
        for seat, (login, _, _, bias) in enumerate(MEMBERS):
            if plan.conflict and login == CONFLICTED:
                continue
            # All but the last member fail the mandatory criterion of a failing dossier.
            fail = plan.fails_mandatory and seat < len(MEMBERS) - 1
            councils.choose(demo.rt, login, council_id, dossier_id,
                            choices(sheet, plan.level + bias, fail))
            councils.submit(demo.rt, login, council_id, dossier_id)
        if councils.result(demo.rt, CHAIR, council_id, dossier_id).discrepant:
            councils.acknowledge(demo.rt, CHAIR, council_id, dossier_id)


def printouts(demo: Demo, closed: councils.Closed, out: Path) -> list[CouncilFile]:
    """The sheet of each member who scored, the summary, the minutes and the draft proposal,
    as `ocop council sheet / summary / minutes / proposal --out` write them."""
    out.mkdir(parents=True, exist_ok=True)
    council_id, files = closed.council.id, []
    for result in closed.results:
        for member in result.members:
            _, content = councils.sheet_pdf(demo.rt, member.member, council_id, result.dossier_id)
            path = out / f"phieu-danh-gia-ho-so-{result.dossier_id}-{member.member}.pdf"
            path.write_bytes(content)
            files.append(CouncilFile(path, f"Phiếu đánh giá hồ sơ {result.dossier_id} của "
                                           f"{member.name}"))
    for name, make, what in (("tong-hop-hoi-dong.xlsx", councils.summary, "Bảng tổng hợp điểm"),
                             ("bien-ban-hop.pdf", councils.minutes, "Biên bản họp hội đồng"),
                             ("du-thao-de-nghi.pdf", councils.proposal,
                              "Dự thảo quyết định / tờ trình đề nghị công nhận")):
        path = out / name
        path.write_bytes(make(demo.rt, CHAIR, council_id))
        files.append(CouncilFile(path, what))
    return files


def recognise(demo: Demo, closed: councils.Closed, decision: str, on: date) -> list[CouncilRow]:
    """The province decides from the council's result: recognised, or not recognised for the
    mandatory criterion failed."""
    rows = []
    for result in closed.results:
        failed = result.failed_text()
        if failed:
            dossiers.not_recognise(demo.rt, ADMIN, result.dossier_id,
                                   note=f"Không đạt tiêu chí bắt buộc {failed}")
        else:
            dossiers.certify(demo.rt, ADMIN, result.dossier_id, totals=None, decision=decision,
                             on=on)
        demo.last_step[result.dossier_id] = on
        view = show_dossier(demo.rt, ADMIN, result.dossier_id)
        rows.append(CouncilRow(result.dossier_id, view.product, [m.total for m in result.members],
                               result.average, result.stars, failed, view.state_label))
    return rows


def council_act(demo: Demo, forwarded: list[int], province: str, meeting: date, decision: str,
                folder: Path, say: Callable[[str], None]) -> CouncilOutcome:
    """Three of `forwarded` before the council on `meeting` (a working day at least a week
    ahead of the last step): the province then recognises those that pass from its result."""
    ids = pick_dossiers(demo, forwarded, len(PLANS))
    council_id = in_session(demo, ids, province, meeting)
    score(demo, council_id, ids)
    closed = councils.close(demo.rt, CHAIR, council_id)
    files = printouts(demo, closed, folder / COUNCIL_FOLDER)
    # The results are published the day of the meeting; the province decides on the first
    # working day after the complaint window (5 working days, provisional) has ended.
    published = councils.publish(demo.rt, ADMIN, council_id)
    assert published.complaint_ends_on is not None
    decided = demo.rt.rules.calendar.add_working_days(published.complaint_ends_on, 1)
    demo.on(decided)
    rows = recognise(demo, closed, decision, decided)
    conflicted = ids[next(n for n, plan in enumerate(PLANS) if plan.conflict)]
    name = next(full for login, _, full, _ in MEMBERS if login == CONFLICTED)
    say(f"   Hội đồng tỉnh họp {meeting:%d/%m/%Y}: {len(MEMBERS)} thành viên chấm {len(ids)} hồ "
        f"sơ trên phiếu; {name} không chấm hồ sơ {conflicted} (xung đột lợi ích); "
        f"{sum(1 for r in rows if r.failed)} hồ sơ không đạt tiêu chí bắt buộc")
    return CouncilOutcome(closed.council.name, folder / COUNCIL_FOLDER, rows,
                          f"{name} (hồ sơ {conflicted})", files,
                          any(r.provisional for r in closed.results))
