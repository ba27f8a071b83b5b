"""A council member scores a product on its sub-group's own sheet when the rulebook has one
(QĐ 1048's "Chè tươi, chế biến"), on its group's sheet otherwise: the shipped sheets, no
test finder."""

from datetime import date

from states.runtime import Runtime
from states.vocabulary import CouncilLevel, CouncilRole
from tests.builders import advance
from tests.states.evaluation.councils_setup import MEETING, MEMBERS, in_session, seat_people
from use_cases import councils as uc
from use_cases import dossiers as c
from use_cases.queries import show_dossier


def _product(rt: Runtime, name: str, subgroup: str | None) -> int:
    view = c.register_product(rt, "admin", unit="Huyện Lục Ngạn", producer=f"HTX {name}",
                              producer_type="cooperative", product=name, group="food",
                              subgroup=subgroup)
    advance(rt, view.id, "provincial_review")
    return int(view.id)


def test_a_member_scores_a_sub_group_on_its_own_sheet(rt: Runtime) -> None:
    assert rt.sheet_finder is None  # the shipped sheets
    seat_people(rt)
    tea = _product(rt, "Chè Tân Cương", "chè tươi, chế biến")
    sauce = _product(rt, "Nước mắm Cát Hải", "tuong-nuoc-mam")  # a sub-group with no sheet
    plain = _product(rt, "Vải thiều sấy", None)
    assert show_dossier(rt, "admin", tea).subgroup == "che"
    council = uc.create(rt, "admin", name="Hội đồng OCOP tỉnh", level=CouncilLevel.PROVINCIAL,
                        round_code=show_dossier(rt, "admin", tea).round, unit="bac-giang").id
    roles = [CouncilRole.CHAIR, CouncilRole.SECRETARY, CouncilRole.MEMBER, CouncilRole.MEMBER]
    uc.add_members(rt, "admin", council, list(zip(MEMBERS, roles, strict=True)))
    uc.add_dossiers(rt, "admin", council, [tea, sauce, plain])
    uc.set_meeting(rt, "admin", council, MEETING)
    uc.record_package(rt, "admin", council, date(2022, 3, 1))
    in_session(rt, council)
    # 1.1 of the tea sheet: "c" (75–100 % of the raw tea from the province) is worth 3 points.
    uc.choose(rt, "uy-vien-1", council, tea, [("1.1", "c")])
    mine = uc.sheet(rt, "uy-vien-1", council, tea)
    assert mine.sheet_code == "qd1048-2019-food-che" and "phân nhóm Chè tươi" in mine.sheet_title
    assert mine.provisional and mine.parts["A"] == 3
    assert uc.sheet(rt, "uy-vien-1", council, sauce).sheet_code == "qd1048-2019-food"
    assert uc.sheet(rt, "uy-vien-1", council, plain).sheet_code == "qd1048-2019-food"
    agenda = {d.dossier_id: d for d in uc.show(rt, "admin", council).dossiers}
    assert agenda[tea].sheet_code == "qd1048-2019-food-che"
