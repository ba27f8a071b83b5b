"""What a council's sheets add up to: each member's sheet by part, and the dossier's result once
every member due to score it has submitted (the average of the totals, the star band, the
mandatory criteria failed, the members too far from the mean)."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from states.db.models import Council, CouncilDossier, CouncilMember, MemberSheet, SheetChoice
from states.errors import RuleRefused
from states.evaluation.council_book import Chosen, CouncilBook, load_book
from states.evaluation.council_reads import agenda_item, load_council, membership, sheet_of, who
from states.evaluation.member_sheets import Draft, choices_of, council_sheet, may_read, may_see_council
from states.evaluation.sheet_source import provisional_note
from states.rules.points import format_points
from states.rules.score_sheets import ScoreSheet
from states.rules.scoring import council_average
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.vocabulary import SheetStatus


@dataclass(frozen=True)
class CriterionLine:
    part: str
    code: str
    text: str
    mandatory: bool
    best: float
    option: str | None
    points: float | None
    fails_mandatory: bool


@dataclass(frozen=True)
class SheetView:
    council_id: int
    dossier_id: int
    member: str
    member_name: str
    sheet_code: str
    sheet_title: str
    provisional: bool
    provisional_note: str
    status: SheetStatus
    submitted_at: datetime | None
    parts: dict[str, float]
    part_maxima: dict[str, float]
    total: float
    failed_mandatory: list[str]
    lines: list[CriterionLine] = field(default_factory=list)
    # The draft's version (0 before its first save): a save names it, and is refused when
    # another tab saved since (member_sheets.save_choices).
    version: int = 0


def sheet_lines(sheet: ScoreSheet, chosen: dict[str, tuple[str, float, bool]]) -> list[CriterionLine]:
    return [CriterionLine(part.code, c.code, c.text, c.mandatory, c.best,
                          *(chosen.get(c.code) or (None, None, False)))
            for part in sheet.parts for c in part.criteria]


def member_sheet(rt: Runtime, session: Session, council: Council, item: CouncilDossier,
                 member: CouncilMember) -> SheetView:
    row = sheet_of(session, member.id, item.dossier_id)
    return sheet_view(council, item, member, council_sheet(rt, session, council, item), row,
                      choices_of(session, row.id) if row is not None else [])


def sheet_view(council: Council, item: CouncilDossier, member: CouncilMember, data: ScoreSheet,
               row: MemberSheet | None, choices: Sequence[Chosen | SheetChoice]) -> SheetView:
    chosen = {c.criterion: (c.option, c.points, c.fails_mandatory) for c in choices}
    parts = {part.code: round(sum(c.points for c in choices if c.part == part.code), 2)
             for part in data.parts}
    return SheetView(
        council.id, item.dossier_id, member.user.name, who(member), data.code, data.title,
        data.provisional, provisional_note(data.provisional),
        SheetStatus(row.status) if row is not None else SheetStatus.DRAFT,
        row.submitted_at if row is not None else None, parts,
        {part.code: part.maximum for part in data.parts}, round(sum(parts.values()), 2),
        [c.criterion for c in choices if c.fails_mandatory], sheet_lines(data, chosen),
        row.version if row is not None else 0)


def draft_view(draft: Draft) -> SheetView:
    """The member's own sheet as their save left it (read nothing again)."""
    seat = draft.seat
    return sheet_view(seat.council, seat.item, seat.member, seat.sheet, draft.row, draft.choices)


def book_sheet(rt: Runtime, book: CouncilBook, council: Council, item: CouncilDossier,
               member: CouncilMember) -> SheetView:
    """member_sheet, from a book read once for the whole agenda."""
    row = book.sheet(member, item.dossier_id)
    return sheet_view(council, item, member, book.score_sheet(rt, item.dossier_id), row,
                      book.choices_of(row))


def read_sheet(rt: Runtime, session: Session, actor: str, council_id: int, dossier_id: int,
               member: str | None = None) -> SheetView:
    council = load_council(session, council_id)
    item = agenda_item(session, council, dossier_id)
    seat = membership(session, council, find_user(session, member or actor))
    may_read(session, actor, council, item, seat)
    return member_sheet(rt, session, council, item, seat)


@dataclass(frozen=True)
class MemberTotal:
    member: str
    name: str
    total: float
    off_mean: float
    discrepant: bool


@dataclass(frozen=True)
class DossierResult:
    dossier_id: int
    members: list[MemberTotal]
    average: float
    stars: int
    failed_mandatory: list[str]
    discrepancy_points: float
    discrepancy_acknowledged_by: str | None
    provisional: bool

    @property
    def discrepant(self) -> bool:
        return any(m.discrepant for m in self.members)

    def failed_text(self) -> str | None:
        return ", ".join(self.failed_mandatory) or None


def failed_mandatory(sheets: list[SheetView], share: float) -> list[str]:
    """A mandatory criterion fails the product when at least `share` of the members failed it."""
    codes = dict.fromkeys(code for sheet in sheets for code in sheet.failed_mandatory)
    failing = []
    for code in codes:
        count = sum(code in sheet.failed_mandatory for sheet in sheets)
        if count >= share * len(sheets):
            failing.append(f"{code} ({count}/{len(sheets)} thành viên)")
    return failing


def dossier_result(rt: Runtime, session: Session, council: Council, item: CouncilDossier,
                   book: CouncilBook | None = None) -> DossierResult:
    """The dossier's result from its members' sheets; `book`, when the caller reads the whole
    agenda's, saves reading them again for each dossier."""
    book = book or load_book(session, council, [item])
    missing = book.not_submitted(item.dossier_id)
    if missing:
        raise RuleRefused(f"Hồ sơ {item.dossier_id}: còn {len(missing)} thành viên chưa nộp "
                          f"phiếu ({', '.join(who(m) for m in missing)}).")
    seats = book.scorers(item.dossier_id)
    if not seats:
        raise RuleRefused(f"Hồ sơ {item.dossier_id}: không còn thành viên nào chấm (vắng mặt "
                          "hoặc xung đột lợi ích).")
    sheets = [book_sheet(rt, book, council, item, seat) for seat in seats]
    average = council_average([s.total for s in sheets])
    policy = rt.rules.province.councils
    members = [MemberTotal(s.member, s.member_name, s.total, round(s.total - average, 2),
                           abs(s.total - average) > policy.discrepancy_points) for s in sheets]
    return DossierResult(item.dossier_id, members, average,
                         rt.rules.get(book.rulebook_code).stars_for(average),
                         failed_mandatory(sheets, policy.mandatory_fail_share),
                         policy.discrepancy_points, item.discrepancy_acknowledged_by,
                         item.sheet_provisional)


def result_for(rt: Runtime, session: Session, actor: str, council_id: int,
               dossier_id: int) -> DossierResult:
    """The result as it stands, for anyone who may see the council; refused (and so kept
    confidential) while a member due to score the dossier has not submitted."""
    council = load_council(session, council_id)
    item = agenda_item(session, council, dossier_id)
    may_see_council(session, find_user(session, actor), council)
    return dossier_result(rt, session, council, item)


def discrepancy_text(result: DossierResult) -> str:
    far = [f"{m.name} {format_points(m.total)} ({m.off_mean:+g})" for m in result.members
           if m.discrepant]
    return (f"Hồ sơ {result.dossier_id}: điểm của {', '.join(far)} lệch quá "
            f"{format_points(result.discrepancy_points)} điểm so với trung bình "
            f"{format_points(result.average)}")

