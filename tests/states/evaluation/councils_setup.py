"""A score sheet built in the test (the shipped sheets come from their own loader), and a
council set up through the real use cases: users, dossiers forwarded, meeting, package."""

from datetime import date

from states.rules.rulebooks import Rulebook
from states.rules.score_sheets import ScoreSheet
from states.runtime import Runtime
from states.vocabulary import CouncilLevel, CouncilRole
from tests.builders import advance, register
from tests.conftest import at
from use_cases import admin
from use_cases import councils as uc
from use_cases.queries import show_dossier


def _criterion(code: str, points: list[float], mandatory: bool = False) -> dict[str, object]:
    return {"code": code, "text": f"Tiêu chí {code}", "mandatory": mandatory,
            "options": [{"code": str(i), "text": f"Mức {i}", "points": p}
                        for i, p in enumerate(points)]}


def fixture_sheet(rulebook: Rulebook, group: str, subgroup: str | None = None) -> ScoreSheet:
    """A to C as 35/25/40 (1048); A0 is mandatory and worth 5: failing it leaves 95 at most."""
    return ScoreSheet.model_validate({
        "code": f"test-{rulebook.code}-{group}", "rulebook": rulebook.code, "group": group,
        "title": "Phiếu đánh giá thử nghiệm", "provisional": True, "source": "tests",
        "parts": [
            {"code": "A", "name": "Sản xuất", "maximum": 35, "criteria": [
                _criterion("A0", [0, 5], mandatory=True), _criterion("A1", [0, 5, 10]),
                _criterion("A2", [0, 10, 15, 20])]},
            {"code": "B", "name": "Tiếp thị", "maximum": 25, "criteria": [
                _criterion("B1", [0, 10, 15, 25])]},
            {"code": "C", "name": "Chất lượng", "maximum": 40, "criteria": [
                _criterion("C1", [0, 20, 30, 40])]},
        ]})


# Option codes per criterion (A0 A1 A2 B1 C1) for a member's total.
SEVENTY = {"A0": "1", "A1": "1", "A2": "2", "B1": "2", "C1": "2"}  # 5+5+15+15+30
EIGHTY = {"A0": "1", "A1": "2", "A2": "1", "B1": "3", "C1": "2"}  # 5+10+10+25+30
EIGHTY_FIVE = {"A0": "1", "A1": "2", "A2": "2", "B1": "3", "C1": "2"}  # 5+10+15+25+30
NINETY_FIVE_FAILED = {"A0": "0", "A1": "2", "A2": "3", "B1": "3", "C1": "3"}  # 0+10+20+25+40
HUNDRED = {"A0": "1", "A1": "2", "A2": "3", "B1": "3", "C1": "3"}
MEMBERS = ["chu-tich", "thu-ky-hd", "uy-vien-1", "uy-vien-2"]
MEETING = date(2022, 3, 7)  # a Monday: the package is due on Thursday 3/3


def seat_people(rt: Runtime) -> None:
    for name in MEMBERS:
        admin.add_user(rt, "admin", name, "department", None, None)


def provincial_council(rt: Runtime, dossiers: int = 1,
                       given: list[int] | None = None) -> tuple[int, list[int]]:
    """A provincial council of four, with `dossiers` forwarded dossiers (or the `given` ones,
    in provincial review already), package sent in time."""
    rt.sheet_finder = fixture_sheet
    seat_people(rt)
    ids = list(given or [])
    for n in range(0 if given else dossiers):
        dossier = register(rt, name=f"Sản phẩm {n}", producer=f"HTX số {n}")
        advance(rt, dossier, "provincial_review")
        ids.append(dossier)
    view = uc.create(rt, "admin", name="Hội đồng OCOP tỉnh đợt 1", level=CouncilLevel.PROVINCIAL,
                     round_code=show_dossier(rt, "admin", ids[0]).round, unit="bac-giang")
    roles = [CouncilRole.CHAIR, CouncilRole.SECRETARY, CouncilRole.MEMBER, CouncilRole.MEMBER]
    uc.add_members(rt, "admin", view.id, list(zip(MEMBERS, roles, strict=True)))
    uc.add_dossiers(rt, "admin", view.id, ids)
    uc.set_meeting(rt, "admin", view.id, MEETING)
    uc.record_package(rt, "admin", view.id, date(2022, 3, 1))
    return view.id, ids


def in_session(rt: Runtime, council_id: int, present: list[str] | None = None) -> None:
    uc.open_session(at(rt, MEETING), "chu-tich", council_id, present)


def score_all(rt: Runtime, council_id: int, dossier_id: int, sheets: dict[str, dict[str, str]],
              submit: bool = True) -> None:
    for member, choices in sheets.items():
        uc.choose(rt, member, council_id, dossier_id, list(choices.items()))
        if submit:
            uc.submit(rt, member, council_id, dossier_id)


FOUR_STARS = {"chu-tich": EIGHTY, "thu-ky-hd": EIGHTY_FIVE, "uy-vien-1": SEVENTY,
              "uy-vien-2": EIGHTY}


def closed_council(rt: Runtime, dossiers: int = 1) -> tuple[int, list[int]]:
    """provincial_council, scored 4 stars on each dossier and closed on the meeting day."""
    council, ids = provincial_council(rt, dossiers)
    in_session(rt, council)
    for dossier in ids:
        score_all(rt, council, dossier, FOUR_STARS)
    uc.close(rt, "chu-tich", council)
    return council, ids
