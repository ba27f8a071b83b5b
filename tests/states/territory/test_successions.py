"""Where a dossier goes when its unit is gone: a hand-made territory as the oracle (merged,
split, carved out, chained), without a database."""

from datetime import date

from states.territory.successions import Link, Territory, UnitFacts

END_2024, END_JUNE = date(2024, 12, 31), date(2025, 6, 30)
JAN, JULY = date(2025, 1, 1), date(2025, 7, 1)


def unit(id: int, name: str, level: str, parent: int | None, start: date | None = None,
         until: date | None = None) -> UnitFacts:
    return UnitFacts(id, f"u{id}", name, level, parent, start, until)


# 1 Bắc Giang ─ 2 Lục Ngạn (split 1/7), 3 Yên Dũng (merged into 4 on 1/1), 4 TP Bắc Giang,
# 5 Thị xã Chũ (carved out of Lục Ngạn on 1/1); former communes 11–14; new units 20–23.
TERRITORY = Territory(
    [unit(1, "Tỉnh Bắc Giang", "province", None, until=END_JUNE),
     unit(2, "Huyện Lục Ngạn", "district", 1, until=END_JUNE),
     unit(3, "Huyện Yên Dũng", "district", 1, until=END_2024),
     unit(4, "Thành phố Bắc Giang", "district", 1, until=END_JUNE),
     unit(5, "Thị xã Chũ", "district", 1, JAN, END_JUNE),
     unit(11, "Xã Tân Mộc", "commune", 2, until=END_JUNE),
     unit(12, "Xã Quý Sơn", "commune", 5, until=END_JUNE),
     unit(13, "Phường Tân Liễu", "ward", 4, until=END_JUNE),
     unit(14, "Xã Biển Động", "commune", 2, until=END_JUNE),
     unit(20, "Xã Nam Dương", "commune", 30, JULY),
     unit(21, "Phường Phượng Sơn", "ward", 30, JULY),
     unit(22, "Phường Yên Dũng", "ward", 30, JULY),
     unit(23, "Xã Biển Động", "commune", 30, JULY),
     unit(30, "Tỉnh Bắc Ninh", "province", None, JULY)],
    [(3, Link(4, JAN)), (2, Link(5, JAN)),
     (11, Link(20, JULY)), (12, Link(21, JULY)), (13, Link(22, JULY)), (14, Link(23, JULY)),
     (2, Link(20, JULY)), (2, Link(23, JULY)), (5, Link(21, JULY)), (4, Link(22, JULY)),
     (1, Link(30, JULY))])


def test_a_merged_unit_needs_no_commune() -> None:
    found = TERRITORY.resolve(3, None, JAN)
    assert (found.target, found.via) == (4, "succession")


def test_a_divided_unit_follows_the_producers_commune() -> None:
    assert TERRITORY.resolve(2, 11, JULY).target == 20
    assert TERRITORY.resolve(2, 14, JULY).target == 23


def test_chains_are_followed_through_a_merger_and_a_carve_out() -> None:
    # Yên Dũng went into the city on 1/1/2025, the city into wards on 1/7/2025.
    assert TERRITORY.resolve(3, 13, JULY).target == 22
    # Quý Sơn was in Lục Ngạn in 2022 and in Thị xã Chũ from 2025.
    assert TERRITORY.resolve(2, 12, JULY).target == 21


def test_without_a_commune_a_divided_unit_is_not_guessed() -> None:
    found = TERRITORY.resolve(2, None, JULY)
    assert found.target is None
    assert "chưa xác định xã" in (found.reason or "")
    assert set(found.candidates) == {20, 21, 23}


def test_a_commune_outside_the_units_successors_is_not_guessed_either() -> None:
    found = TERRITORY.resolve(2, 13, JULY)  # a ward of the city given for a Lục Ngạn dossier
    assert found.target is None
    assert "Phường Tân Liễu" in (found.reason or "") and "Phường Yên Dũng" in (found.reason or "")


def test_a_carve_out_leaves_the_unit_valid_until_its_own_end() -> None:
    assert TERRITORY.current(2, JAN) == (2,)
    assert set(TERRITORY.current(2, JULY)) == {20, 21, 23}


def test_related_units_and_ancestors() -> None:
    assert {2, 5, 20, 21, 23} <= TERRITORY.related(2)
    assert 3 in TERRITORY.related(4) and 22 in TERRITORY.related(3)
    assert TERRITORY.ancestors(12) == [12, 5, 1]
