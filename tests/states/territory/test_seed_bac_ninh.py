"""The Bắc Ninh 2025 seed: the 99 units exactly as published, Bắc Giang's history before them,
and the successions between the two (loaded by `ocop init`, on both databases)."""

import csv
from collections import Counter
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from states.db.models import AdministrativeUnit, UnitSuccession
from states.runtime import Runtime
from states.territory.departments import department_on
from states.territory.seeding import SEEDS_DIR
from use_cases import admin
from use_cases.queries import list_units

CSV = SEEDS_DIR / "bac-ninh-2025-units.csv"


def published() -> list[dict[str, str]]:
    with CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def units(rt: Runtime) -> dict[str, AdministrativeUnit]:
    with rt.transaction() as session:
        return {u.code: u for u in session.scalars(select(AdministrativeUnit))}


def test_the_99_units_with_their_official_codes_and_names(any_rt: Runtime) -> None:
    listed = list_units(any_rt, date(2026, 3, 1))
    assert listed[0].name == "Tỉnh Bắc Ninh"
    communes = listed[1:]
    assert len(communes) == 99
    assert Counter(u.level for u in communes) == {"commune": 66, "ward": 33}
    assert {(u.code, u.name) for u in communes} == {(r["code"], r["name"]) for r in published()}
    assert ("07603", "Xã Nam Dương") in {(u.code, u.name) for u in communes}
    assert all(u.valid_from == date(2025, 7, 1) and u.parent == "Tỉnh Bắc Ninh" for u in communes)


def test_before_the_switch_bac_giang_and_its_ten_districts(any_rt: Runtime) -> None:
    listed = list_units(any_rt, date(2022, 9, 1))
    assert [u.name for u in listed][:2] == ["Tỉnh Bắc Giang", "Thành phố Bắc Giang"]
    assert len(listed) == 11 and {u.level for u in listed[1:]} == {"district"}
    assert "Huyện Việt Yên" in [u.name for u in listed]  # a thị xã only from 1/2/2024
    early_2025 = {u.name for u in list_units(any_rt, date(2025, 3, 1))}
    assert {"Thị xã Việt Yên", "Thị xã Chũ", "Huyện Lục Ngạn"} <= early_2025
    assert "Huyện Yên Dũng" not in early_2025  # merged into the city on 1/1/2025


def test_life_spans_and_successions(rt: Runtime) -> None:
    known = units(rt)
    assert known["bac-giang"].valid_until == date(2025, 6, 30)
    assert known["luc-ngan"].valid_until == date(2025, 6, 30)
    assert known["yen-dung"].valid_until == date(2024, 12, 31)
    assert (known["chu"].valid_from, known["chu"].valid_until) == (date(2025, 1, 1),
                                                                   date(2025, 6, 30))
    with rt.transaction() as session:
        links = {(p, s): (on, split, basis) for p, s, on, split, basis in session.execute(
            select(UnitSuccession.predecessor_id, UnitSuccession.successor_id,
                   UnitSuccession.effective_on, UnitSuccession.split, UnitSuccession.basis))}

    def link(before: str, after: str) -> tuple[date, bool, str]:
        return links[(known[before].id, known[after].id)]

    assert link("bac-giang", "bac-ninh") == (date(2025, 7, 1), False, "202/2025/QH15")
    assert link("yen-dung", "tp-bac-giang") == (date(2025, 1, 1), False, "1191/NQ-UBTVQH15")
    assert link("luc-ngan", "chu")[1] is True  # carved out: Lục Ngạn lived on
    assert link("luc-ngan", "07603") == (date(2025, 7, 1), True, "1658/NQ-UBTVQH15")
    # Each former commune went wholly into one new unit.
    assert link("luc-ngan.xa-tan-moc", "07603") == (date(2025, 7, 1), False, "1658/NQ-UBTVQH15")
    # Nam Dương was in Thị xã Chũ (note 3 of the data README), Tân Mộc in Lục Ngạn.
    assert known["chu.xa-nam-duong"].parent_id == known["chu"].id


def test_every_former_commune_has_its_successor_and_homonyms_their_district(rt: Runtime) -> None:
    known = units(rt)
    with rt.transaction() as session:
        formers = session.scalar(select(func.count()).select_from(UnitSuccession).where(
            UnitSuccession.predecessor_id.in_(
                [u.id for u in known.values() if u.valid_until == date(2025, 6, 30)
                 and u.level in ("commune", "ward", "town")])))
    assert formers == sum(len(r["former_communes"].split(";")) for r in published()) == 313
    yen_the, hiep_hoa = known["yen-the.xa-dong-tien"], known["hiep-hoa.xa-dong-tien"]
    assert (yen_the.name, hiep_hoa.name) == ("Xã Đồng Tiến", "Xã Đồng Tiến")
    assert (yen_the.parent_id, hiep_hoa.parent_id) == (known["yen-the"].id, known["hiep-hoa"].id)


def test_init_again_changes_nothing(any_rt: Runtime) -> None:
    def counts() -> tuple[int, int]:
        with any_rt.transaction() as session:
            return (session.scalar(select(func.count()).select_from(AdministrativeUnit)) or 0,
                    session.scalar(select(func.count()).select_from(UnitSuccession)) or 0)

    before = counts()
    admin.init(any_rt)
    assert counts() == before


def test_the_department_of_the_day_comes_from_the_seed(rt: Runtime) -> None:
    with rt.transaction() as session:
        before = department_on(session, date(2025, 6, 30))
        after = department_on(session, date(2025, 7, 1))
    assert before.name == "Sở Nông nghiệp và Phát triển nông thôn tỉnh Bắc Giang"
    assert before.province_salutation == "UBND tỉnh Bắc Giang"
    assert after.name == "Sở Nông nghiệp và Môi trường tỉnh Bắc Ninh"
    assert after.letterhead == ("UBND TỈNH BẮC NINH", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG")


def test_the_seed_names_the_public_source_of_its_names() -> None:
    text = (SEEDS_DIR / "bac-ninh-2025.toml").read_text(encoding="utf-8")
    for source in ("1658/NQ-UBTVQH15", "1027/CTK-CSCL", "202/2025/QH15", "938/NQ-UBTVQH15",
                   "1191/NQ-UBTVQH15", "https://www.nso.gov.vn/"):
        assert source in text
    assert all(row["source"].startswith("ward-map;gso-codes;nq1658:") for row in published())
    assert Path(SEEDS_DIR / "bac-ninh-2025-units.md").exists()



def test_the_new_units_have_placeholder_contacts_only(rt: Runtime) -> None:
    new = [u for u in units(rt).values() if u.valid_from == date(2025, 7, 1)]
    assert len(new) == 100
    assert all(a.endswith("@example.invalid") for u in new for a in u.contact_emails)


def test_the_2022_seed_alone_still_loads(tmp_path: Path) -> None:
    from tests.conftest import make_runtime

    rt = make_runtime(f"sqlite:///{tmp_path / 'bg.db'}")
    result = admin.init(rt, seed="bac-giang-2022")
    assert (result.province, result.units) == ("Tỉnh Bắc Giang", 10)
    assert len(list_units(rt, date(2030, 1, 1))) == 11  # nothing known to have ended them
    rt.db.dispose()
