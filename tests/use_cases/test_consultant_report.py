"""The consultant report's counts against ones computed by hand on a small fixture, on SQLite
and on PostgreSQL."""

from datetime import date

import pytest

from states.runtime import Runtime
from states.training.consultant_report import PreparationOutcome
from states.training.preparation_commands import parse_preparation
from tests.builders import REQUIRED_DOCS
from tests.conftest import at
from use_cases import consultants
from use_cases import dossiers as c

ABC = ("Cty TNHH Tư vấn ABC", "Công ty TNHH tư vấn ABC", "CÔNG TY TNHH TƯ VẤN A.B.C")
XANH = "Công ty cổ phần Tư vấn Xanh"
MARCH_1 = date(2022, 3, 1)  # a Tuesday; March 2022 has no public holiday


def registered(rt: Runtime, name: str, day: date = MARCH_1, **who: str) -> int:
    at(rt, day)
    preparation = parse_preparation(who.get("by"), who.get("officer"), who.get("consultant"),
                                    [who["part"]] if "part" in who else [])
    view = c.register_product(rt, "admin", unit="Lục Ngạn", producer=f"HTX {name}",
                              producer_type="cooperative", product=name, group="food",
                              preparation=preparation)
    return view.id


def scored(rt: Runtime, dossier_id: int, points: float, docs: list[str]) -> None:
    at(rt, date(2022, 3, 2))
    c.inspect(rt, "admin", dossier_id, on=date(2022, 3, 2), inspectors=["Nguyễn Văn An"])
    c.score(rt, "admin", dossier_id, totals=[points])
    c.update_documents(rt, "admin", dossier_id, add=docs, remove=[])


def returned(rt: Runtime, dossier_id: int, points: float, docs: list[str], on: date) -> None:
    scored(rt, dossier_id, points, docs)
    at(rt, on)
    c.return_dossier(rt, "admin", dossier_id, reason="Trả lại")


def decided(rt: Runtime, dossier_id: int, district: float, provincial: float, on: date) -> None:
    scored(rt, dossier_id, district, REQUIRED_DOCS)
    c.forward(rt, "admin", dossier_id)
    at(rt, on)
    if provincial < 50:
        c.not_recognise(rt, "admin", dossier_id, totals=[provincial])
    else:
        c.certify(rt, "admin", dossier_id, totals=[provincial], decision="1/QĐ-UBND", on=on)


@pytest.fixture
def fixture(any_rt: Runtime) -> Runtime:
    """Working days after 01/03: 08/03 = 5, 10/03 = 7, 15/03 = 10, 16/03 = 11, 31/03 = 22."""
    rt = any_rt
    returned(rt, registered(rt, "A1", consultant=ABC[0], part="business-plan"), 45, REQUIRED_DOCS,
             date(2022, 3, 8))  # below the threshold
    returned(rt, registered(rt, "A2", consultant=ABC[1], part="whole-dossier"), 60,
             REQUIRED_DOCS[:3], date(2022, 3, 10))  # missing documents
    returned(rt, registered(rt, "A3", consultant=ABC[2], part="testing"), 41, REQUIRED_DOCS[:2],
             date(2022, 3, 10))  # both
    decided(rt, registered(rt, "A4", consultant=ABC[0], part="whole-dossier"), 70, 45,
            date(2022, 3, 16))  # not recognised
    registered(rt, "A2021", date(2021, 9, 1), consultant=ABC[1], part="product-story")
    renewed = registered(rt, "B1", consultant=XANH, part="label-packaging")
    decided(rt, renewed, 80, 75, date(2022, 3, 31))
    decided(rt, registered(rt, "P1", by="producer"), 65, 80, date(2022, 3, 15))
    decided(rt, registered(rt, "P2", by="producer"), 55, 70, date(2022, 3, 31))
    registered(rt, "P3", by="producer")  # still being evaluated
    returned(rt, registered(rt, "O1", officer="admin"), 48, REQUIRED_DOCS, date(2022, 3, 8))
    decided(rt, registered(rt, "O2", officer="admin"), 75, 85, date(2022, 3, 15))
    decided(rt, registered(rt, "nobody said"), 90, 60, date(2022, 3, 15))  # not in the report
    # B1's renewal is prepared by the producer itself: a second evaluation, not yet decided,
    # whose search for a decision must not find the first evaluation's certificate.
    at(rt, date(2022, 4, 4))
    c.open_renewal(rt, "admin", renewed)
    c.set_preparation(rt, "admin", renewed, parse_preparation("producer", None, None, []))
    return rt


def row(who: str, *counts: int, averages: tuple[float | None, ...],
        share: float | None) -> tuple[object, ...]:
    return (who, *counts, *averages, share)


def as_tuple(r: PreparationOutcome) -> tuple[object, ...]:
    return (r.who, r.prepared, r.decided, r.recognised, r.returned, r.returned_below_threshold,
            r.returned_missing_documents, r.not_recognised, r.avg_district_points,
            r.avg_provincial_points, r.avg_working_days_to_decision, r.failed_share)


def test_counts_match_the_hand_computed_ones(fixture: Runtime) -> None:
    report = consultants.report(fixture)
    assert [as_tuple(r) for r in report.rows] == [
        #    prepared decided recognised returned below missing refused
        row("Chủ thể tự làm", 4, 2, 2, 0, 0, 0, 0, averages=(60.0, 75.0, 16.0), share=0.0),
        row("Cán bộ hỗ trợ", 2, 2, 1, 1, 1, 0, 0, averages=(61.5, 85.0, 7.5), share=0.5),
        row(ABC[0], 5, 4, 0, 3, 2, 2, 1, averages=(54.0, 45.0, 7.5), share=1.0),
        row(XANH, 1, 1, 1, 0, 0, 0, 0, averages=(80.0, 75.0, 22.0), share=0.0),
    ]


def test_a_year_takes_the_evaluations_opened_that_year(fixture: Runtime) -> None:
    abc = {r.who: r for r in consultants.report(fixture, 2022).rows}[ABC[0]]
    assert (abc.prepared, abc.decided) == (4, 4)
    only_2021 = consultants.report(fixture, 2021).rows
    assert [(r.who, r.prepared) for r in only_2021] == [
        ("Chủ thể tự làm", 0), ("Cán bộ hỗ trợ", 0), (ABC[0], 1)]


def test_three_spellings_are_one_consultant(fixture: Runtime) -> None:
    assert {k.name: k.dossiers for k in consultants.consultants(fixture)} == {ABC[0]: 5, XANH: 1}
